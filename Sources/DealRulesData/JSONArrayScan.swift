import CJSONScan

/// Follows the structure of a JSON array of deals as its bytes arrive —
/// strings, escapes and brackets, nothing more — to find where a piece of
/// the file may end: after a line break that follows a comma between two
/// deals of the top-level array. Such a place cannot be inside a string
/// (a string cannot hold a raw line break), and in text the reader accepts
/// up to it, it is exactly where the reader stands after a deal and its
/// comma; text the reader does not accept stops the reading before it.
struct JSONArrayScan {
    /// A place a piece may end.
    struct Boundary: Equatable {
        /// The comma after a deal.
        var comma: Int
        /// Just after the line break that follows it: the next piece's start.
        var next: Int
    }

    /// The places found so far in the current piece's bytes, in order.
    private(set) var boundaries: [Boundary] = []
    /// Where the top-level `[` is in the first piece; nil until it is seen.
    private(set) var open: Int? = nil
    /// The text does not start with `[` (after an optional byte-order mark
    /// and white space): it is not an array, and has no boundaries.
    private(set) var notAnArray = false

    /// Bytes of the current piece seen so far.
    private var seen = 0
    /// Depth, strings and escapes, whether the top-level array has closed
    /// (nothing after it is a boundary), and a comma between deals with
    /// only white space after it so far (`pending_comma`, -1 for none).
    private var state = DRArrayScanState(depth: 0, pending_comma: -1, in_string: 0, escaped: 0, closed: 0)

    /// Follows the bytes of the current piece not seen yet.
    ///
    /// Every byte of the file passes through here on one thread before
    /// the halves of a piece are read on two, so the work is done in C
    /// (`dr_scan_json_array`), 64 bytes at a time with vector compares
    /// where the processor has them: byte by byte it was a quarter of
    /// the instructions of loading a large array.
    mutating func advance(_ bytes: [UInt8]) {
        guard seen < bytes.count, !notAnArray else { return }
        bytes.withUnsafeBufferPointer { buffer in
            var index = seen
            if open == nil {
                index = findOpen(buffer, from: index)
                if notAnArray || open == nil {
                    seen = buffer.count
                    return
                }
            }
            guard let base = buffer.baseAddress else { return }
            let capacity = 4_096
            var commas = [Int64](repeating: 0, count: capacity)
            var nexts = [Int64](repeating: 0, count: capacity)
            var position = index
            while position < buffer.count {
                let found = commas.withUnsafeMutableBufferPointer { commas in
                    nexts.withUnsafeMutableBufferPointer { nexts in
                        dr_scan_json_array(base, buffer.count, &position, &state, commas.baseAddress, nexts.baseAddress, capacity)
                    }
                }
                for place in 0..<found {
                    boundaries.append(Boundary(comma: Int(commas[place]), next: Int(nexts[place])))
                }
            }
            seen = buffer.count
        }
    }

    /// Skips a byte-order mark and white space to the first byte of the
    /// text; notes whether it opens an array.
    private mutating func findOpen(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if index == 0, buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        while index < buffer.count, buffer[index] == 0x20 || buffer[index] == 0x0A || buffer[index] == 0x0D || buffer[index] == 0x09 {
            index += 1
        }
        guard index < buffer.count else { return index }
        if buffer[index] == UInt8(ascii: "[") {
            open = index
            state.depth = 1
            return index + 1
        }
        notAnArray = true
        return index
    }

    /// The current piece ends at `end` (a boundary's `next`): the
    /// boundaries up to it are handed back, and what follows becomes the
    /// start of the next piece.
    mutating func endPiece(at end: Int) -> [Boundary] {
        let split = boundaries.firstIndex { $0.next > end } ?? boundaries.count
        let taken = Array(boundaries[..<split])
        boundaries = boundaries[split...].map { Boundary(comma: $0.comma - end, next: $0.next - end) }
        seen -= end
        if state.pending_comma >= 0 { state.pending_comma -= Int64(end) }
        return taken
    }
}
