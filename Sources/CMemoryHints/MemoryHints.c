// The prefetch hint is a static inline function in the header.
#include "CMemoryHints.h"
#include <stdlib.h> // defines __GLIBC__ where the C library is glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void dr_return_large_blocks(void) {
#if defined(__GLIBC__)
    // Setting the threshold also turns off glibc's raising of it.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}
