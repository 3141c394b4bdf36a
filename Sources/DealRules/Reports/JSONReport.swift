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

    static func render(_ report: CheckReport) -> String {
        JSONWriter.write(document(report), layout: .pretty) + "\n"
    }
}
