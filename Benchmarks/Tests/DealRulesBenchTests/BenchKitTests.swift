import DealRules
import DealRulesBenchKit
import DealRulesModel
import Foundation
import Testing

/// The benchmark's inputs must be reproducible and its baseline must mean
/// the same as the rules it stands in for; timings are never asserted.
@Suite struct BenchKitTests {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    @Test func generatorIsDeterministic() {
        let first = DealGenerator.generate(count: 300)
        let second = DealGenerator.generate(count: 300)
        #expect(first == second)
        #expect(DealWriters.write(first, as: .json) == DealWriters.write(second, as: .json))
        #expect(DealGenerator.generate(count: 300, seed: 7) != first)
    }

    @Test func aboutOneFieldInTwentyIsMissing() {
        let deals = DealGenerator.generate(count: 2_000)
        let missing = deals.reduce(0) { total, deal in
            let fields: [Any?] = [deal.name, deal.kind, deal.announced, deal.parties, deal.hyperscaler, deal.capacity,
                                  deal.capacityTarget, deal.dealValue, deal.term, deal.chips, deal.chipRoadmap,
                                  deal.exclusivity, deal.powerSource, deal.regulatoryStatus, deal.location]
            return total + fields.filter { $0 == nil }.count
        }
        let share = Double(missing) / Double(deals.count * 15)
        #expect(share > 0.03 && share < 0.07)
    }

    @Test(arguments: DealWriters.Format.allCases)
    func everyFormatLoadsCleanly(_ format: DealWriters.Format) throws {
        let deals = DealGenerator.generate(count: 200)
        let loaded = try BenchProgram.deals(DealWriters.write(deals, as: format), format: format)
        #expect(loaded.count == 200)
        #expect(loaded.map(\.subject) == deals.map(\.id))
    }

    @Test(arguments: [DealWriters.Format.json, .yaml])
    func baselineAgreesWithTheInterpreter(_ format: DealWriters.Format) throws {
        let program = try BenchProgram.load(rules: BenchKitTests.rulesDirectory)
        #expect(program.rules.count == 20)
        let deals = try BenchProgram.deals(DealWriters.write(DealGenerator.generate(count: 600), as: format), format: format)
        let report = RuleRunner.run(program, deals: deals, options: RuleRunner.Options(asOf: BenchProgram.asOf, rules: BaselineRules.ruleNames))
        let interpreter = BenchProgram.grid(of: report, deals: deals, ruleNames: BaselineRules.ruleNames)
        let baseline = BenchProgram.baselineGrid(deals.map(BaselineDeal.init))
        let width = BaselineRules.ruleNames.count
        var disagreements: [String] = []
        for index in interpreter.indices where interpreter[index] != baseline[index] {
            disagreements.append("\(deals[index / width].subject) \(BaselineRules.ruleNames[index % width]): interpreter \(interpreter[index]), baseline \(baseline[index])")
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        // The compact outcomes (before any report entry is built) agree too.
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: BenchProgram.asOf, rules: BaselineRules.ruleNames))
        #expect(BenchProgram.grid(of: outcomes, deals: deals, ruleNames: BaselineRules.ruleNames) == baseline)
        // Every kind of outcome occurs, so agreement is not trivial.
        for kind in OutcomeKind.allCases { #expect(baseline.contains(kind)) }
    }
}
