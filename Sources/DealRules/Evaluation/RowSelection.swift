/// The rows of a per-deal rule whose outcome is one kind (findings, say),
/// told by the rule's own outcome codes — one byte a deal, which the run
/// keeps anyway — instead of a list of rows: a report of a large
/// portfolio would otherwise hold 4 bytes for each of millions of
/// outcomes. The `index`th selected row is found through a count of
/// selected rows before each block of 64 (`select`).
struct RowSelection: Sendable {
    private let codes: [RuleOutcomes.Code]
    private let code: RuleOutcomes.Code
    /// Selected rows before each block of `blockSize` rows.
    private let before: [UInt32]
    let count: Int

    private static let blockSize = 64

    init(_ codes: [RuleOutcomes.Code], selecting code: RuleOutcomes.Code) {
        // One byte a code: what `row(at:)` reads eight at a time.
        assert(MemoryLayout<RuleOutcomes.Code>.stride == 1)
        self.codes = codes
        self.code = code
        var before: [UInt32] = []
        before.reserveCapacity(codes.count / RowSelection.blockSize + 1)
        var count = 0
        // A block's matches counted eight codes at a time (`ByteMatch`):
        // a branch on each code would mispredict as often as outcomes change.
        let byte = withUnsafeBytes(of: code) { $0[0] }
        codes.withUnsafeBytes { bytes in
            for start in stride(from: 0, to: bytes.count, by: RowSelection.blockSize) {
                before.append(UInt32(truncatingIfNeeded: count))
                let end = min(start &+ RowSelection.blockSize, bytes.count)
                count &+= ByteMatch.count(byte, in: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            }
        }
        self.before = before
        self.count = count
    }

    /// The row of the `index`th selected outcome (0-based, below `count`).
    func row(at index: Int) -> Int {
        // The last block with at most `index` selected rows before it.
        var low = 0
        var high = before.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(before[middle]) <= index { low = middle } else { high = middle - 1 }
        }
        var remaining = index - Int(before[low])
        // The codes are read eight at a time (`ByteMatch`): the byte a code
        // is stored as (its own, whatever its raw value) marks the matches.
        let byte = withUnsafeBytes(of: code) { $0[0] }
        let pattern = ByteMatch.pattern(byte)
        return codes.withUnsafeBytes { bytes in
            var offset = low * RowSelection.blockSize
            while offset &+ 8 <= bytes.count {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                var matches = ByteMatch.matches(word, pattern)
                let found = ByteMatch.count(ofMatches: matches)
                if remaining < found {
                    while remaining > 0 {
                        matches &= matches &- 1
                        remaining -= 1
                    }
                    return offset &+ matches.trailingZeroBitCount / 8
                }
                remaining -= found
                offset &+= 8
            }
            while offset < bytes.count {
                if bytes[offset] == byte {
                    if remaining == 0 { return offset }
                    remaining -= 1
                }
                offset &+= 1
            }
            preconditionFailure("selected row \(index) of \(count)")
        }
    }

    /// The index among the selected rows of `row`; nil when `row` is not selected.
    func index(ofRow row: Int) -> Int? {
        guard codes.indices.contains(row), codes[row] == code else { return nil }
        let block = row / RowSelection.blockSize
        var index = Int(before[block])
        for earlier in (block * RowSelection.blockSize)..<row where codes[earlier] == code { index += 1 }
        return index
    }

    /// Calls `body` with each selected row, in order.
    func forEachRow(_ body: (Int) -> Void) {
        for (row, each) in codes.enumerated() where each == code { body(row) }
    }

    /// The first selected row, if any.
    var firstRow: Int? { codes.firstIndex(of: code) }
}
