#include "CJSONScan.h"
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The scan looks at 64 bytes at a time: for each byte value that matters
// it makes a 64-bit mask with one bit per byte, works out from the quotes
// which bytes are inside strings, and then visits only the brackets,
// braces and commas outside strings, in order. A block with a backslash
// in it (rare in deal data), or one that starts just after a backslash,
// is followed a byte at a time instead, by the same rules.

enum { BLOCK = 64 };

typedef struct {
    uint64_t quote, backslash, open, close, comma;
} Masks;

#if defined(__SSE2__)
static inline uint64_t masks16(__m128i v, char c, unsigned shift) {
    return (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c))) << shift;
}

static Masks block_masks(const uint8_t *p) {
    Masks m = {0, 0, 0, 0, 0};
    const __m128i lower = _mm_set1_epi8(0x20);
    for (unsigned part = 0; part < 4; part++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * part));
        // `[` and `{`, like `]` and `}`, differ only in the 0x20 bit.
        __m128i folded = _mm_or_si128(v, lower);
        unsigned shift = 16 * part;
        m.quote |= masks16(v, '"', shift);
        m.backslash |= masks16(v, '\\', shift);
        m.open |= masks16(folded, '{', shift);
        m.close |= masks16(folded, '}', shift);
        m.comma |= masks16(v, ',', shift);
    }
    return m;
}
#else
static Masks block_masks(const uint8_t *p) {
    Masks m = {0, 0, 0, 0, 0};
    for (unsigned i = 0; i < BLOCK; i++) {
        uint64_t bit = (uint64_t)1 << i;
        switch (p[i]) {
        case '"': m.quote |= bit; break;
        case '\\': m.backslash |= bit; break;
        case '[': case '{': m.open |= bit; break;
        case ']': case '}': m.close |= bit; break;
        case ',': m.comma |= bit; break;
        default: break;
        }
    }
    return m;
}
#endif

/// Bit i set when an odd number of bits at or below i are set in `x`.
static inline uint64_t prefix_parity(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

static inline unsigned lowest(uint64_t x) { return (unsigned)__builtin_ctzll(x); }

/// The byte-at-a-time rules, over `n` bytes at `p` (offset `base`).
static size_t scan_bytes(const uint8_t *p, size_t n, int64_t base, DRArrayScanState *s,
                         int64_t *commas, int64_t *nexts) {
    size_t written = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t byte = p[i];
        if (s->in_string) {
            if (s->escaped) s->escaped = 0;
            else if (byte == '\\') s->escaped = 1;
            else if (byte == '"') s->in_string = 0;
            continue;
        }
        switch (byte) {
        case ' ': case '\t': case '\r':
            break;
        case '\n':
            if (s->pending_comma >= 0) {
                commas[written] = s->pending_comma;
                nexts[written] = base + (int64_t)i + 1;
                written++;
            }
            s->pending_comma = -1;
            break;
        case '"':
            s->in_string = 1;
            s->pending_comma = -1;
            break;
        case '[': case '{':
            s->depth++;
            s->pending_comma = -1;
            break;
        case ']': case '}':
            s->depth--;
            if (s->depth <= 0) s->closed = 1;
            s->pending_comma = -1;
            break;
        case ',':
            s->pending_comma = s->depth == 1 && !s->closed ? base + (int64_t)i : -1;
            break;
        default:
            s->pending_comma = -1;
            break;
        }
    }
    return written;
}

/// A comma between deals (`s->pending_comma`) that only white space has
/// followed up to byte `from` of the block: the first other byte decides
/// it — a line break makes a boundary, anything else none — and none in
/// the block leaves it pending. A byte at a time: it is usually the next.
static inline size_t settle_comma(const uint8_t *p, size_t n, size_t from, int64_t base, DRArrayScanState *s,
                                  int64_t *commas, int64_t *nexts) {
    for (size_t j = from; j < n; j++) {
        uint8_t byte = p[j];
        if (byte == ' ' || byte == '\t' || byte == '\r') continue;
        size_t written = 0;
        if (byte == '\n') {
            commas[0] = s->pending_comma;
            nexts[0] = base + (int64_t)j + 1;
            written = 1;
        }
        s->pending_comma = -1;
        return written;
    }
    return 0;
}

size_t dr_scan_json_array(const uint8_t *bytes, size_t count, size_t *position, DRArrayScanState *s,
                          int64_t *commas, int64_t *nexts, size_t capacity) {
    size_t written = 0;
    size_t at = *position;
    while (at < count && written + BLOCK <= capacity) {
        size_t n = count - at < BLOCK ? count - at : BLOCK;
        const uint8_t *p = bytes + at;
        uint8_t padded[BLOCK];
        if (n < BLOCK) {
            memcpy(padded, p, n);
            memset(padded + n, 0, BLOCK - n);
            p = padded;
        }
        uint64_t valid = n == BLOCK ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
        Masks m = block_masks(p);
        if ((m.backslash & valid) != 0 || s->escaped) {
            written += scan_bytes(p, n, (int64_t)at, s, commas + written, nexts + written);
            at += n;
            continue;
        }
        // Inside a string: from an opening quote up to, not including, its
        // closing one (which flips the parity back).
        uint64_t inside = prefix_parity(m.quote & valid);
        if (s->in_string) inside = ~inside;
        int ends_in_string = (int)((inside >> (n - 1)) & 1);
        // A closing quote is the first outside byte after a string; an
        // opening one the first inside. Neither is a bracket or a comma.
        uint64_t structural = (m.open | m.close | m.comma) & ~inside & valid;
        int64_t base = (int64_t)at;
        if (s->pending_comma >= 0) {
            written += settle_comma(p, n, 0, base, s, commas + written, nexts + written);
        }
        while (structural) {
            unsigned i = lowest(structural);
            structural &= structural - 1;
            // Anything but white space between a pending comma and this byte
            // was settled above or below; a bracket or comma itself clears it.
            s->pending_comma = -1;
            uint64_t bit = (uint64_t)1 << i;
            if (m.open & bit) {
                s->depth++;
            } else if (m.close & bit) {
                s->depth--;
                if (s->depth <= 0) s->closed = 1;
            } else if (s->depth == 1 && !s->closed) {
                s->pending_comma = base + (int64_t)i;
                written += settle_comma(p, n, i + 1, base, s, commas + written, nexts + written);
            }
        }
        s->in_string = (uint8_t)ends_in_string;
        at += n;
    }
    *position = at;
    return written;
}
