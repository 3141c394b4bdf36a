/// Finds, eight bytes at a time, the stretch at the start of some text
/// that a report can write as it is: printable ASCII (0x20–0x7E) other
/// than a few bytes the caller names. Reports check every string they
/// write and most need nothing done; the first word holding anything
/// else is left to the caller's byte-by-byte check.
enum PrintableASCII {
    /// How many leading bytes (a multiple of eight) are all printable
    /// ASCII and none of `excluded`.
    static func plainLength(_ bytes: UnsafeBufferPointer<UInt8>, excluding excluded: [UInt8] = []) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var start = 0
        while start + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
            // A byte below 0x20 or from 0x80 up, then 0x7F and the others.
            let below20 = (word &- ones &* 0x20) & ~word & highs
            if (below20 | (word & highs)) != 0 || holds(word, 0x7F) || excluded.contains(where: { holds(word, $0) }) { break }
            start += 8
        }
        return start
    }

    /// Whether any byte of `word` is `byte`: a byte equal to it becomes
    /// zero, and a zero byte is found as `strlen` finds one.
    @inline(__always)
    private static func holds(_ word: UInt64, _ byte: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let spread = word ^ (ones &* UInt64(byte))
        return (spread &- ones) & ~spread & 0x8080_8080_8080_8080 != 0
    }
}
