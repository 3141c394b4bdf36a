import DealRulesModel

/// `--format text` (the default): what an analyst reads in a terminal.
/// Findings are grouped by subject, each with its severity, flag, rule,
/// message, basis, evidence and rule location; undetermined outcomes give
/// their reasons; a summary line closes the report.
enum TextReport {
    static func render(_ report: CheckReport, options: ReportOptions) -> String {
        var out = String()
        out.reserveCapacity(256 + (report.findingList.count + report.undeterminedList.count) * 300)
        write(report, options: options, chunks: ReportChunks(nil), into: &out)
        return out
    }

    /// Writes the report line by line into `out`, handing it on to `chunks`
    /// as it grows: a large portfolio has hundreds of thousands of outcomes,
    /// and an array of lines joined at the end would hold the report twice.
    /// Outcomes are ordered a stretch of subjects at a time
    /// (`SubjectStretchOrder`), and worked out and written in stretches
    /// (`LanedText`); tests set `lanes`, `batch` and `partWords`, which
    /// leave the text as it is.
    static func write(_ report: CheckReport, options: ReportOptions, chunks: ReportChunks, into out: inout String,
                      lanes: Int = LanedText.lanes, batch: Int = LanedText.batch,
                      partWords: Int = SubjectStretchOrder.partWords) {
        let style = ANSIStyle(enabled: options.color)
        out.line(style.apply(.bold, "DealRules check as of \(report.asOf): "
            + "\(ReportWording.count(report.rules.count, "rule")), \(ReportWording.count(report.dealCount, "deal"))"))

        let order = SubjectStretchOrder(report, includeClear: report.showClear, partWords: partWords)
        var written = 0
        for part in order.parts.indices {
            // A part begins with a subject of its own: its first outcome gets a heading.
            let places = order.order(ofPart: part)
            LanedText.write(count: places.count, into: &out, chunks: chunks, lanes: lanes, batch: batch) { range, lane in
                text(of: range, in: places, report: report, style: style, lane: lane)
            }
            written += places.count
        }
        if written == 0 {
            out.line("")
            out.line("No findings.")
        }

        if let baseline = report.baseline { for line in baselineLines(baseline, style: style) { out.line(line) } }
        if !report.errors.isEmpty {
            out.line("")
            out.line(style.apply(.bold, "Data problems:"))
            for diagnostic in report.errors { out.line("  " + TerminalText.clean(diagnostic.description)) }
        }
        out.line("")
        out.line(style.apply(.bold, report.summaryLine))
        chunks.finish(&out)
    }

    /// The text of the outcomes at `range` of `places`, each under its
    /// subject's heading when it is the first of its subject. (Rule lines
    /// are made afresh for each stretch: a few per rule per stretch.)
    private static func text(of range: Range<Int>, in places: OutcomeOrder, report: CheckReport, style: ANSIStyle,
                             lane: Int) -> String {
        // Into a byte buffer: appending to a `String` piece by piece was a
        // quarter of the work of a text report.
        var out = TextBuilder(capacity: range.count * 320)
        var lines = RuleLines(style: style)
        for index in range {
            let place = places[index]
            let outcome = report.complete(report.outcome(at: place), lane: lane)
            if index == 0 || places[index - 1].subject != place.subject {
                out.line("")
                out.line(lines.style.apply(.bold, TerminalText.clean(outcome.subject)))
            }
            write(outcome, report: report, lines: &lines, into: &out)
        }
        return out.text
    }

    private static let labelWidth = 12
    private static let detailIndent = "    "
    private static let evidenceIndent = "      "

    private static func heading(_ rule: RuleInfo) -> String {
        let flag = TerminalText.clean(rule.flag)
        return rule.name == rule.flag ? flag : "\(flag) (rule \"\(TerminalText.clean(rule.name))\")"
    }

    private static func label(_ text: String) -> String {
        text.count >= labelWidth ? text + " " : text + String(repeating: " ", count: labelWidth - text.count)
    }

    /// The lines of an outcome that depend on its rule alone — its heading
    /// after the label, and where the rule is — made once per rule: a large
    /// report repeats them hundreds of thousands of times, and reading a
    /// rule's description out of an outcome copies it.
    struct RuleLines: Sendable {
        let style: ANSIStyle
        private var known = PerRuleMemo<Lines>()

        struct Lines: Sendable {
            /// Per label: the heading line, as `label + heading(rule)`.
            var finding: String
            var undetermined: String
            var clear: String
            var location: String
        }

        init(style: ANSIStyle) {
            self.style = style
        }

        /// The lines of `rule`, made on first use.
        mutating func lines(_ rule: SharedRuleInfo) -> Lines {
            let style = self.style
            return known.value(for: rule) { info in
                let title = TextReport.heading(info)
                return Lines(
                    finding: "  " + style.severity(info.severity, TextReport.label(info.severity.rawValue)) + title,
                    undetermined: "  " + style.apply(.cyan, TextReport.label("undetermined")) + title,
                    clear: "  " + style.apply(.green, TextReport.label("clear")) + title,
                    location: TextReport.detailIndent + style.apply(.dim, "at \(TerminalText.clean(info.location.description))")
                )
            }
        }
    }

    private static func write(_ outcome: ReportOutcome, report: CheckReport, lines: inout RuleLines, into out: inout TextBuilder) {
        let style = lines.style
        switch outcome {
        case .finding(let finding):
            let ruleLines = lines.lines(finding.sharedRule)
            // A finding's severity is its rule's; one made otherwise gets its own line.
            var head = finding.severity == finding.sharedRule.info.severity
                ? ruleLines.finding
                : "  " + style.severity(finding.severity, label(finding.severity.rawValue)) + heading(finding.rule)
            if report.baseline != nil {
                head += finding.baseline ? style.apply(.dim, "  [baseline]") : style.apply(.magenta, "  [new]")
            }
            out.line(head)
            out.append(detailIndent)
            out.line(TerminalText.clean(finding.message, indent: detailIndent))
            out.append(detailIndent)
            out.append("basis: " as StaticString)
            out.line(finding.basis.rawValue)
            writeEvidence(finding.evidence, into: &out)
            out.line(ruleLines.location)
        case .undetermined(let outcome):
            let ruleLines = lines.lines(outcome.sharedRule)
            out.line(ruleLines.undetermined)
            for reason in outcome.reasons {
                out.append(detailIndent)
                out.line(TerminalText.clean(ReportWording.reason(reason), indent: detailIndent))
            }
            writeEvidence(outcome.evidence, into: &out)
            out.line(ruleLines.location)
        case .clear(let outcome):
            out.line(lines.lines(outcome.sharedRule).clear)
        }
    }

    private static func writeEvidence(_ evidence: [Evidence], into out: inout TextBuilder) {
        guard !evidence.isEmpty else { return }
        out.append(detailIndent)
        out.line("evidence:")
        // By index: iterating would copy each evidence whole.
        for index in evidence.indices {
            out.append(evidenceIndent)
            out.line(TerminalText.clean(ReportWording.evidenceLine(evidence[index]), indent: evidenceIndent))
        }
    }

    private static func baselineLines(_ baseline: BaselineComparison, style: ANSIStyle) -> [String] {
        var lines = ["", style.apply(.bold, "Compared with the baseline \(TerminalText.clean(baseline.baselinePath)): "
            + "\(baseline.new.count) new, \(baseline.resolved.count) resolved")]
        for key in baseline.new { lines.append("  " + style.apply(.magenta, "new      ") + describe(key)) }
        for key in baseline.resolved { lines.append("  " + style.apply(.green, "resolved ") + describe(key)) }
        return lines
    }

    private static func describe(_ key: FindingKey) -> String {
        let flag = TerminalText.clean(key.flag)
        let rule = key.rule == key.flag ? "" : " (rule \"\(TerminalText.clean(key.rule))\")"
        return "\(flag)\(rule) for \(TerminalText.clean(key.subject))"
    }
}

extension String {
    /// Appends one line of a report and its line break.
    mutating func line(_ text: String) {
        append(text)
        append("\n")
    }
}

extension TextBuilder {
    /// Appends one line of a report and its line break.
    mutating func line(_ text: String) {
        append(text)
        append("\n" as StaticString)
    }
}

/// Makes data-derived text safe to print on a terminal: control characters
/// (which could carry escape sequences from the data) are shown, not sent.
enum TerminalText {
    static func clean(_ text: String, indent: String = "") -> String {
        if !needsCleaning(text) { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: output += "\n" + indent
            case 0x09: output += "\t"
            case 0x00...0x1F, 0x7F...0x9F:
                output += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Whether the text holds a line break or a control character (C0, DEL,
    /// or C1, which UTF-8 writes as 0xC2 0x80–0x9F); most text holds none.
    static func needsCleaning(_ text: String) -> Bool {
        // Native strings are contiguous: scanning their bytes through a
        // buffer is several times faster than through the UTF-8 view's
        // iterator, and a report scans every message and evidence line.
        text.withUTF8Bytes(needsCleaning)
    }

    private static func needsCleaning(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The first word that is not printable ASCII goes byte by byte,
        // from its start (no 0xC2 before it).
        let start = PrintableASCII.plainLength(bytes)
        var afterC2 = false
        for byte in UnsafeBufferPointer(rebasing: bytes[start...]) {
            if byte < 0x20 || byte == 0x7F || (afterC2 && byte >= 0x80 && byte <= 0x9F) { return true }
            afterC2 = byte == 0xC2
        }
        return false
    }
}
