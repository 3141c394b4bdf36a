import DealRulesModel

/// `--format json`: one pretty-printed document (CLI.md).
enum JSONReport {
    /// The document, its outcome arrays made one outcome at a time.
    static func streamed(_ report: CheckReport) -> JSONWriter.Streamed {
        var members: [(key: String, value: JSONWriter.Streamed)] = [
            ("version", .value(.integer(ReportJSONEncoding.formatVersion))),
            ("as_of", .value(.string(report.asOf.description))),
            ("findings", .elements(count: report.findingList.count) { position, lane in
                ReportJSONEncoding.finding(report.complete(report.findingList[position], lane: lane))
            }),
            ("undetermined", .elements(count: report.undeterminedList.count) { position, lane in
                ReportJSONEncoding.undetermined(report.complete(report.undeterminedList[position], lane: lane))
            }),
        ]
        if report.showClear {
            members.append(("clear", .elements(count: report.clearList.count) { position, _ in ReportJSONEncoding.clear(report.clearList[position]) }))
        }
        members.append(("errors", .value(.array(report.errors.map(ReportJSONEncoding.error)))))
        if let baseline = report.baseline {
            members.append(("baseline_comparison", .value(ReportJSONEncoding.baselineComparison(baseline))))
        }
        members.append(("summary", .value(ReportJSONEncoding.summary(report))))
        return .object(members)
    }

    static func render(_ report: CheckReport) -> String {
        let outcomes = report.findingList.count + report.undeterminedList.count + (report.showClear ? report.clearList.count : 0)
        var text = ""
        text.reserveCapacity(1024 + outcomes * 600)
        write(report, chunks: ReportChunks(nil), into: &text)
        return text
    }

    /// Writes the report into `text`, handing it on to `chunks` as it grows.
    static func write(_ report: CheckReport, chunks: ReportChunks, into text: inout String) {
        JSONWriter.write(streamed(report), chunks: chunks, into: &text)
        text += "\n"
        chunks.finish(&text)
    }
}
