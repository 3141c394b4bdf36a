@testable import DealRules
import DealRulesModel
import Foundation
import Testing

/// Row kernels decide per-deal rules over columns; the evaluator decides
/// everything else and every report entry. These tests hold the kernels to
/// the evaluator's truth on data full of unknown, imprecise, wrongly typed
/// and oddly shaped values, and check that reports built from the compact
/// outcomes are the reports `RuleRunner.run` gives.
@Suite struct KernelAgreementTests {
    static let asOf = DateValue(year: 2026, month: 11, day: 24)!

    /// Every comparison form kernels handle natively, and some they hand back.
    static let kernelRules = """
    define big as capacity is at least 1 GW.
    define fossil as power source is one of gas, coal, oil.
    define bigger as big.
    if kind is compute, flag k1.
    if kind is one of compute, chips, flag k2.
    if capacity is more than 500 MW and capacity is at most 5 GW, flag k3.
    if capacity is between 500 MW and 2 GW, flag k4.
    if capacity is 1 GW, flag k5.
    if deal value is at least $50 billion, flag k6.
    if capacity target is beyond 2 years, flag k7.
    if capacity target is within 1 year, flag k8.
    if announced is before 2025-01, flag k9.
    if announced is after 2027, flag k10.
    if announced is 2026, flag k11.
    if capacity target is at least 2028-06, flag k12.
    if deal value is confirmed or deal value is reported, flag k13.
    if term is not estimated, flag k14.
    if chips contains Trainium3, flag k15.
    if notes contains "press", flag k16.
    if source of deal value contains "press", flag k17.
    if count of chips is at least 2, flag k18.
    if count of parties where role is utility is 1, flag k19.
    if any party where role is hyperscaler, flag k20.
    if every party where role is lab, flag k21.
    if no party where name is AWS and role is hyperscaler, flag k22.
    if big and not fossil, flag k23.
    if capacity is known and term is unknown, flag k24.
    if hyperscaler is unknown or location is "Louisiana", flag k25.
    if count of chips is between 1 and 2, flag k26.
    if exclusivity is not preferred, flag k27.
    if bigger or capacity is less than 900 MW, flag k28.
    if term is at least 10 years and term is at most 240 months, flag k29.
    if kind is 3 or kind is true, flag k30.
    if count of parties where role is lab is known, flag k31.
    if any party where any chip where chip is Trainium3, flag k32.
    if status of deal value is reported, flag k33.
    if deal value / capacity is more than $20 billion per GW, flag k34.
    if capacity target is 2028, flag k35.
    if any party where kind is compute and role is lab, flag k36.
    if count of parties where capacity is at least 1 GW is at least 1, flag k37.
    """

    static func program(rules text: String) throws -> CheckedProgram {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("kernel.rules")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try checked(ProgramLoader.load(paths: [file.path]))
    }

    static func program(directory: String) throws -> CheckedProgram {
        try checked(ProgramLoader.load(paths: [CompiledConditionTests.root.appendingPathComponent(directory).path]))
    }

    static func checked(_ loaded: ProgramLoader.Result) throws -> CheckedProgram {
        let messages = loaded.diagnostics.map(\.message)
        let hasErrors = loaded.hasErrors
        #expect(!hasErrors, "\(messages)")
        guard let program = loaded.program else { throw CheckFailure(messages: messages) }
        return program
    }

    struct CheckFailure: Error {
        var messages: [String]
    }

    @Test func kernelsAgreeWithTheEvaluatorOnEveryNativeForm() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules)
        var random = RandomDeals(seed: 99)
        let deals = random.deals(600)
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: KernelAgreementTests.asOf))
        let disagreements = outcomes.disagreementsWithEvaluator()
        #expect(disagreements.count == 0, "\(disagreements.prefix(8))")
        // Every rule meets at least two outcomes somewhere, so no form is vacuous.
        for rule in program.rules {
            let codes = Set((0..<deals.count).compactMap { outcomes.code(rule: rule.info.name, row: $0) })
            #expect(codes.count >= 2, "\(rule.info.name) only ever gave \(codes)")
        }
        #expect(outcomes.findingCount > 0 && outcomes.undeterminedCount > 0 && outcomes.clearCount > 0)
    }

    @Test(arguments: ["Rules", "Benchmarks/rules"])
    func kernelsAgreeWithTheEvaluatorOnTheBundledRules(_ directory: String) throws {
        let program = try KernelAgreementTests.program(directory: directory)
        var random = RandomDeals(seed: 2027)
        let deals = random.deals(500)
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: KernelAgreementTests.asOf))
        let disagreements = outcomes.disagreementsWithEvaluator()
        #expect(disagreements.count == 0, "\(disagreements.prefix(8))")
    }

    static let portfolioRules = """
    rule "p1" for all deals
      when count of deals where kind is compute is at least 20
      flag p1
    rule "p2" for all deals
      when count of deals where capacity is at least 1 GW is between 10 and 60
      flag p2
    rule "p3" for all deals
      when (count of deals where any party where role is lab) is more than 12
      flag p3
    rule "p4" for all deals
      when count of deals where count of deals is at least 1 is at least 1
      flag p4
    rule "p5" for all deals
      when not count of deals where deal value is confirmed is 4
      flag p5
    """

    @Test(arguments: [5, 40, 150, 400])
    func portfolioCountsAgreeWithTheEvaluator(_ size: Int) throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.portfolioRules)
        var random = RandomDeals(seed: UInt64(size))
        let deals = random.deals(size)
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: KernelAgreementTests.asOf))
        let disagreements = outcomes.disagreementsWithEvaluator()
        #expect(disagreements.count == 0, "\(disagreements)")
        // p4 counts deals inside a count of deals: only the evaluator models
        // that. p1 and p2 go to the evaluator when some deal holds a wrongly
        // typed kind or capacity, which the random data often has.
        let decided = outcomes.portfolioRulesDecidedByKernels
        #expect(decided.contains("p3") && decided.contains("p5") && !decided.contains("p4"), "\(decided)")
        let full = RuleRunner.run(program, deals: deals, options: RuleRunner.Options(asOf: KernelAgreementTests.asOf))
        #expect(full.findings.count + full.undetermined.count + full.clear.count == 5)
        #expect(outcomes.findingCount == full.findings.count && outcomes.undeterminedCount == full.undetermined.count)
    }

    static let groupedRules = """
    rule "g1" for each hyperscaler
      when share of capacity where capacity is known is more than 30%
      flag g1
    rule "g2" for each kind
      when count of deals where chip roadmap is unvalidated is at least 2
      flag g2
    rule "g3" for each hyperscaler
      when sum of deal value where deal value is known is at least $100 billion
      flag g3
    rule "g4" for each kind
      when count of deals where kind is compute is at least 1
      flag g4
    rule "g5" for each hyperscaler
      when not share of deal value where deal value is known is at most 50%
      flag g5
    rule "g6" for each exclusivity
      when count of deals is between 2 and 30
      flag g6
    """

    @Test(arguments: [6, 60, 300])
    func groupedRulesAgreeWithTheEvaluator(_ size: Int) throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.groupedRules)
        var random = RandomDeals(seed: UInt64(size) &+ 17)
        let deals = random.deals(size)
        let options = RuleRunner.Options(asOf: KernelAgreementTests.asOf)
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: options)
        let disagreements = outcomes.disagreementsWithEvaluator()
        #expect(disagreements.count == 0, "\(disagreements)")
        // g4 reads K (kind) inside its condition, where K names the group's key: evaluator only.
        let decided = outcomes.groupedRulesDecidedByKernels
        #expect(decided.contains("g2") && decided.contains("g6") && !decided.contains("g4"), "\(decided)")
        let full = RuleRunner.run(program, deals: deals, options: options)
        #expect(outcomes.findingCount == full.findings.count && outcomes.undeterminedCount == full.undetermined.count)
        #expect(outcomes.clearCount == full.clear.count)
    }

    @Test func aReportWithoutClearOutcomesCountsThem() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules)
        var random = RandomDeals(seed: 5)
        let deals = random.deals(200)
        let options = RuleRunner.Options(asOf: KernelAgreementTests.asOf)
        let full = RuleRunner.run(program, deals: deals, options: options)
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: options)
        let lean = outcomes.report(includeClear: false)
        #expect(lean.findings == full.findings)
        #expect(lean.undetermined == full.undetermined)
        #expect(lean.clear.isEmpty)
        #expect(lean.clearCount == full.clear.count)
        #expect(full.clearCount == full.clear.count)
        #expect(outcomes.findingCount == full.findings.count)
        #expect(outcomes.undeterminedCount == full.undetermined.count)
    }

    @Test func subjectAndRuleFiltersLeaveOtherOutcomesOut() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules)
        var random = RandomDeals(seed: 11)
        let deals = random.deals(50)
        let options = RuleRunner.Options(asOf: KernelAgreementTests.asOf, rules: ["k1", "k15"], subjects: ["deal-3", "deal-7"])
        let report = RuleRunner.run(program, deals: deals, options: options)
        #expect(report.rules.map(\.flag) == ["k1", "k15"])
        let outcomes = report.findings.count + report.undetermined.count + report.clear.count
        #expect(outcomes == 4)
        let subjects = Set(report.findings.map(\.subject) + report.undetermined.map(\.subject) + report.clear.map(\.subject))
        #expect(subjects == ["deal-3", "deal-7"])
    }

    @Test func groupKeysAndThePortfolioJoinTheSubjectsOnce() throws {
        let program = try KernelAgreementTests.program(rules: """
            rule "By hyperscaler" for each hyperscaler
              when count of deals is at least 1
              flag grouped

            rule "Again" for each hyperscaler
              when count of deals is at least 2
              flag grouped again

            rule "Whole" for all deals
              when count of deals is at least 1
              flag whole
            """)
        func deal(_ id: String, _ hyperscaler: String, _ position: Int) -> Deal {
            Deal(record: Record(entries: [
                RecordEntry(key: "id", originalKey: "id", value: .text(id)),
                RecordEntry(key: "hyperscaler", originalKey: "hyperscaler", value: .text(hyperscaler)),
            ]), position: position)
        }
        // A group key that is also a deal's subject is listed once, where the deal is.
        let deals = [deal("Oracle", "Meta", 1), deal("a", "Oracle", 2), deal("b", "Meta", 3), deal("portfolio", "Zeta", 4)]
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: KernelAgreementTests.asOf))
        #expect(outcomes.subjects == ["Oracle", "a", "b", "portfolio", "Meta", "Zeta"])
        let report = outcomes.report(includeClear: false, detailsLater: true)
        #expect(report.findings.map(\.subject).sorted() == ["Meta", "Meta", "Oracle", "Zeta", "portfolio"])
    }

    @Test func interningFoldsTextAsComparisonsDo() {
        let interner = Interner()
        #expect(interner.id(ofText: "Natural_Gas") == interner.id(ofText: "natural gas"))
        #expect(interner.id(ofText: "non-exclusive") == interner.id(ofText: "Non Exclusive"))
        #expect(interner.id(ofText: "gas") != interner.id(ofText: "oil"))
        let needle = ContainsNeedle("press", table: RowTable(rowCount: 0, interner: interner), path: FieldPath(keys: ["notes"], display: "notes"))
        #expect(needle.inText(interner.id(ofText: "Press Release")))
        #expect(!needle.inText(interner.id(ofText: "company filing")))
        #expect(!needle.inText(9_999))
        #expect(needle.id == interner.id(ofText: "Press"))
    }

    @Test func internedIDsDoNotDependOnWhichStringHoldsTheText() {
        let interner = Interner()
        // The empty text is a real text with an id of its own.
        let empty = interner.id(ofText: "")
        #expect(empty >= 0)
        #expect(interner.id(ofText: "") == empty)
        // One stored string met again, and an equal text in another string.
        let long = String(repeating: "regulatory status ", count: 3)
        let first = interner.id(ofText: long)
        #expect(interner.id(ofText: long) == first)
        let rebuilt = String(long.reversed().reversed())
        #expect(interner.id(ofText: rebuilt) == first)
        #expect(interner.id(ofText: long.uppercased()) == first)
        // Many texts through the same few cache slots keep their own ids.
        let ids = (0..<2_000).map { interner.id(ofText: "text number \($0)") }
        #expect(Set(ids).count == 2_000)
        #expect((0..<2_000).allSatisfy { interner.id(ofText: "text number \($0)") == ids[$0] })
        #expect(interner.id(ofText: "") == empty)
        // Units: the short list and the hashed table give one id per unit.
        let power = interner.id(ofUnit: UnitSignature(.power))
        #expect(interner.id(ofUnit: UnitSignature(.power)) == power)
        let currencies = (0..<12).map { interner.id(ofUnit: UnitSignature(.currency("C\($0)"))) }
        #expect(Set(currencies + [power]).count == 13)
        #expect((0..<12).allSatisfy { interner.id(ofUnit: UnitSignature(.currency("C\($0)"))) == currencies[$0] })
        #expect(interner.id(ofUnit: UnitSignature(.power)) == power)
    }

    @Test func rowTruthFollowsThreeValuedLogicAndKeepsDeferrals() {
        let all: [RowTruth] = [.isFalse, .isTrue, .isUnknown]
        for a in all {
            for b in all {
                #expect(a.and(b).truth == a.truth!.and(b.truth!))
                #expect(a.or(b).truth == a.truth!.or(b.truth!))
            }
            #expect(a.negated.truth == a.truth!.negated)
            #expect(a.and(.deferred) == .deferred)
            #expect(a.or(.deferred) == .deferred)
        }
        #expect(RowTruth.deferred.negated == .deferred)
    }
}
