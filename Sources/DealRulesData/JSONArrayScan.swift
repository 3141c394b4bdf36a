#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
    private var depth = 0
    private var inString = false
    /// The top-level array has closed: nothing after it is a boundary.
    private var closed = false
    /// A comma between deals with only white space after it so far.
    private var pendingComma: Int? = nil

    /// Follows the bytes of the current piece not seen yet.
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
            let end = buffer.count
            while index < end {
                let byte = buffer[index]
                if inString {
                    // Most of the text is strings: jump to the next quote
                    // that is not escaped (an odd run of backslashes before
                    // it escapes it; the string's own `"` ends any run).
                    guard let quote = nextQuote(buffer, from: index) else {
                        index = end
                        break
                    }
                    inString = false
                    index = quote + 1
                    continue
                }
                switch byte {
                case 0x20, 0x09, 0x0D:
                    break
                case 0x0A:
                    if let comma = pendingComma {
                        boundaries.append(Boundary(comma: comma, next: index + 1))
                        pendingComma = nil
                    }
                case UInt8(ascii: "\""):
                    inString = true
                    pendingComma = nil
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    pendingComma = nil
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth <= 0 { closed = true }
                    pendingComma = nil
                case UInt8(ascii: ","):
                    pendingComma = depth == 1 && !closed ? index : nil
                default:
                    pendingComma = nil
                }
                index += 1
            }
            seen = end
        }
    }

    /// The first `"` at or after `start` that is not escaped.
    private func nextQuote(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        var index = start
        while index < buffer.count, let found = memchr(base + index, Int32(UInt8(ascii: "\"")), buffer.count - index) {
            let quote = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            var backslashes = 0
            while quote - backslashes - 1 >= 0, buffer[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote }
            index = quote + 1
        }
        return nil
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
            depth = 1
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
        pendingComma = pendingComma.map { $0 - end }
        return taken
    }
}
