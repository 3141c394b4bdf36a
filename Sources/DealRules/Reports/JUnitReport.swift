import DealRulesModel

/// `--format junit`: one `<testsuite>` per rule file, one `<testcase>` per
/// rule × subject. A finding that fails the run (`--fail-on`, not in the
/// baseline) is a `<failure>`; any other finding passes with a
/// `<system-out>` note; an undetermined outcome is `<skipped>`. Data
/// problems go in a last suite, `data problems`. No timestamps, so the
/// output is reproducible.
enum JUnitReport {
    private struct Case {
        var name: String
        var className: String
        var file: String
        var line: Int
        var body: [String]
        var failed: Bool
        var skipped: Bool
        var errored: Bool

        var kind: CaseKind { errored ? .errored : failed ? .failed : skipped ? .skipped : .passed }
    }

    static func render(_ report: CheckReport, options: ReportOptions) -> String {
        var text = ""
        write(report, options: options, chunks: ReportChunks(nil), into: &text)
        return text
    }

    /// Writes the document a test case at a time, working out each
    /// outcome's details as its case is written. Suites are the rule files
    /// in rule order; a rule's cases are its outcomes in subject order
    /// (`RuleByRuleOrder`: one word an outcome, for one rule at a time). A
    /// first pass, which makes no details, counts the cases. A rule's
    /// cases are written in stretches (`LanedText`; tests set `lanes` and
    /// `batch`, which leave the text as it is).
    static func write(_ report: CheckReport, options: ReportOptions, chunks: ReportChunks, into text: inout String,
                      lanes: Int = LanedText.lanes, batch: Int = LanedText.batch) {
        let rules = report.orderedRules
        let ruleRank = Dictionary(rules.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })

        var suitePaths: [String] = []
        var suiteOfRule: [Int] = []
        var suiteIndex: [String: Int] = [:]
        for rule in rules {
            let path = rule.location.path
            if let index = suiteIndex[path] {
                suiteOfRule.append(index)
            } else {
                suiteIndex[path] = suitePaths.count
                suiteOfRule.append(suitePaths.count)
                suitePaths.append(path)
            }
        }
        // Counts per suite; outcomes by rule, then subject.
        var suiteCounts = suitePaths.map { _ in Counts() }
        for position in 0..<report.outcomeCount {
            let outcome = report.outcome(atOffset: position)
            guard let rank = ruleRank[outcome.rule.name] else { continue }
            suiteCounts[suiteOfRule[rank]].add(kind(outcome, report: report))
        }
        let orders = RuleByRuleOrder(report, includeClear: true, rules: rules)
        let problems = report.errors.map(problemCase)
        if !problems.isEmpty {
            var counts = Counts()
            for problem in problems { counts.add(problem.kind) }
            suiteCounts.append(counts)
        }
        var total = Counts()
        for counts in suiteCounts { total.merge(counts) }
        text.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        text.line("<testsuites name=\"dealrules check\" " + total.attributes + ">")
        for (index, path) in suitePaths.enumerated() {
            open(suite: path, counts: suiteCounts[index], properties: [
                ("as_of", report.asOf.description), ("dealrules_version", options.toolVersion),
            ], into: &text)
            for rank in rules.indices where suiteOfRule[rank] == index {
                let order = orders.order(ofRule: rank)
                LanedText.write(count: order.count, into: &text, chunks: chunks, lanes: lanes, batch: batch) { range, lane in
                    var piece = TextBuilder(capacity: range.count * 160)
                    for position in range {
                        let outcome = report.outcome(at: order[position])
                        write(testCase(report.complete(outcome, lane: lane), report: report), into: &piece)
                    }
                    return piece.text
                }
            }
            text.line("  </testsuite>")
        }
        if !problems.isEmpty {
            open(suite: "data problems", counts: suiteCounts[suiteCounts.count - 1], properties: [], into: &text)
            var cases = TextBuilder()
            for problem in problems { write(problem, into: &cases) }
            text += cases.text
            text.line("  </testsuite>")
        }
        text.line("</testsuites>")
        chunks.finish(&text)
    }

    private enum CaseKind { case passed, failed, skipped, errored }

    private struct Counts {
        var tests = 0, failures = 0, errors = 0, skipped = 0

        mutating func add(_ kind: CaseKind) {
            tests += 1
            switch kind {
            case .passed: break
            case .failed: failures += 1
            case .skipped: skipped += 1
            case .errored: errors += 1
            }
        }

        mutating func merge(_ other: Counts) {
            tests += other.tests
            failures += other.failures
            errors += other.errors
            skipped += other.skipped
        }

        var attributes: String {
            "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\""
        }
    }

    /// What an outcome's case counts as; needs no details.
    private static func kind(_ outcome: ReportOutcome, report: CheckReport) -> CaseKind {
        switch outcome {
        case .finding(let finding): return report.isFailing(finding) ? .failed : .passed
        case .undetermined: return .skipped
        case .clear: return .passed
        }
    }

    private static func open(suite name: String, counts: Counts, properties: [(String, String)], into text: inout String) {
        text.line("  <testsuite name=\"\(XMLEscaping.attribute(name))\" " + counts.attributes + ">")
        guard !properties.isEmpty else { return }
        text.line("    <properties>")
        for (name, value) in properties {
            text.line("      <property name=\"\(XMLEscaping.attribute(name))\" value=\"\(XMLEscaping.attribute(value))\"/>")
        }
        text.line("    </properties>")
    }

    /// A case's element, piece by piece into a byte buffer: a report of
    /// 100,000 deals writes two million of them.
    private static func write(_ testCase: Case, into text: inout TextBuilder) {
        text.append("    <testcase name=\"" as StaticString)
        text.append(XMLEscaping.attribute(testCase.name))
        text.append("\" classname=\"" as StaticString)
        text.append(XMLEscaping.attribute(testCase.className))
        text.append("\"" as StaticString)
        if !testCase.file.isEmpty {
            text.append(" file=\"" as StaticString)
            text.append(XMLEscaping.attribute(testCase.file))
            text.append("\"" as StaticString)
        }
        if testCase.line > 0 {
            text.append(" line=\"" as StaticString)
            text.append(String(testCase.line))
            text.append("\"" as StaticString)
        }
        text.append(" time=\"0\"" as StaticString)
        if testCase.body.isEmpty {
            text.append("/>\n" as StaticString)
        } else {
            text.append(">\n" as StaticString)
            for line in testCase.body {
                text.append("      " as StaticString)
                text.line(line)
            }
            text.append("    </testcase>\n" as StaticString)
        }
    }

    private static func testCase(_ outcome: ReportOutcome, report: CheckReport) -> Case {
        let rule = outcome.rule
        var result = Case(name: outcome.subject, className: rule.name, file: rule.location.path,
                          line: rule.location.line, body: [], failed: false, skipped: false, errored: false)
        switch outcome {
        case .finding(let finding):
            let details = findingDetails(finding)
            if report.isFailing(finding) {
                result.failed = true
                result.body.append("<failure message=\"\(XMLEscaping.attribute(finding.message))\" "
                    + "type=\"\(XMLEscaping.attribute(finding.severity.rawValue))\">"
                    + XMLEscaping.text(details) + "</failure>")
            } else {
                let why = finding.baseline ? "in the baseline" : "below --fail-on"
                result.body.append("<system-out>" + XMLEscaping.text("\(finding.severity.rawValue) finding (\(why))\n" + details)
                    + "</system-out>")
            }
        case .undetermined(let outcome):
            result.skipped = true
            let reasons = outcome.reasons.map(ReportWording.reason)
            let summary = "undetermined: " + (reasons.isEmpty ? "unknown" : reasons.joined(separator: "; "))
            let evidence = outcome.evidence.map { "  " + ReportWording.evidenceLine($0) }
            let text = ([summary] + (evidence.isEmpty ? [] : ["evidence:"] + evidence)).joined(separator: "\n")
            result.body.append("<skipped message=\"\(XMLEscaping.attribute(summary))\">" + XMLEscaping.text(text) + "</skipped>")
        case .clear:
            break
        }
        return result
    }

    private static func findingDetails(_ finding: Finding) -> String {
        var lines = [finding.message, "flag: \(finding.rule.flag)", "severity: \(finding.severity.rawValue)",
                     "basis: \(finding.basis.rawValue)"]
        if !finding.evidence.isEmpty {
            lines.append("evidence:")
            lines += finding.evidence.map { "  " + ReportWording.evidenceLine($0) }
        }
        lines.append("at \(finding.rule.location)")
        return lines.joined(separator: "\n")
    }

    private static func problemCase(_ diagnostic: Diagnostic) -> Case {
        let place = diagnostic.resolvedLocation
        var result = Case(name: "\(diagnostic.code): \(diagnostic.message)", className: "data problems",
                          file: place?.path ?? "", line: place?.line ?? 0, body: [], failed: false, skipped: false, errored: false)
        if diagnostic.severity == .error {
            result.errored = true
            result.body.append("<error message=\"\(XMLEscaping.attribute(diagnostic.message))\" "
                + "type=\"\(XMLEscaping.attribute(diagnostic.code))\">" + XMLEscaping.text(diagnostic.description) + "</error>")
        } else {
            result.body.append("<system-out>" + XMLEscaping.text(diagnostic.description) + "</system-out>")
        }
        return result
    }

}
