#ifndef DEALRULES_CMEMORYHINTS_H
#define DEALRULES_CMEMORYHINTS_H

/// Asks the processor to start loading the cache line at `address` for a
/// read soon. Only a hint: it never faults, even for an address that is
/// not mapped, and it changes no result.
static inline void dr_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
