import DealRulesModel

/// `--format github`: GitHub Actions workflow commands, one annotation per
/// finding at the rule's location. A finding that fails the run is an
/// `error`; any other medium-or-higher finding (below `--fail-on` or in the
/// baseline) a `warning`; low and info findings a `notice`. Data problems
/// are annotated too, and a plain summary line closes the log.
enum GitHubReport {
    static func render(_ report: CheckReport) -> String {
        var lines: [String] = []
        for finding in report.findings {
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
            lines.append(GitHubCommands.annotation(command, location: finding.rule.location,
                                    title: "\(finding.rule.flag): \(finding.subject)", message: message))
        }
        for diagnostic in report.errors {
            let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
            lines.append(GitHubCommands.annotation(command, location: diagnostic.resolvedLocation,
                                    title: "dealrules \(diagnostic.code)", message: diagnostic.message))
        }
        lines.append(report.summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }
}
