import DealRulesModel

/// `--format json`: one pretty-printed document (CLI.md).
enum JSONReport {
    static func document(_ report: CheckReport) -> JSONValue {
        var members = [
            JSONMember("version", .integer(ReportJSONEncoding.formatVersion)),
            JSONMember("as_of", .string(report.asOf.description)),
            JSONMember("findings", .array(report.findings.map(ReportJSONEncoding.finding))),
            JSONMember("undetermined", .array(report.undetermined.map(ReportJSONEncoding.undetermined))),
        ]
        if report.showClear {
            members.append(JSONMember("clear", .array(report.clear.map(ReportJSONEncoding.clear))))
        }
        members.append(JSONMember("errors", .array(report.errors.map(ReportJSONEncoding.error))))
        if let baseline = report.baseline {
            members.append(JSONMember("baseline_comparison", ReportJSONEncoding.baselineComparison(baseline)))
        }
        members.append(JSONMember("summary", ReportJSONEncoding.summary(report)))
        return .object(members)
    }

    /// The text of `document(report)`, written outcome by outcome.
    static func render(_ report: CheckReport) -> String {
        let outcomes = report.findings.count + report.undetermined.count + (report.showClear ? report.clear.count : 0)
        var text = ""
        text.reserveCapacity(1024 + outcomes * 600)
        write(report, chunks: ReportChunks(nil), into: &text)
        return text
    }

    /// Writes the report into `text`, handing it on to `chunks` as it grows.
    static func write(_ report: CheckReport, chunks: ReportChunks, into text: inout String) {
        var members: [JSONWriter.StreamedMember] = [
            .value("version", .integer(ReportJSONEncoding.formatVersion)),
            .value("as_of", .string(report.asOf.description)),
            .array("findings", count: report.findings.count) { ReportJSONEncoding.finding(report.findings[$0]) },
            .array("undetermined", count: report.undetermined.count) { ReportJSONEncoding.undetermined(report.undetermined[$0]) },
        ]
        if report.showClear {
            members.append(.array("clear", count: report.clear.count) { ReportJSONEncoding.clear(report.clear[$0]) })
        }
        members.append(.value("errors", .array(report.errors.map(ReportJSONEncoding.error))))
        if let baseline = report.baseline {
            members.append(.value("baseline_comparison", ReportJSONEncoding.baselineComparison(baseline)))
        }
        members.append(.value("summary", ReportJSONEncoding.summary(report)))
        JSONWriter.writeDocument(members, chunks: chunks, into: &text)
        text += "\n"
        chunks.finish(&text)
    }
}
