import DealRulesModel

/// A plain text table for the REPL: a header row, a rule of dashes, and
/// left-aligned columns two spaces apart. Cells are cleaned of control
/// characters so data cannot garble the terminal.
struct ReplTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Colour for some cells, by row and column; applied after padding so
    /// escape codes never count towards a column's width.
    private var paints: [Int: [Int: ANSIStyle.Code]] = [:]

    init(_ headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ row: [String], paint: [Int: ANSIStyle.Code] = [:]) {
        if !paint.isEmpty { paints[rows.count] = paint }
        rows.append(row)
    }

    /// Columns are as wide as their widest cell; the last column is not
    /// padded, so long messages simply run on.
    func render(style: ANSIStyle) -> String {
        let cleanRows = rows.map { row in headers.indices.map { index in
            index < row.count ? TerminalText.clean(row[index]).replacingNewlines() : ""
        } }
        var widths = headers.map(\.count)
        for row in cleanRows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String], paint: [Int: ANSIStyle.Code] = [:]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                let padding = isLast ? "" : String(repeating: " ", count: widths[index] - cell.count + 2)
                text += (paint[index].map { style.apply($0, cell) } ?? cell) + padding
            }
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [style.apply(.bold, line(headers))]
        lines.append(line(widths.map { String(repeating: "-", count: $0) }))
        for (index, row) in cleanRows.enumerated() { lines.append(line(row, paint: paints[index] ?? [:])) }
        return lines.joined(separator: "\n")
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
