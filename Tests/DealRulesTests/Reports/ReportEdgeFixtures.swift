import DealRules
import DealRulesModel

/// Small reports built for one property each: hostile text, an empty run.
enum ReportEdgeFixtures {
    /// Text full of characters every format must escape.
    static let hostile = "a|b <script>alert(\"x\")</script> & 'q' %0A 100% :, \\ *bold* `code` $5 \u{1B}[31mred\u{1B}[0m\nsecond\rline é 🚀"

    static func hostileReport() -> CheckReport {
        let rule = RuleInfo(name: "Rule, with: \"quotes\" & <tags>", flag: "flag|x <y>", severity: .high,
                            location: SourceLocation(path: "Rules/odd name, 100%.rules", line: 7, column: 3),
                            tags: ["t&g"], scopeDescription: nil)
        let evidence = [Evidence(field: "field <f>", value: hostile, status: .estimated, source: "src, \"quoted\": 50%")]
        let finding = Finding(rule: rule, subject: "deal <1> & \"co\"", severity: .high, message: hostile,
                              basis: .estimated, evidence: evidence)
        let undetermined = UndeterminedOutcome(rule: rule, subject: "deal|2", reasons: [
            UndeterminedReason(field: "x <y>", problem: .error, message: "bad & \"worse\""),
        ], evidence: [])
        return CheckReport(asOf: ReportFixtures.asOf, rules: [rule], subjects: ["deal <1> & \"co\"", "deal|2"], dealCount: 2,
                           findings: [finding], undetermined: [undetermined], clear: [],
                           errors: [Diagnostic(.error, code: "E999", message: hostile,
                                               location: SourceLocation(path: "d<a>ta.csv", line: 2, column: 1))],
                           failOn: .medium)
    }

    static func emptyReport() -> CheckReport {
        CheckReport(asOf: ReportFixtures.asOf, rules: [], subjects: [], dealCount: 0, findings: [], undetermined: [],
                    clear: [], errors: [], failOn: nil)
    }
}
