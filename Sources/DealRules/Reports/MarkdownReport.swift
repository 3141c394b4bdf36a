import DealRulesModel

/// `--format markdown`: a summary table by severity, then one table per
/// flag, then the undetermined outcomes — sized for a pull-request comment
/// or `$GITHUB_STEP_SUMMARY`. Cells are escaped so data cannot break the
/// table or inject HTML.
enum MarkdownReport {
    static func render(_ report: CheckReport) -> String {
        var text = ""
        write(report, chunks: ReportChunks(nil), into: &text)
        return text
    }

    /// Writes the report a row at a time, working out each finding's and
    /// undetermined outcome's details as its row is written, in stretches
    /// (`LanedText`; tests set `lanes` and `batch`, which leave the text as it is).
    static func write(_ report: CheckReport, chunks: ReportChunks, into text: inout String,
                      lanes: Int = LanedText.lanes, batch: Int = LanedText.batch) {
        text.line("## DealRules check as of \(report.asOf)")
        text.line("")
        text.line("\(ReportWording.count(report.dealCount, "deal")), \(ReportWording.count(report.rules.count, "rule")): "
            + "**\(ReportWording.count(report.findingList.count, "finding"))**, \(report.undeterminedList.count) undetermined"
            + (report.hasFailingFindings ? " — **the check fails**" : "") + ".")
        text.line("")

        let counts = report.countsBySeverity
        text.line("| severity | findings |")
        text.line("| --- | ---: |")
        for level in Severity.allCases.reversed() { text.line("| \(level.rawValue) | \(counts[level] ?? 0) |") }

        let showBaseline = report.baseline != nil
        // Positions (32 bits each) rather than copies of the findings.
        var byFlag: [String: [UInt32]] = [:]
        for (index, finding) in report.findingList.enumerated() {
            byFlag[finding.rule.flag, default: []].append(UInt32(truncatingIfNeeded: index))
        }
        for flag in report.orderedFlags {
            guard let positions = byFlag[flag], !positions.isEmpty else { continue }
            text.line("")
            text.line("### \(cell(flag)) (\(positions.count))")
            text.line("")
            text.line("| deal | severity | message | basis |" + (showBaseline ? " baseline |" : ""))
            text.line("| --- | --- | --- | --- |" + (showBaseline ? " --- |" : ""))
            LanedText.write(count: positions.count, into: &text, chunks: chunks, lanes: lanes, batch: batch) { range, lane in
                range.reduce(into: "") { piece, index in
                    let finding = report.complete(report.findingList[Int(positions[index])], lane: lane)
                    var row = "| \(cell(finding.subject)) | \(finding.severity.rawValue) | \(cell(finding.message)) | \(finding.basis.rawValue) |"
                    if showBaseline { row += finding.baseline ? " known |" : " **new** |" }
                    piece.line(row)
                }
            }
        }

        if !report.undeterminedList.isEmpty {
            text.line("")
            text.line("### Undetermined (\(report.undeterminedList.count))")
            text.line("")
            text.line("| deal | flag | why |")
            text.line("| --- | --- | --- |")
            LanedText.write(count: report.undeterminedList.count, into: &text, chunks: chunks, lanes: lanes, batch: batch) { range, lane in
                range.reduce(into: "") { piece, index in
                    let outcome = report.complete(report.undeterminedList[index], lane: lane)
                    let why = outcome.reasons.map(ReportWording.reason).joined(separator: "; ")
                    piece.line("| \(cell(outcome.subject)) | \(cell(outcome.rule.flag)) | \(cell(why.isEmpty ? "unknown" : why)) |")
                }
            }
        }

        if let baseline = report.baseline {
            text.line("")
            text.line("### Compared with the baseline")
            text.line("")
            text.line("\(baseline.new.count) new, \(baseline.resolved.count) resolved (baseline \(cell(baseline.baselinePath))).")
            if !baseline.new.isEmpty || !baseline.resolved.isEmpty { text.line("") }
            for key in baseline.new { text.line("- new: \(describe(key))") }
            for key in baseline.resolved { text.line("- resolved: \(describe(key))") }
        }

        if !report.errors.isEmpty {
            text.line("")
            text.line("### Data problems")
            text.line("")
            for diagnostic in report.errors { text.line("- \(cell(diagnostic.description))") }
        }
        chunks.finish(&text)
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
