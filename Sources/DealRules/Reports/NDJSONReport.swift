import DealRulesModel

/// `--format ndjson`: one compact object per line, each with a `kind`.
enum NDJSONReport {
    static func render(_ report: CheckReport) -> String {
        var text = ""
        write(report, chunks: ReportChunks(nil), into: &text)
        return text
    }

    /// Writes the report line by line into `text`, working out each
    /// outcome's details just before its line and handing the text on to
    /// `chunks` as it grows.
    static func write(_ report: CheckReport, chunks: ReportChunks, into text: inout String) {
        func line(_ kind: String, _ value: JSONValue) {
            text += JSONWriter.write(tagged(kind, value), layout: .compact)
            text += "\n"
            chunks.drain(&text)
        }
        report.findingList.forEach { line("finding", ReportJSONEncoding.finding(report.complete($0))) }
        report.undeterminedList.forEach { line("undetermined", ReportJSONEncoding.undetermined(report.complete($0))) }
        if report.showClear { report.clearList.forEach { line("clear", ReportJSONEncoding.clear($0)) } }
        for error in report.errors { line("error", ReportJSONEncoding.error(error)) }
        if let baseline = report.baseline { line("baseline_comparison", ReportJSONEncoding.baselineComparison(baseline)) }
        var summary = ReportJSONEncoding.summary(report)
        if case .object(let members) = summary {
            summary = .object([JSONMember("version", .integer(ReportJSONEncoding.formatVersion)),
                               JSONMember("as_of", .string(report.asOf.description))] + members)
        }
        line("summary", summary)
        chunks.finish(&text)
    }

    /// Puts `kind` first so a line can be dispatched on its first member.
    private static func tagged(_ kind: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object([JSONMember("kind", .string(kind))] + members)
    }
}
