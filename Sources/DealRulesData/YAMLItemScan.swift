/// Follows YAML deal data line by line as its bytes arrive, to find where
/// a piece of the file may end: at a line that starts a deal of the
/// top-level list — `- ` at the list's indentation, in a file that is a
/// list of deals or a `deals:` mapping holding one and nothing else.
///
/// It is deliberately narrow. Anything it does not follow — anchors,
/// aliases and tags (which join or reshape parts of a file), document
/// markers and directives, complex keys, tabs in indentation, line breaks
/// other than `\n` and `\r\n`, other keys beside `deals`, text at the
/// list's indentation that does not start a deal — makes the file
/// `unsuitable`, and it is read whole. A place it
/// does find is a place no valid YAML continues across (a quoted string
/// or flow collection cut there does not parse, and then the file is read
/// whole too).
struct YAMLItemScan {
    /// Line starts of deals found so far in the current piece, in order.
    private(set) var itemStarts: [Int] = []
    private(set) var unsuitable = false

    private enum Phase {
        /// Comments and blank lines before the first content line.
        case header
        /// After `deals:`, before its first item.
        case afterWrapper
        /// Inside the list, whose items start at this indentation.
        case items(indent: Int)
    }

    private var phase = Phase.header
    /// Bytes of the current piece looked at so far (always a line start).
    private var seen = 0

    /// Follows the whole lines of the current piece not seen yet.
    mutating func advance(_ bytes: [UInt8]) {
        guard !unsuitable else { return }
        bytes.withUnsafeBufferPointer { buffer in
            var start = seen
            while !unsuitable, start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                guard end < buffer.count else { break } // an unfinished line waits
                line(buffer, from: start, to: end)
                start = end + 1
            }
            seen = start
        }
    }

    /// The current piece ends at `end` (a deal's line start): the next
    /// piece starts there.
    mutating func endPiece(at end: Int) {
        itemStarts = itemStarts.filter { $0 > end }.map { $0 - end }
        seen -= end
    }

    private mutating func line(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        var stop = end
        if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
        if YAMLItemScan.hasOtherLineBreak(buffer, from: start, to: stop) { return markUnsuitable() }
        var index = start
        while index < stop, buffer[index] == 0x20 { index += 1 }
        if index < stop, buffer[index] == 0x09 { return markUnsuitable() }
        guard index < stop, buffer[index] != UInt8(ascii: "#") else { return } // blank or a comment
        let indent = index - start
        if indent == 0, YAMLItemScan.startsDirectiveOrMarker(buffer, at: index, stop: stop) { return markUnsuitable() }
        if YAMLItemScan.hasUnfollowedToken(buffer, from: index, to: stop) { return markUnsuitable() }
        let startsItem = buffer[index] == UInt8(ascii: "-") && (index + 1 == stop || buffer[index + 1] == 0x20)
        switch phase {
        case .header:
            if indent == 0, startsItem {
                phase = .items(indent: 0)
            } else if indent == 0, YAMLItemScan.isDealsKey(buffer, from: index, to: stop) {
                phase = .afterWrapper
            } else {
                markUnsuitable()
            }
        case .afterWrapper:
            guard startsItem else { return markUnsuitable() }
            phase = .items(indent: indent)
        case .items(let itemIndent):
            if indent < itemIndent { return markUnsuitable() }
            if indent == itemIndent {
                guard startsItem else { return markUnsuitable() }
                itemStarts.append(start)
            }
        }
    }

    private mutating func markUnsuitable() {
        unsuitable = true
        itemStarts = []
    }

    /// `---`, `...` or a `%` directive at the start of a line.
    private static func startsDirectiveOrMarker(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, stop: Int) -> Bool {
        if buffer[index] == UInt8(ascii: "%") { return true }
        guard index + 3 <= stop else { return false }
        let first = buffer[index]
        return (first == UInt8(ascii: "-") || first == UInt8(ascii: ".")) && buffer[index + 1] == first && buffer[index + 2] == first
    }

    /// An anchor, alias or tag (`&`, `*`, `!`), a complex key (`?`) or a
    /// merge (`<<`) where a node may start: at the start of the content or
    /// after a space, `[`, `{` or `,`. Inside quotes they are only text,
    /// but telling would need a full scan; such a file is read whole.
    private static func hasUnfollowedToken(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> Bool {
        var previous: UInt8 = 0x20
        var index = start
        while index < stop {
            let byte = buffer[index]
            let atNodeStart = previous == 0x20 || previous == UInt8(ascii: "[") || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",")
            if atNodeStart {
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "?"): return true
                case UInt8(ascii: "<"): if index + 1 < stop, buffer[index + 1] == UInt8(ascii: "<") { return true }
                default: break
                }
            }
            previous = byte
            index += 1
        }
        return false
    }

    /// A line break YAML knows besides `\n` and `\r\n` — a lone `\r`, or
    /// U+0085, U+2028 or U+2029 — would number the lines differently from
    /// the pieces' count of `\n`.
    private static func hasOtherLineBreak(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> Bool {
        var index = start
        while index < stop {
            switch buffer[index] {
            case 0x0D:
                return true
            case 0xC2:
                if index + 1 < stop, buffer[index + 1] == 0x85 { return true }
            case 0xE2:
                if index + 2 < stop, buffer[index + 1] == 0x80, buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9 { return true }
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// `deals:` and nothing after it but spaces or a comment.
    private static func isDealsKey(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> Bool {
        let key = Array("deals:".utf8)
        guard stop - start >= key.count else { return false }
        for offset in 0..<key.count where buffer[start + offset] != key[offset] { return false }
        var index = start + key.count
        while index < stop, buffer[index] == 0x20 { index += 1 }
        return index == stop || buffer[index] == UInt8(ascii: "#") && index > start + key.count
    }
}
