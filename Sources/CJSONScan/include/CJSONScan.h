#ifndef DEALRULES_CJSONSCAN_H
#define DEALRULES_CJSONSCAN_H

#include <stddef.h>
#include <stdint.h>

/// Where a scan of a JSON array of deals stands between calls: the
/// nesting depth (the top-level array is 1), the offset of a comma
/// between top-level deals that only white space has followed so far
/// (-1 for none), and whether the scan is inside a string, just after a
/// backslash in one, or past the end of the top-level array.
typedef struct {
    int64_t depth;
    int64_t pending_comma;
    uint8_t in_string;
    uint8_t escaped;
    uint8_t closed;
} DRArrayScanState;

/// Follows `bytes[*position ..< count]` as `JSONArrayScan` does, writing
/// each place a piece may end — the offset of the comma after a deal and
/// the offset just after the line break that follows it — into `commas`
/// and `nexts`, and returns how many it wrote. It stops early, at the end
/// of a block, when fewer than 64 places are left free (`capacity` must
/// be at least 128); `*position` is where it stopped, `count` when done.
size_t dr_scan_json_array(const uint8_t *bytes, size_t count, size_t *position, DRArrayScanState *state,
                          int64_t *commas, int64_t *nexts, size_t capacity);

#endif
