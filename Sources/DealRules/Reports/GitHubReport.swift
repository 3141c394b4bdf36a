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
    /// finding's details as it goes (`CheckReport.complete`).
    static func write(_ report: CheckReport, chunks: ReportChunks, into text: inout String) {
        for listed in report.findingList {
            let finding = report.complete(listed)
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
            text.line(GitHubCommands.annotation(command, location: finding.rule.location,
                                                title: "\(finding.rule.flag): \(finding.subject)", message: message))
            chunks.drain(&text)
        }
        for diagnostic in report.errors {
            let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
            text.line(GitHubCommands.annotation(command, location: diagnostic.resolvedLocation,
                                                title: "dealrules \(diagnostic.code)", message: diagnostic.message))
        }
        text.line(report.summaryLine)
        chunks.finish(&text)
    }
}
