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
    /// `chunks` as it grows. Outcomes are written in stretches
    /// (`LanedText`; tests set `lanes` and `batch`, which leave the text as it is).
    static func write(_ report: CheckReport, chunks: ReportChunks, into text: inout String,
                      lanes: Int = LanedText.lanes, batch: Int = LanedText.batch) {
        LanedText.write(count: report.findingList.count, into: &text, chunks: chunks, lanes: lanes, batch: batch) { range, lane in
            range.reduce(into: "") { piece, index in
                piece += line("finding", ReportJSONEncoding.finding(report.complete(report.findingList[index], lane: lane)))
            }
        }
        LanedText.write(count: report.undeterminedList.count, into: &text, chunks: chunks, lanes: lanes, batch: batch) { range, lane in
            range.reduce(into: "") { piece, index in
                piece += line("undetermined", ReportJSONEncoding.undetermined(report.complete(report.undeterminedList[index], lane: lane)))
            }
        }
        if report.showClear { report.clearList.forEach { text += line("clear", ReportJSONEncoding.clear($0)); chunks.drain(&text) } }
        for error in report.errors { text += line("error", ReportJSONEncoding.error(error)) }
        if let baseline = report.baseline { text += line("baseline_comparison", ReportJSONEncoding.baselineComparison(baseline)) }
        var summary = ReportJSONEncoding.summary(report)
        if case .object(let members) = summary {
            summary = .object([JSONMember("version", .integer(ReportJSONEncoding.formatVersion)),
                               JSONMember("as_of", .string(report.asOf.description))] + members)
        }
        text += line("summary", summary)
        chunks.finish(&text)
    }

    /// One line: the value, compact, with `kind` first.
    private static func line(_ kind: String, _ value: JSONValue) -> String {
        JSONWriter.write(tagged(kind, value), layout: .compact) + "\n"
    }

    /// Puts `kind` first so a line can be dispatched on its first member.
    private static func tagged(_ kind: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object([JSONMember("kind", .string(kind))] + members)
    }
}
