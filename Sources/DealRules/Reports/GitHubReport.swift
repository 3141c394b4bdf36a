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
            lines.append(annotation(command, location: finding.rule.location,
                                    title: "\(finding.rule.flag): \(finding.subject)", message: message))
        }
        for diagnostic in report.errors {
            let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
            lines.append(annotation(command, location: diagnostic.resolvedLocation,
                                    title: "dealrules \(diagnostic.code)", message: diagnostic.message))
        }
        lines.append(report.summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `::error file=F,line=L,col=C,title=T::message`.
    static func annotation(_ command: String, location: SourceLocation?, title: String, message: String) -> String {
        var properties: [String] = []
        if let location {
            properties.append("file=" + escapeProperty(location.path))
            if location.line >= 1 { properties.append("line=\(location.line)") }
            if location.column >= 1 { properties.append("col=\(location.column)") }
        }
        properties.append("title=" + escapeProperty(title))
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// Workflow-command data: `%`, CR and LF are percent-encoded.
    static func escapeData(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Workflow-command property values: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        var output = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
