import DealRules
import DealRulesBenchKit
import DealRulesData
import Foundation

/// Child-process mode: load one data file, evaluate the rules over it and
/// print the peak resident set, so that the figure covers exactly one run.
enum MemoryProbe {
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: dealrules-bench memory-probe DATA RULES\n".utf8))
            return 2
        }
        let program: CheckedProgram
        do {
            program = try BenchProgram.load(rules: arguments[1])
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 2
        }
        let loaded = DataLoader.loadAll(paths: [arguments[0]], format: nil)
        let afterLoad = Measure.peakResidentBytes()
        // As `dealrules check` does: decide every outcome, then build the
        // report entries a text or JSON report shows.
        let evaluated = RuleRunner.evaluate(program, deals: loaded.deals, options: RuleRunner.Options(asOf: BenchProgram.asOf))
        let report = evaluated.report(includeClear: false)
        let outcomes = report.findings.count + report.undetermined.count + report.clearCount
        print("deals=\(loaded.deals.count) outcomes=\(outcomes) load_peak=\(afterLoad) peak=\(Measure.peakResidentBytes())")
        return 0
    }
}
