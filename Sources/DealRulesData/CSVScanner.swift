/// One cell of a CSV row with where it starts.
struct CSVCell {
    var text: String
    var line: Int
    var column: Int
}

/// One record of a CSV file (it may span lines inside quotes).
struct CSVRow {
    var cells: [CSVCell]
    var line: Int
    /// An empty line: not a record at all.
    var isBlank: Bool { cells.count == 1 && cells[0].text.isEmpty && !hasQuotes }
    var hasQuotes = false
}

/// Splits RFC 4180 CSV into rows: `,` between cells, LF or CRLF between
/// rows, `"` around cells that hold commas, quotes (doubled) or newlines.
struct CSVScanner {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private let maxCellLength: Int
    private var markOffset = 0
    private var markColumn = 1
    /// How many cells the last row had: room for the next row's is made
    /// once, not grown cell by cell.
    private var lastCellCount = 0

    /// `firstLine` is the number of the first line of `bytes`; a byte
    /// order mark is skipped only at the start of the file.
    init(bytes: [UInt8], maxCellLength: Int, firstLine: Int = 1, atFileStart: Bool = true) {
        self.bytes = bytes
        self.maxCellLength = maxCellLength
        self.line = firstLine
        if atFileStart, CSVScanner.startsWithByteOrderMark(bytes) {
            index = 3
            lineStart = 3
        }
    }

    static func startsWithByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    enum Failure: Error {
        /// Reported; the scanner skipped to the next line and may continue.
        case badRow
        /// Reported; nothing more can be read.
        case fatal
    }

    /// The next row, nil at the end of the input.
    mutating func nextRow(_ sink: inout DataDiagnosticSink) throws(Failure) -> CSVRow? {
        guard index < bytes.count else { return nil }
        var row = CSVRow(cells: [], line: line)
        row.cells.reserveCapacity(lastCellCount)
        defer { lastCellCount = row.cells.count }
        while true {
            let cellLine = line
            let cellColumn = column(at: index)
            let text: String
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                row.hasQuotes = true
                var buffer: [UInt8] = []
                try readQuoted(into: &buffer, sink: &sink)
                text = String(decoding: buffer, as: UTF8.self)
            } else {
                // Unquoted: the cell is a slice of the input, up to `,` or the line end.
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != 0x0A { index += 1 }
                var end = index
                if end > start, bytes[end - 1] == 0x0D, index >= bytes.count || bytes[index] == 0x0A { end -= 1 }
                if end - start > maxCellLength {
                    sink.report(.stringTooLong, "a cell is longer than \(maxCellLength) bytes", at: sink.location(line: cellLine, column: cellColumn))
                    throw .fatal
                }
                text = String(decoding: bytes[start..<end], as: UTF8.self)
            }
            row.cells.append(CSVCell(text: text, line: cellLine, column: cellColumn))
            if index >= bytes.count { return row }
            let separator = bytes[index]
            index += 1
            if separator == 0x0A {
                newLine()
                return row
            }
        }
    }

    /// A quoted cell; `index` is at its opening quote.
    private mutating func readQuoted(into buffer: inout [UInt8], sink: inout DataDiagnosticSink) throws(Failure) {
        let openLine = line
        let openColumn = column(at: index)
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                    buffer.append(byte)
                    index += 2
                    continue
                }
                index += 1
                // After the closing quote: a separator, CRLF or the end.
                if index < bytes.count, bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                if index >= bytes.count || bytes[index] == UInt8(ascii: ",") || bytes[index] == 0x0A { return }
                sink.report(
                    .csvSyntax, "unexpected text after a closing quote", at: sink.location(line: line, column: column(at: index)),
                    help: ["inside a quoted cell, write a quote as two quotes: \"\""]
                )
                skipRestOfLine()
                throw .badRow
            }
            if buffer.count > maxCellLength { break }
            buffer.append(byte)
            index += 1
            if byte == 0x0A { newLine() }
        }
        if buffer.count > maxCellLength {
            sink.report(.stringTooLong, "a cell is longer than \(maxCellLength) bytes", at: sink.location(line: openLine, column: openColumn))
            throw .fatal
        }
        sink.report(.csvSyntax, "the quoted cell opened here is not closed", at: sink.location(line: openLine, column: openColumn))
        throw .fatal
    }

    private mutating func skipRestOfLine() {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        if index < bytes.count {
            index += 1
            newLine()
        }
    }

    private mutating func newLine() {
        line += 1
        lineStart = index
    }

    /// Columns are counted on from the previous cell of the line, so wide
    /// rows cost linear time.
    private mutating func column(at offset: Int) -> Int {
        if markOffset < lineStart || markOffset > offset {
            markOffset = lineStart
            markColumn = 1
        }
        var column = markColumn
        var position = markOffset
        let stop = min(offset, bytes.count)
        // Eight bytes at a time while they are all ASCII (one column each).
        bytes.withUnsafeBytes { raw in
            while position + 8 <= stop,
                  raw.loadUnaligned(fromByteOffset: position, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                position += 8
                column += 8
            }
        }
        while position < offset, position < bytes.count {
            if bytes[position] & 0xC0 != 0x80 { column += 1 }
            position += 1
        }
        markOffset = offset
        markColumn = column
        return column
    }
}
