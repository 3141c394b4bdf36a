import DealRules
import DealRulesModel
import Testing

@Suite("Markdown report")
struct MarkdownReportTests {
    private func render(_ report: CheckReport) -> String {
        ReportRenderer.render(report, format: .markdown, options: ReportOptions())
    }

    /// Splits a table row on unescaped pipes.
    private func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { current.append(character); escaped = true; continue }
            if character == "|" { cells.append(current); current = ""; continue }
            current.append(character)
        }
        cells.append(current)
        return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test("a summary table by severity, then one table per flag")
    func structure() {
        let text = render(ReportFixtures.report())
        #expect(text.contains("| severity | findings |\n| --- | ---: |\n| critical | 1 |\n| high | 2 |\n| medium | 8 |\n| low | 1 |\n| info | 2 |\n"))
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(headings == ["### timeline risk (1)", "### unverified figure (5)", "### pricing anomaly (2)", "### long lock-in (1)",
                             "### gas dependence (2)", "### regulatory risk (1)", "### concentration risk (1)",
                             "### portfolio gas exposure (1)", "### Undetermined (4)", "### Compared with the baseline",
                             "### Data problems"])
    }

    @Test("every table row has as many cells as its header, whatever the data")
    func rowsStayRectangular() {
        for report in [ReportFixtures.report(), ReportEdgeFixtures.hostileReport()] {
            var width: Int?
            for line in render(report).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                guard line.hasPrefix("|") else { width = nil; continue }
                let count = cells(line).count
                if let width { #expect(count == width, "row: \(line)") } else { width = count }
            }
        }
    }

    @Test("cells escape pipes, HTML and Markdown syntax and keep one line")
    func cellEscaping() {
        let text = render(ReportEdgeFixtures.hostileReport())
        #expect(!text.contains("<script>"))
        #expect(text.contains("a\\|b &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'q' %0A 100% :, \\\\ \\*bold\\* \\`code\\` \\$5"))
        #expect(text.contains("<br>second"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test("an empty run still has the summary table")
    func empty() {
        let text = render(ReportEdgeFixtures.emptyReport())
        #expect(text.contains("| critical | 0 |"))
        #expect(!text.contains("###"))
    }
}
