@testable import DealRules
import DealRulesModel
import Foundation
import Testing

/// Per-deal rules run a block of deals at a time (`DealBlocks`), and the
/// fields grouped and portfolio rules read are copied out of each block.
/// Whatever the block size, every outcome, group and report entry must be
/// the one a single block gives, and the evaluator's.
@Suite struct DealBlocksTests {
    static let sizes = [1, 2, 3, 7, 64]

    /// Everything a run decided, in one comparable form.
    static func summary(_ outcomes: RuleOutcomes) -> [String] {
        let report = outcomes.report(includeClear: true)
        return report.findings.map { "F \($0.rule.name) \($0.subject) \($0.message) \($0.evidence.count)" }
            + report.undetermined.map { "U \($0.rule.name) \($0.subject) \($0.reasons.count)" }
            + report.clear.map { "C \($0.rule.name) \($0.subject)" }
    }

    static func run(_ program: CheckedProgram, _ deals: [Deal], blockRows: Int,
                    rules: [String] = [], subjects: [String] = []) -> RuleOutcomes {
        RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(
            asOf: KernelAgreementTests.asOf, rules: rules, subjects: subjects, blockRows: blockRows))
    }

    static let programs: [String: String] = [
        "kernel": KernelAgreementTests.kernelRules,
        "grouped": KernelAgreementTests.groupedRules,
        "portfolio": KernelAgreementTests.portfolioRules,
    ]

    @Test(arguments: ["kernel", "grouped", "portfolio"])
    func blockSizesGiveTheOutcomesOfOneBlock(_ name: String) throws {
        let program = try KernelAgreementTests.program(rules: DealBlocksTests.programs[name] ?? "")
        var random = RandomDeals(seed: 4242)
        let deals = random.deals(150)
        let whole = DealBlocksTests.run(program, deals, blockRows: deals.count)
        let expected = DealBlocksTests.summary(whole)
        // Per-deal programs decide every deal; the portfolio program once a rule.
        #expect(expected.count >= min(deals.count, program.rules.count), "\(expected.count)")
        for size in DealBlocksTests.sizes {
            DealBlocksTests.expectSame(DealBlocksTests.run(program, deals, blockRows: size), as: whole, program: program, "block size \(size)")
        }
        // Over kept columns (`DealColumns`), one store for every size.
        let columns = DealColumns(deals: deals)
        for size in [RuleRunner.blockRows, 1, 7] {
            DealBlocksTests.expectSame(DealColumnsTests.kept(program, columns, blockRows: size), as: whole, program: program, "kept, block size \(size)")
        }
    }

    /// `outcomes` agrees with the evaluator and holds every outcome, code
    /// and report entry of `expected`, decided the same way.
    static func expectSame(_ outcomes: RuleOutcomes, as expected: RuleOutcomes, program: CheckedProgram, _ label: String) {
        #expect(outcomes.disagreementsWithEvaluator().isEmpty, "\(label)")
        #expect(summary(outcomes) == summary(expected), "\(label)")
        for rule in program.rules {
            #expect(outcomes.codes(rule: rule.info.name) == expected.codes(rule: rule.info.name), "\(rule.info.name), \(label)")
        }
        #expect(outcomes.groupedRulesDecidedByKernels == expected.groupedRulesDecidedByKernels, "\(label)")
        #expect(outcomes.portfolioRulesDecidedByKernels == expected.portfolioRulesDecidedByKernels, "\(label)")
    }

    @Test(arguments: ["Rules", "Benchmarks/rules"])
    func theBundledRulesDoNotDependOnTheBlockSize(_ directory: String) throws {
        let program = try KernelAgreementTests.program(directory: directory)
        var random = RandomDeals(seed: 77)
        let deals = random.deals(120)
        let expected = DealBlocksTests.summary(DealBlocksTests.run(program, deals, blockRows: RuleRunner.blockRows))
        for size in [1, 5, 33] {
            let blocked = DealBlocksTests.run(program, deals, blockRows: size)
            #expect(blocked.disagreementsWithEvaluator().isEmpty, "block size \(size)")
            #expect(DealBlocksTests.summary(blocked) == expected, "block size \(size)")
        }
        // Over columns read beforehand for the whole program (`DealColumns`).
        let columns = DealColumns(deals: deals)
        columns.prepare(for: program, asOf: KernelAgreementTests.asOf)
        let kept = DealColumnsTests.kept(program, columns)
        #expect(kept.disagreementsWithEvaluator().isEmpty)
        #expect(DealBlocksTests.summary(kept) == expected)
    }

    /// `--deal` and `--rule` leave out rows and rules across block edges.
    @Test func filtersHoldAcrossBlocks() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules + "\n" + KernelAgreementTests.groupedRules)
        var random = RandomDeals(seed: 5)
        let deals = random.deals(40)
        let subjects = ["deal-2", "deal-3", "deal-4", "deal-17", "deal-40"]
        let whole = DealBlocksTests.run(program, deals, blockRows: 1_000, rules: ["k1", "k7", "k20", "g2"], subjects: subjects)
        let blocked = DealBlocksTests.run(program, deals, blockRows: 3, rules: ["k1", "k7", "k20", "g2"], subjects: subjects)
        #expect(DealBlocksTests.summary(blocked) == DealBlocksTests.summary(whole))
        let codes = try #require(blocked.codes(rule: "k7"))
        let decided = codes.indices.filter { codes[$0] != .skipped }.map { deals[$0].subject }
        #expect(decided == subjects.filter { subject in deals.contains { $0.subject == subject } })
        #expect(blocked.codes(rule: "k2") == nil, "rules left out are not run")
    }

    /// A block size of zero or less is read as one deal a block, and a
    /// portfolio of no deals has no block at all.
    @Test func degenerateSizesAndEmptyPortfolios() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules + "\n" + KernelAgreementTests.portfolioRules)
        var random = RandomDeals(seed: 8)
        let deals = random.deals(9)
        let expected = DealBlocksTests.summary(DealBlocksTests.run(program, deals, blockRows: 100))
        #expect(DealBlocksTests.summary(DealBlocksTests.run(program, deals, blockRows: 0)) == expected)
        #expect(DealBlocksTests.summary(DealBlocksTests.run(program, deals, blockRows: Int.min)) == expected)
        #expect(DealBlocksTests.summary(DealBlocksTests.run(program, deals, blockRows: Int.max)) == expected)
        let empty = DealBlocksTests.run(program, [], blockRows: 4)
        #expect(empty.findingCount + empty.undeterminedCount + empty.clearCount == 5, "only the five portfolio rules decide")
    }

    /// The fields grouped rules read are copied out of the blocks into the
    /// whole portfolio's table exactly as a pass over every deal reads them.
    @Test func copiedColumnsEqualColumnsReadFromTheDeals() throws {
        let dated = """
        rule "d1" for each power source
          when count of deals where announced is after 2025-06 or capacity target is before 2028 is at least 2
          flag d1
        """
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules + "\n" + KernelAgreementTests.groupedRules + "\n" + dated)
        var random = RandomDeals(seed: 31)
        let deals = random.deals(50)
        let interner = Interner()
        let whole = DealTable(deals: deals, interner: interner)
        let rules = Array(program.rules.indices)
        let fields = DealBlocks.wholeFields(of: program, rules: rules)
        // Text, quantities, money and dates among them.
        #expect(fields.count >= 8, "\(fields.map(\.keys))")
        #expect(!fields.contains { $0.keys == ["deals"] })
        let blocks = DealBlocks(program: program, deals: deals, asOf: KernelAgreementTests.asOf, interner: interner, blockRows: 6)
        _ = blocks.run(rules: [], plan: ReadPlan(), skipped: [], wholeFields: fields, into: whole)
        let reference = DealTable(deals: deals, interner: interner)
        for field in fields {
            let copied = try #require(whole.columns[field.keys])
            let read = reference.column(field)
            #expect(copied.kinds == read.kinds && copied.statuses == read.statuses, "\(field.keys)")
            #expect(copied.textIDs == read.textIDs && copied.unitIDs == read.unitIDs, "\(field.keys)")
            #expect(copied.significands == read.significands && copied.exponents == read.exponents, "\(field.keys)")
            #expect(copied.firstDays == read.firstDays && copied.lastDays == read.lastDays && copied.isYear == read.isYear, "\(field.keys)")
        }
    }

    /// What the progress callback was told, in order.
    final class Told: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [(Int, Int)] = []
        func add(_ done: Int, _ total: Int) { lock.withLock { values.append((done, total)) } }
        var all: [(Int, Int)] { lock.withLock { values } }
    }

    /// Progress climbs block by block through the per-deal rules, then rule
    /// by rule, and never passes the number of rules that run.
    @Test func progressClimbsAsBlocksAndRulesAreDecided() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules + "\n" + KernelAgreementTests.groupedRules)
        var random = RandomDeals(seed: 12)
        let deals = random.deals(100)
        let told = Told()
        var options = RuleRunner.Options(asOf: KernelAgreementTests.asOf, rules: ["k1", "k2", "k3", "k4", "g1", "g2"], blockRows: 10)
        options.progress = { done, total in told.add(done, total) }
        _ = RuleRunner.evaluate(program, deals: deals, options: options)
        let values = told.all
        #expect(values.allSatisfy { $0.1 == 6 && $0.0 >= 0 && $0.0 <= 6 }, "\(values)")
        #expect(zip(values, values.dropFirst()).allSatisfy { $0.0 <= $1.0 }, "\(values)")
        // Ten blocks of the four per-deal rules, then one call per grouped rule.
        #expect(values.count == 12, "\(values)")
        #expect(values.map(\.0).suffix(3) == [4, 4, 5], "\(values)")
    }
}
