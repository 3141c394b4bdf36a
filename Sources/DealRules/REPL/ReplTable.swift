import DealRulesModel

/// A plain text table for the REPL: a header row, a rule of dashes, and
/// left-aligned columns two spaces apart. Cells are cleaned of control
/// characters so data cannot garble the terminal.
struct ReplTable {
    let headers: [String]
    /// Cells as shown: cleaned, on one line, as many as there are headers.
    private var rows: [[String]] = []
    /// Each column's width so far: its widest cell, header included.
    private var widths: [Int]
    /// Colour for some cells, in the order of their rows; applied after
    /// padding so escape codes never count towards a column's width.
    private var paints: [(row: Int, column: Int, code: ANSIStyle.Code)] = []

    init(_ headers: [String]) {
        self.headers = headers
        widths = headers.map(\.count)
    }

    /// Cells are cleaned as they are added, so that a table of many rows
    /// is held once, not again as it is rendered.
    mutating func add(_ row: [String], paint: [Int: ANSIStyle.Code] = [:]) {
        let cells = headers.indices.map { index in
            index < row.count ? TerminalText.clean(row[index]).replacingNewlines() : ""
        }
        for (index, cell) in cells.enumerated() { widths[index] = max(widths[index], cell.count) }
        for (column, code) in paint.sorted(by: { $0.key < $1.key }) { paints.append((rows.count, column, code)) }
        rows.append(cells)
    }

    /// Columns are as wide as their widest cell; the last column is not
    /// padded, so long messages simply run on.
    func render(style: ANSIStyle) -> String {
        var paint = 0
        /// Appends one row's cells, padded, with no trailing blanks (an
        /// empty last cell leaves its padding); `row` is the row's index
        /// among the added rows, whose colours it takes.
        func line(_ cells: [String], row: Int?, into text: inout String) {
            let start = text.endIndex
            for (index, cell) in cells.enumerated() {
                var code: ANSIStyle.Code? = nil
                if let row, paint < paints.count, paints[paint].row == row, paints[paint].column == index {
                    code = paints[paint].code
                    paint += 1
                }
                text += code.map { style.apply($0, cell) } ?? cell
                if index < cells.count - 1 { text += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            while text.endIndex > start, text.last == " " { text.removeLast() }
        }
        var header = ""
        line(headers, row: nil, into: &header)
        var text = style.apply(.bold, header) + "\n"
        line(widths.map { String(repeating: "-", count: $0) }, row: nil, into: &text)
        for (index, row) in rows.enumerated() {
            text += "\n"
            line(row, row: index, into: &text)
        }
        return text
    }
}

extension ReplTable {
    /// The colours of the check report: critical/high red, medium yellow,
    /// low blue, info dim.
    static func colour(of severity: Severity) -> ANSIStyle.Code {
        switch severity {
        case .critical: return .boldRed
        case .high: return .red
        case .medium: return .yellow
        case .low: return .blue
        case .info: return .dim
        }
    }
}

extension String {
    /// Table cells stay on one line.
    func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}
