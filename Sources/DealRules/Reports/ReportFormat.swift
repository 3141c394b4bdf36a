/// The output formats of `dealrules check --format` (CLI.md).
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, ndjson, junit, sarif, github, markdown, html

    /// Whether the format shows clear outcomes one by one (JUnit has a test
    /// case per rule × subject, HTML a cell); the others count them, unless
    /// `--show-clear` asks for the list.
    public func listsClearOutcomes(showClear: Bool) -> Bool {
        switch self {
        case .junit, .html: return true
        case .text, .json, .ndjson: return showClear
        case .sarif, .github, .markdown: return false
        }
    }

    /// The usual file extension, for `--output` defaults and golden files.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .json: return "json"
        case .ndjson: return "ndjson"
        case .junit: return "junit.xml"
        case .sarif: return "sarif"
        case .github: return "github.txt"
        case .markdown: return "md"
        case .html: return "html"
        }
    }
}

/// Settings that change how a report is written, not what it says.
public struct ReportOptions: Sendable {
    /// ANSI colour in the text format (only when writing to a terminal).
    public var color: Bool
    /// The `dealrules` version named in SARIF and HTML output.
    public var toolVersion: String

    public init(color: Bool = false, toolVersion: String = "1.0.0") {
        self.color = color
        self.toolVersion = toolVersion
    }
}

/// Renders a check report in any format. Every format is deterministic:
/// the same report gives the same bytes.
public enum ReportRenderer {
    public static func render(_ report: CheckReport, format: ReportFormat, options: ReportOptions) -> String {
        // Every format works out each outcome's details as it writes it
        // (`CheckReport.complete`), so a report may list outcomes without them.
        switch format {
        case .text: return TextReport.render(report, options: options)
        case .json: return JSONReport.render(report)
        case .ndjson: return NDJSONReport.render(report)
        case .junit: return JUnitReport.render(report, options: options)
        case .sarif: return SARIFReport.render(report, options: options)
        case .github: return GitHubReport.render(report)
        case .markdown: return MarkdownReport.render(report)
        case .html: return HTMLReport.render(report, options: options)
        }
    }

    /// The same text as `render`, handed to `receiver` in pieces of about a
    /// megabyte as it is written, so that a large report is never held whole.
    public static func write(_ report: CheckReport, format: ReportFormat, options: ReportOptions, to receiver: @escaping (String) -> Void) {
        write(report, format: format, options: options, chunkSize: ReportChunks.size, to: receiver)
    }

    static func write(_ report: CheckReport, format: ReportFormat, options: ReportOptions, chunkSize: Int, to receiver: @escaping (String) -> Void) {
        let chunks = ReportChunks(receiver, size: chunkSize)
        var text = ""
        switch format {
        case .text: TextReport.write(report, options: options, chunks: chunks, into: &text)
        case .json: JSONReport.write(report, chunks: chunks, into: &text)
        case .sarif: SARIFReport.write(report, options: options, chunks: chunks, into: &text)
        case .ndjson: NDJSONReport.write(report, chunks: chunks, into: &text)
        case .github: GitHubReport.write(report, chunks: chunks, into: &text)
        case .markdown: MarkdownReport.write(report, chunks: chunks, into: &text)
        case .junit: JUnitReport.write(report, options: options, chunks: chunks, into: &text)
        case .html: HTMLReport.write(report, options: options, chunks: chunks, into: &text)
        }
    }
}
