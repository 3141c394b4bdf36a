#ifndef DEALRULES_CMEMORYHINTS_H
#define DEALRULES_CMEMORYHINTS_H

/// Asks the processor to start loading the cache line at `address` for a
/// read soon. Only a hint: it never faults, even for an address that is
/// not mapped, and it changes no result.
static inline void dr_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Has malloc map every block of 128 KiB or more on its own and give it
/// back to the system when it is freed. By default glibc raises that
/// threshold after the first large free, after which the columns of one
/// step stay resident, unused, while the next step allocates elsewhere
/// (tens of megabytes over a large portfolio). Only a hint: it changes no
/// result, and does nothing where the C library has no such setting.
void dr_return_large_blocks(void);

/// Gives the pages of freed memory back to the system. Loading leaves
/// freed working memory (parsed YAML, a file's pieces) between the deals
/// it keeps; those pages stay resident until given back. Only a hint: it
/// changes no result, and does nothing where the C library has no such call.
void dr_release_free_memory(void);

#endif
