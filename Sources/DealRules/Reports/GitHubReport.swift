import DealRulesModel

/// `--format github`: GitHub Actions workflow commands, one annotation per
/// finding at the rule's location. A finding that fails the run is an
/// `error`; any other medium-or-higher finding (below `--fail-on` or in the
/// baseline) a `warning`; low and info findings a `notice`. Data problems
/// are annotated too, and a plain summary line closes the log.
enum GitHubReport {
    static func render(_ report: CheckReport) -> String {
        var text = ""
        write(report, chunks: ReportChunks(nil), into: &text)
        return text
    }

    /// Writes the annotations one finding at a time, working out each
    /// finding's details as it goes (`CheckReport.complete`), in stretches
    /// (`LanedText`; tests set `lanes` and `batch`, which leave the text as it is).
    static func write(_ report: CheckReport, chunks: ReportChunks, into text: inout String,
                      lanes: Int = LanedText.lanes, batch: Int = LanedText.batch) {
        LanedText.write(count: report.findingList.count, into: &text, chunks: chunks, lanes: lanes, batch: batch) { range, lane in
            range.reduce(into: "") { piece, index in
                piece.line(annotation(report.complete(report.findingList[index], lane: lane), report: report))
            }
        }
        for diagnostic in report.errors {
            let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
            text.line(GitHubCommands.annotation(command, location: diagnostic.resolvedLocation,
                                                title: "dealrules \(diagnostic.code)", message: diagnostic.message))
        }
        text.line(report.summaryLine)
        chunks.finish(&text)
    }

    /// The annotation of one finding.
    private static func annotation(_ finding: Finding, report: CheckReport) -> String {
        let command: String
        if report.isFailing(finding) {
            command = "error"
        } else if finding.severity >= .medium {
            command = "warning"
        } else {
            command = "notice"
        }
        var message = "[\(finding.severity.rawValue)] \(finding.message) (basis: \(finding.basis.rawValue)"
        message += finding.rule.name == finding.rule.flag ? ")" : "; rule: \(finding.rule.name))"
        if report.baseline != nil { message += finding.baseline ? " [baseline]" : " [new]" }
        for evidence in finding.evidence { message += "\n" + ReportWording.evidenceLine(evidence) }
        return GitHubCommands.annotation(command, location: finding.rule.location,
                                         title: "\(finding.rule.flag): \(finding.subject)", message: message)
    }
}
