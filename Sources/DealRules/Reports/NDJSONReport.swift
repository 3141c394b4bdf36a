import DealRulesModel

/// `--format ndjson`: one compact object per line, each with a `kind`.
enum NDJSONReport {
    static func render(_ report: CheckReport) -> String {
        var lines: [JSONValue] = []
        lines += report.findings.map { tagged("finding", ReportJSONEncoding.finding($0)) }
        lines += report.undetermined.map { tagged("undetermined", ReportJSONEncoding.undetermined($0)) }
        if report.showClear { lines += report.clear.map { tagged("clear", ReportJSONEncoding.clear($0)) } }
        lines += report.errors.map { tagged("error", ReportJSONEncoding.error($0)) }
        if let baseline = report.baseline {
            lines.append(tagged("baseline_comparison", ReportJSONEncoding.baselineComparison(baseline)))
        }
        var summary = ReportJSONEncoding.summary(report)
        if case .object(let members) = summary {
            summary = .object([JSONMember("version", .integer(ReportJSONEncoding.formatVersion)),
                               JSONMember("as_of", .string(report.asOf.description))] + members)
        }
        lines.append(tagged("summary", summary))
        return lines.map { JSONWriter.write($0, layout: .compact) + "\n" }.joined()
    }

    /// Puts `kind` first so a line can be dispatched on its first member.
    private static func tagged(_ kind: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object([JSONMember("kind", .string(kind))] + members)
    }
}
