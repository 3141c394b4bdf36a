@testable import DealRules
import DealRulesModel
import Testing

/// Outcomes hold their rule's description through a shared reference, but
/// compare, hash and change as values.
@Suite("outcomes are values")
struct OutcomeValueTests {
    static let rule = RuleInfo(name: "Timeline risk", flag: "timeline risk", severity: .high,
                               location: DealRulesModel.SourceLocation(path: "Rules/timeline.rules", line: 1, column: 1),
                               tags: ["chips"], scopeDescription: nil)

    @Test func equalDescriptionsInSeparateOutcomesAreEqual() {
        let evidence = [Evidence(field: "capacity", value: "5 GW", status: .reported, source: "press release")]
        let a = Finding(rule: Self.rule, subject: "deal-1", severity: .high, message: "m", basis: .reported, evidence: evidence)
        let b = Finding(rule: Self.rule, subject: "deal-1", severity: .high, message: "m", basis: .reported, evidence: evidence)
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        var renamed = b
        renamed.rule.name = "Other"
        #expect(renamed != a)
        #expect(a.rule.name == "Timeline risk", "changing a copy's rule leaves the original alone")
        #expect(renamed.rule.flag == "timeline risk")
    }

    @Test func undeterminedAndClearOutcomesToo() {
        let reasons = [UndeterminedReason(field: "capacity target", problem: .imprecise)]
        let first = UndeterminedOutcome(rule: Self.rule, subject: "deal-2", reasons: reasons, evidence: [])
        var second = UndeterminedOutcome(rule: Self.rule, subject: "deal-2", reasons: reasons, evidence: [])
        #expect(first == second)
        second.rule.severity = .low
        #expect(first != second)
        #expect(first.rule.severity == .high)
        let clear = ClearOutcome(rule: Self.rule, subject: "deal-3", evidence: [])
        #expect(clear == ClearOutcome(rule: Self.rule, subject: "deal-3", evidence: []))
        #expect(clear != ClearOutcome(rule: Self.rule, subject: "deal-4", evidence: []))
    }

    @Test func rulesOfARunShareOneDescription() throws {
        let program = try #require(ToolingSupport.program("if capacity is at least 1 GW, flag big."))
        var rule = try #require(program.rules.first)
        let shared = rule.sharedInfo
        #expect(rule.sharedInfo === shared)
        rule.info.name = "renamed"
        #expect(rule.sharedInfo !== shared, "a changed description is a new one")
        #expect(shared.info.name != "renamed")
    }
}
