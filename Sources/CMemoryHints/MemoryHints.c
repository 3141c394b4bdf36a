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

void dr_release_free_memory(void) {
#if defined(__GLIBC__)
    // Also gives back whole free pages inside the heap, not only at its top.
    malloc_trim(0);
#endif
}
