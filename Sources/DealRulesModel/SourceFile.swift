/// One piece of rule text (a file, a REPL line, a test fixture) with the
/// line table needed to turn byte offsets into `line:column` positions.
///
/// A class so that spans can point at their source cheaply; it is immutable
/// and therefore safe to share across threads.
public final class SourceFile: Sendable {
    public let path: String
    public let text: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line (line 1 is index 0).
    public let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line and column of a byte offset. Columns count Unicode
    /// scalars, so a caret lines up under non-ASCII text.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        var column = 1
        var index = lineStart
        while index < clamped {
            // Count only scalar starts (bytes that are not UTF-8 continuation bytes).
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(path: path, line: low + 1, column: column)
    }

    /// The text of a 1-based line without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The source text covered by a byte range.
    public func slice(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, bytes.count))
        let upper = max(lower, min(end, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

/// A position a person can find: `path:line:column`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }
}

/// A byte range in one source file.
public struct Span: Sendable, CustomStringConvertible {
    public let source: SourceFile
    public var start: Int
    public var end: Int

    public init(source: SourceFile, start: Int, end: Int) {
        self.source = source
        self.start = start
        self.end = max(start, end)
    }

    public var location: SourceLocation { source.location(ofOffset: start) }
    public var text: String { source.slice(start, end) }

    /// The smallest span covering both (they must share a source).
    public func through(_ other: Span) -> Span {
        guard other.source === source else { return self }
        return Span(source: source, start: min(start, other.start), end: max(end, other.end))
    }

    public var description: String { location.description }
}
