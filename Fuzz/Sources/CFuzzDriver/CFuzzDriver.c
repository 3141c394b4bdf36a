// The driver itself is in libFuzzer; this target only declares it.
#include "CFuzzDriver.h"
