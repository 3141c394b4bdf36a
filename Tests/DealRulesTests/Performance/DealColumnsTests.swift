@testable import DealRules
import DealRulesModel
import Foundation
import Testing

/// Kept columns (`DealColumns`): an evaluation over a store must decide
/// exactly what an evaluation over the deals decides, whatever the store
/// already holds — columns from another program, from a `prepare`, or
/// none — and the store must keep what it read for the next evaluation.
/// (`DealBlocksTests` runs its programs over kept columns too.)
@Suite struct DealColumnsTests {
    static func kept(_ program: CheckedProgram, _ columns: DealColumns, blockRows: Int = RuleRunner.blockRows,
                     rules: [String] = [], subjects: [String] = []) -> RuleOutcomes {
        RuleRunner.evaluate(program, columns: columns, options: RuleRunner.Options(
            asOf: KernelAgreementTests.asOf, rules: rules, subjects: subjects, blockRows: blockRows))
    }

    /// One store serves programs one after another: each reads what the
    /// others left and adds what it lacks, and none sees the others' rules.
    @Test func oneStoreServesProgramsInTurn() throws {
        let programs = try ["kernel", "grouped", "portfolio"].map { try KernelAgreementTests.program(rules: DealBlocksTests.programs[$0] ?? "") }
        let bundled = try KernelAgreementTests.program(directory: "Rules")
        var random = RandomDeals(seed: 17)
        let deals = random.deals(80)
        let columns = DealColumns(deals: deals)
        var counts: [Int] = []
        for program in programs + [bundled] + programs.reversed() {
            let expected = DealBlocksTests.summary(DealBlocksTests.run(program, deals, blockRows: RuleRunner.blockRows))
            let kept = DealColumnsTests.kept(program, columns)
            #expect(DealBlocksTests.summary(kept) == expected)
            #expect(kept.disagreementsWithEvaluator().isEmpty)
            counts.append(columns.columnCount)
        }
        // The store only grows, and the second round reads nothing new.
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 }, "\(counts)")
        #expect(counts.suffix(4).allSatisfy { $0 == counts[3] }, "\(counts)")
        #expect(counts[0] > 0)
    }

    /// After `prepare`, an evaluation of the same program reads no field
    /// from the deals: every column it uses is already there.
    @Test func prepareReadsEveryColumnTheRulesUse() throws {
        let program = try KernelAgreementTests.program(directory: "Benchmarks/rules")
        var random = RandomDeals(seed: 3)
        let deals = random.deals(60)
        let columns = DealColumns(deals: deals)
        #expect(columns.columnCount == 0)
        columns.prepare(for: program, asOf: KernelAgreementTests.asOf)
        let prepared = columns.columnCount
        let items = columns.table.itemColumnCount
        #expect(prepared >= 8, "\(prepared)")
        // At least a kind and a status byte a row in every column.
        let bytes = columns.byteCount
        #expect(bytes >= 2 * prepared * deals.count, "\(bytes)")
        _ = DealColumnsTests.kept(program, columns)
        #expect(columns.columnCount == prepared)
        #expect(columns.table.itemColumnCount == items)
        #expect(columns.byteCount == bytes)
        // A second prepare reads nothing either.
        columns.prepare(for: program, asOf: KernelAgreementTests.asOf)
        #expect(columns.columnCount == prepared)
    }

    /// `--deal` and `--rule` over kept columns leave out the same rows and
    /// rules as over the deals.
    @Test func filtersOverKeptColumns() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules + "\n" + KernelAgreementTests.groupedRules)
        var random = RandomDeals(seed: 5)
        let deals = random.deals(40)
        let subjects = ["deal-2", "deal-3", "deal-17", "deal-40", "no such deal"]
        let rules = ["k1", "k7", "k20", "g2"]
        let columns = DealColumns(deals: deals)
        let kept = DealColumnsTests.kept(program, columns, blockRows: 3, rules: rules, subjects: subjects)
        let fresh = DealBlocksTests.run(program, deals, blockRows: 3, rules: rules, subjects: subjects)
        #expect(DealBlocksTests.summary(kept) == DealBlocksTests.summary(fresh))
        let codes = try #require(kept.codes(rule: "k7"))
        let present = subjects.filter { subject in deals.contains { $0.subject == subject } }
        #expect(present.count >= 3, "\(present)")
        #expect(codes.indices.filter { codes[$0] != .skipped }.map { deals[$0].subject } == present)
        #expect(kept.codes(rule: "k2") == nil)
        // The full run afterwards is not limited by the filtered one.
        #expect(DealBlocksTests.summary(DealColumnsTests.kept(program, columns))
                == DealBlocksTests.summary(DealBlocksTests.run(program, deals, blockRows: 3)))
    }

    /// The REPL's trial run reports the outcome counts without building a
    /// report: they must be the report's counts, rule by rule.
    @Test(arguments: ["Rules", "Benchmarks/rules"])
    func outcomeCountsAreTheReportsCounts(_ directory: String) throws {
        let program = try KernelAgreementTests.program(directory: directory)
        var random = RandomDeals(seed: 64)
        let columns = DealColumns(deals: random.deals(90))
        for rule in program.rules {
            let outcomes = DealColumnsTests.kept(program, columns, rules: [rule.info.name])
            let report = outcomes.report(includeClear: false)
            #expect(outcomes.findingCount == report.findings.count, "\(rule.info.name)")
            #expect(outcomes.undeterminedCount == report.undetermined.count, "\(rule.info.name)")
            #expect(outcomes.findingCount + outcomes.undeterminedCount + outcomes.clearCount > 0, "\(rule.info.name)")
        }
    }

    @Test func anEmptyPortfolioHasEmptyColumns() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules + "\n" + KernelAgreementTests.portfolioRules)
        let columns = DealColumns(deals: [])
        columns.prepare(for: program, asOf: KernelAgreementTests.asOf)
        let kept = DealColumnsTests.kept(program, columns)
        #expect(kept.findingCount + kept.undeterminedCount + kept.clearCount == 5, "only the five portfolio rules decide")
    }

    /// Progress over kept columns climbs block by block, as over the deals.
    @Test func progressClimbsOverKeptColumns() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules + "\n" + KernelAgreementTests.groupedRules)
        var random = RandomDeals(seed: 12)
        let deals = random.deals(100)
        let told = DealBlocksTests.Told()
        var options = RuleRunner.Options(asOf: KernelAgreementTests.asOf, rules: ["k1", "k2", "k3", "k4", "g1", "g2"], blockRows: 10)
        options.progress = { done, total in told.add(done, total) }
        _ = RuleRunner.evaluate(program, columns: DealColumns(deals: deals), options: options)
        let values = told.all
        #expect(values.count == 12, "\(values)")
        #expect(zip(values, values.dropFirst()).allSatisfy { $0.0 <= $1.0 }, "\(values)")
        #expect(values.map(\.0).suffix(3) == [4, 4, 5], "\(values)")
    }
}
