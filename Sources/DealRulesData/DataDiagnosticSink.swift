import DealRulesModel

/// Collects the diagnostics of one data file and gives each its location
/// and source line. The line table is built only when the first diagnostic
/// needs it, so loading clean data pays nothing for it.
struct DataDiagnosticSink {
    let path: String
    let bytes: [UInt8]
    /// The line number of the first line of `bytes` (a piece of a file
    /// read piece by piece starts further on).
    let firstLine: Int
    private(set) var items: [Diagnostic] = []
    private var lineStarts: [Int]? = nil

    /// Longest source line (in bytes) a diagnostic quotes in full.
    private static let quotedLineLimit = 2_000

    init(path: String, bytes: [UInt8], firstLine: Int = 1) {
        self.path = path
        self.bytes = bytes
        self.firstLine = firstLine
    }

    /// This sink with a path of its own: every location a reader makes
    /// holds the path, and two threads retaining one shared string would
    /// contend for its reference count.
    func withOwnPath() -> DataDiagnosticSink {
        var copy = DataDiagnosticSink(path: String(decoding: Array(path.utf8), as: UTF8.self), bytes: bytes, firstLine: firstLine)
        copy.items = items
        copy.lineStarts = lineStarts
        return copy
    }

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    mutating func report(
        _ code: DataDiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        severity: Diagnostic.Severity = .error,
        notes: [String] = [],
        help: [String] = []
    ) {
        var quoted: String? = nil
        if let location { quoted = sourceLine(location) }
        items.append(Diagnostic(
            severity, code: code.rawValue, message: message, location: location,
            sourceLine: quoted, notes: notes, help: help
        ))
    }

    /// Reports at a byte offset of the file.
    mutating func report(_ code: DataDiagnosticCode, _ message: String, atOffset offset: Int, help: [String] = []) {
        report(code, message, at: location(ofOffset: offset), help: help)
    }

    mutating func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }

    mutating func location(ofOffset offset: Int) -> SourceLocation {
        let starts = table()
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return location(line: low + firstLine, column: DataDiagnosticSink.column(in: bytes, lineStart: starts[low], offset: clamped))
    }

    /// 1-based column of `offset`, counting Unicode scalars from the line start.
    static func column(in bytes: [UInt8], lineStart: Int, offset: Int) -> Int {
        var column = 1
        var index = max(0, lineStart)
        let stop = min(offset, bytes.count)
        while index < stop {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    /// The text of the location's line, without its terminator; nil when
    /// the line is too long to quote usefully.
    private mutating func sourceLine(_ location: SourceLocation) -> String? {
        guard location.path == path else { return nil }
        let starts = table()
        let line = location.line - firstLine + 1
        guard line >= 1, line <= starts.count else { return nil }
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        if end - start > DataDiagnosticSink.quotedLineLimit {
            guard location.column < DataDiagnosticSink.quotedLineLimit / 2 else { return nil }
            end = start + DataDiagnosticSink.quotedLineLimit
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Where each line starts. A JSON array's first piece makes its
    /// unclosed-array error in advance (`JSONArrayPieces`), so this runs
    /// over megabytes of clean data too.
    private mutating func table() -> [Int] {
        if let lineStarts { return lineStarts }
        var starts = [0]
        LineBreaks.forEach(in: bytes, before: bytes.count) { starts.append($0) }
        lineStarts = starts
        return starts
    }
}
