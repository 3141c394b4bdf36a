import DealRulesModel

/// `--format markdown`: a summary table by severity, then one table per
/// flag, then the undetermined outcomes — sized for a pull-request comment
/// or `$GITHUB_STEP_SUMMARY`. Cells are escaped so data cannot break the
/// table or inject HTML.
enum MarkdownReport {
    static func render(_ report: CheckReport) -> String {
        var lines = ["## DealRules check as of \(report.asOf)", ""]
        lines.append("\(ReportWording.count(report.dealCount, "deal")), \(ReportWording.count(report.rules.count, "rule")): "
            + "**\(ReportWording.count(report.findings.count, "finding"))**, \(report.undetermined.count) undetermined"
            + (report.hasFailingFindings ? " — **the check fails**" : "") + ".")
        lines.append("")

        let counts = report.countsBySeverity
        lines += ["| severity | findings |", "| --- | ---: |"]
        for level in Severity.allCases.reversed() { lines.append("| \(level.rawValue) | \(counts[level] ?? 0) |") }

        let showBaseline = report.baseline != nil
        let byFlag = Dictionary(grouping: report.findings, by: \.rule.flag)
        for flag in report.orderedFlags {
            guard let findings = byFlag[flag], !findings.isEmpty else { continue }
            lines += ["", "### \(cell(flag)) (\(findings.count))", ""]
            lines.append("| deal | severity | message | basis |" + (showBaseline ? " baseline |" : ""))
            lines.append("| --- | --- | --- | --- |" + (showBaseline ? " --- |" : ""))
            for finding in findings {
                var row = "| \(cell(finding.subject)) | \(finding.severity.rawValue) | \(cell(finding.message)) | \(finding.basis.rawValue) |"
                if showBaseline { row += finding.baseline ? " known |" : " **new** |" }
                lines.append(row)
            }
        }

        if !report.undetermined.isEmpty {
            lines += ["", "### Undetermined (\(report.undetermined.count))", ""]
            lines += ["| deal | flag | why |", "| --- | --- | --- |"]
            for outcome in report.undetermined {
                let why = outcome.reasons.map(ReportWording.reason).joined(separator: "; ")
                lines.append("| \(cell(outcome.subject)) | \(cell(outcome.rule.flag)) | \(cell(why.isEmpty ? "unknown" : why)) |")
            }
        }

        if let baseline = report.baseline {
            lines += ["", "### Compared with the baseline", ""]
            lines.append("\(baseline.new.count) new, \(baseline.resolved.count) resolved (baseline \(cell(baseline.baselinePath))).")
            if !baseline.new.isEmpty || !baseline.resolved.isEmpty { lines.append("") }
            for key in baseline.new { lines.append("- new: \(describe(key))") }
            for key in baseline.resolved { lines.append("- resolved: \(describe(key))") }
        }

        if !report.errors.isEmpty {
            lines += ["", "### Data problems", ""]
            for diagnostic in report.errors { lines.append("- \(cell(diagnostic.description))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ key: FindingKey) -> String {
        "\(cell(key.flag)) for \(cell(key.subject))" + (key.rule == key.flag ? "" : " (rule \(cell(key.rule)))")
    }

    /// A table cell: `\` and `|` escaped, HTML-significant characters as
    /// entities, Markdown emphasis and link characters escaped, line breaks
    /// as `<br>`.
    static func cell(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "|": output += "\\|"
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "*", "_", "`", "[", "]", "$": output += "\\" + String(scalar)
            case "\r": break
            case "\n": output += "<br>"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { output += " " } else { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }
}
