/// A plain text table for the REPL: a header row, a rule of dashes, and
/// left-aligned columns two spaces apart. Cells are cleaned of control
/// characters so data cannot garble the terminal.
struct ReplTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ row: [String]) {
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
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                text += isLast ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [style.apply(.bold, line(headers))]
        lines.append(line(widths.map { String(repeating: "-", count: $0) }))
        lines += cleanRows.map(line)
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Table cells stay on one line.
    func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}
