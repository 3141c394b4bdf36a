#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for targets that need their own `main`: SwiftPM
/// names an executable's entry point `<module>_main`, so each target
/// defines that and hands its test function to libFuzzer here.
typedef int (*FuzzTestOneInput)(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, FuzzTestOneInput callback);

#endif
