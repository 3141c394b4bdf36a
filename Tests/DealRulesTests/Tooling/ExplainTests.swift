import DealRules
import DealRulesData
import DealRulesModel
import Foundation
import Testing

/// `explain` agrees with `check` for every rule and subject, marks the
/// parts that decided, and refuses unknown rules and subjects.
@Suite("Explain")
struct ExplainTests {
    /// Every rule × subject of some rules and data: the outcome explain
    /// reports, and the truth of the root of its tree, equal check's.
    static func expectAgreement(rules: String, data: String, asOf: DateValue) throws {
        let loaded = ProgramLoader.load(paths: [rules])
        guard let program = loaded.program else {
            throw ToolingSupport.Missing(what: DiagnosticRenderer.render(loaded.diagnostics, color: false))
        }
        let deals = DataLoader.loadAll(paths: [data], format: nil).deals
        #expect(!deals.isEmpty)
        let report = RuleRunner.run(program, deals: deals, options: RuleRunner.Options(asOf: asOf))
        var checked = 0
        for (outcomes, truth) in [(report.findings.map { ($0.rule.name, $0.subject) }, Truth.true),
                                  (report.undetermined.map { ($0.rule.name, $0.subject) }, .unknown),
                                  (report.clear.map { ($0.rule.name, $0.subject) }, .false)] {
            for (rule, subject) in outcomes {
                switch ExplainRun.explain(program, deals: deals, rule: rule, subject: subject, asOf: asOf) {
                case .failure(let problem):
                    Issue.record("explain \(rule) for \(subject): \(problem)")
                case .success(let explanation):
                    #expect(explanation.outcome.truth == truth, "\(rule) for \(subject)")
                    if let tree = explanation.tree {
                        #expect(tree.truth == truth, "tree root of \(rule) for \(subject)")
                        #expect(tree.deciding)
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == report.findings.count + report.undetermined.count + report.clear.count)
        #expect(checked > 0)
    }

    @Test("explain agrees with check on the bundled rules and data")
    func agreesOnBundledData() throws {
        let root = ToolingSupport.repositoryRoot
        try Self.expectAgreement(rules: root.appendingPathComponent("Rules").path,
                                 data: root.appendingPathComponent("data/deals.yaml").path, asOf: ToolingSupport.asOf)
    }

    @Test("explain agrees with check on the explain fixtures")
    func agreesOnFixtures() throws {
        try Self.expectAgreement(rules: ToolingSupport.fixture("explain/rules.rules"),
                                 data: ToolingSupport.fixture("explain/deals.yaml"), asOf: ToolingSupport.asOf)
    }

    static let rules = """
    if a is true and b is true and c is true, flag triple.
    if a is true or b is true or c is true, flag single.
    if any item where size is at least 2, flag big item.
    if no item where size is at least 2, flag small items only.
    """

    private func tree(_ rule: String, _ deal: String) throws -> ExplainNode {
        guard let program = ToolingSupport.program(Self.rules) else { throw ToolingSupport.Missing(what: "program") }
        let deals = ToolingSupport.deals(deal)
        let explanation = try ExplainRun.explain(program, deals: deals, rule: rule, subject: "d", asOf: ToolingSupport.asOf).get()
        guard let tree = explanation.tree else { throw ToolingSupport.Missing(what: "tree") }
        return tree
    }

    @Test("a false `and` marks its false children")
    func andFalse() throws {
        let root = try tree("triple", "- {id: d, a: true, b: false, c: false}")
        #expect(root.truth == .false)
        #expect(root.children.map(\.deciding) == [false, true, true])
    }

    @Test("an unknown `and` marks its unknown children")
    func andUnknown() throws {
        let root = try tree("triple", "- {id: d, a: true, b: true}")
        #expect(root.truth == .unknown)
        #expect(root.children.map(\.deciding) == [false, false, true])
        #expect(root.children.last?.reasons.first?.problem == .missing)
    }

    @Test("a true `or` marks its true children")
    func orTrue() throws {
        let root = try tree("single", "- {id: d, a: false, b: true, c: ~}")
        #expect(root.truth == .true)
        #expect(root.children.map(\.deciding) == [false, true, false])
    }

    @Test("quantifiers list their items; `no` marks the items that made it false")
    func quantifiers() throws {
        let data = "- {id: d, items: [{name: x, size: 1}, {name: y, size: 3}]}"
        let any = try tree("big item", data)
        #expect(any.truth == .true)
        #expect(any.children.map(\.text) == ["x", "y"])
        #expect(any.children.map(\.deciding) == [false, true])
        let none = try tree("small items only", data)
        #expect(none.truth == .false)
        #expect(none.children.map(\.deciding) == [false, true])
    }

    @Test("a group key matches whatever its case; a deal that joins no group is explained by its reasons")
    func groupSubjects() throws {
        let rules = "rule \"Big owner\" for each owner\n  when sum of size is at least 3\n  flag big owner"
        guard let program = ToolingSupport.program(rules) else { return }
        let deals = ToolingSupport.deals("- {id: a, owner: Acme, size: 2}\n- {id: b, owner: acme, size: 2}\n- {id: c, size: 5}")
        let group = try ExplainRun.explain(program, deals: deals, rule: "big owner", subject: "ACME", asOf: ToolingSupport.asOf).get()
        #expect(group.subject == "Acme")
        #expect(group.groupDeals == ["a", "b"])
        #expect(group.outcome.truth == .true)
        #expect(group.tree?.children.first?.value == "4")
        let unplaced = try ExplainRun.explain(program, deals: deals, rule: "big owner", subject: "c", asOf: ToolingSupport.asOf).get()
        #expect(unplaced.tree == nil)
        guard case .undetermined(let outcome) = unplaced.outcome else {
            Issue.record("a deal without a group key should be undetermined")
            return
        }
        #expect(outcome.reasons.first?.field == "owner")
    }

    @Test("colour marks deciding parts bold only when asked for")
    func colour() {
        var request = ExplainRun.Request(rule: "lock-in", subject: "microsoft-constellation-tmi", rulePaths: [ToolingSupport.fixture("explain/rules.rules")],
                                         dataPaths: [ToolingSupport.fixture("explain/deals.yaml")], asOf: ToolingSupport.asOf)
        let plain = ExplainRun.execute(request)
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(plain.stdout.contains("▶ true     and"))
        request.color = true
        let coloured = ExplainRun.execute(request)
        #expect(coloured.stdout.contains("\u{1B}[1mexclusivity is exclusive\u{1B}[0m"))
        #expect(coloured.stdout.contains("\u{1B}[32mtrue    \u{1B}[0m"))
    }

    @Test("deeply nested conditions are explained to a bounded depth")
    func deepNesting() throws {
        let depth = 120
        let condition = String(repeating: "not (", count: depth) + "a is true" + String(repeating: ")", count: depth)
        guard let program = ToolingSupport.program("if \(condition), flag deep.") else { return }
        let explanation = try ExplainRun.explain(program, deals: ToolingSupport.deals("- {id: d, a: true}"), rule: "deep", subject: "d",
                                                 asOf: ToolingSupport.asOf).get()
        #expect(explanation.outcome.truth == .true)
        var levels = 0
        var node = explanation.tree
        while let current = node {
            levels += 1
            node = current.children.first
        }
        #expect(levels <= 65)
        #expect(explanation.tree?.truth == .true)
    }

    @Test("two deals with one id: the outcome is the explained deal's")
    func sharedIds() throws {
        guard let program = ToolingSupport.program(Self.rules) else { return }
        let deals = ToolingSupport.deals("- {id: d, a: false, b: true, c: true}\n- {id: d, a: true, b: true, c: true}")
        let explanation = try ExplainRun.explain(program, deals: deals, rule: "triple", subject: "d", asOf: ToolingSupport.asOf).get()
        #expect(explanation.outcome.truth == .false)
        #expect(explanation.tree?.truth == .false)
    }

    @Test("an unknown rule or subject is an error with did-you-mean")
    func unknownNames() {
        guard let program = ToolingSupport.program(Self.rules) else { return }
        let deals = ToolingSupport.deals("- {id: deal-one, a: true}")
        guard case .failure(let rule) = ExplainRun.explain(program, deals: deals, rule: "tripel", subject: "deal-one", asOf: ToolingSupport.asOf) else {
            Issue.record("an unknown rule was accepted")
            return
        }
        #expect(rule.code == "E601")
        #expect(rule.help == ["did you mean `triple`?"])
        guard case .failure(let subject) = ExplainRun.explain(program, deals: deals, rule: "TRIPLE", subject: "deal-on", asOf: ToolingSupport.asOf) else {
            Issue.record("an unknown subject was accepted")
            return
        }
        #expect(subject.code == "E602")
        #expect(subject.help == ["did you mean `deal-one`?"])
        let output = ExplainRun.execute(ExplainRun.Request(rule: "nothing", subject: "x", rulePaths: [ToolingSupport.fixture("explain/rules.rules")],
                                                           dataPaths: [ToolingSupport.fixture("explain/deals.yaml")], asOf: ToolingSupport.asOf))
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains("error[E601]"))
    }
}
