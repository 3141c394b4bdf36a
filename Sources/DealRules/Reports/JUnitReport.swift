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
    }

    private struct Suite {
        var name: String
        var cases: [Case]
        var properties: [(String, String)]
    }

    static func render(_ report: CheckReport, options: ReportOptions) -> String {
        var suites: [Suite] = []
        let byRule = Dictionary(grouping: report.allOutcomes(includeClear: true), by: \.rule.name)
        var suiteIndex: [String: Int] = [:]
        for rule in report.orderedRules {
            let path = rule.location.path
            let index: Int
            if let existing = suiteIndex[path] {
                index = existing
            } else {
                index = suites.count
                suiteIndex[path] = index
                suites.append(Suite(name: path, cases: [], properties: [
                    ("as_of", report.asOf.description), ("dealrules_version", options.toolVersion),
                ]))
            }
            for outcome in byRule[rule.name] ?? [] {
                suites[index].cases.append(testCase(outcome, report: report))
            }
        }
        if !report.errors.isEmpty {
            suites.append(Suite(name: "data problems", cases: report.errors.map(problemCase), properties: []))
        }
        return document(suites)
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

    private static func document(_ suites: [Suite]) -> String {
        let all = suites.flatMap(\.cases)
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        lines.append("<testsuites name=\"dealrules check\" " + counts(all) + ">")
        for suite in suites {
            lines.append("  <testsuite name=\"\(XMLEscaping.attribute(suite.name))\" " + counts(suite.cases) + ">")
            if !suite.properties.isEmpty {
                lines.append("    <properties>")
                for (name, value) in suite.properties {
                    lines.append("      <property name=\"\(XMLEscaping.attribute(name))\" value=\"\(XMLEscaping.attribute(value))\"/>")
                }
                lines.append("    </properties>")
            }
            for testCase in suite.cases {
                var open = "    <testcase name=\"\(XMLEscaping.attribute(testCase.name))\" "
                    + "classname=\"\(XMLEscaping.attribute(testCase.className))\""
                if !testCase.file.isEmpty { open += " file=\"\(XMLEscaping.attribute(testCase.file))\"" }
                if testCase.line > 0 { open += " line=\"\(testCase.line)\"" }
                open += " time=\"0\""
                if testCase.body.isEmpty {
                    lines.append(open + "/>")
                } else {
                    lines.append(open + ">")
                    lines += testCase.body.map { "      " + $0 }
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func counts(_ cases: [Case]) -> String {
        let failures = cases.filter(\.failed).count
        let errors = cases.filter(\.errored).count
        let skipped = cases.filter(\.skipped).count
        return "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\""
    }
}
