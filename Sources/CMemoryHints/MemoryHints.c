// The prefetch hint is a static inline function in the header; this file
// exists because a C target needs one source file.
#include "CMemoryHints.h"
