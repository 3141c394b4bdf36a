import DealRules
import DealRulesBenchKit
import DealRulesData
import CMemoryHints
import Foundation

/// Child-process mode: load one data file, evaluate the rules over it,
/// write the text report as `dealrules check` does, and print the peak
/// resident set, so that the figure covers exactly one run. The memory
/// settings are those of the `dealrules` executable (`CMemoryHints`).
enum MemoryProbe {
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 2 || (arguments.count == 3 && arguments[2] == "columns") else {
            FileHandle.standardError.write(Data("usage: dealrules-bench memory-probe DATA RULES [columns]\n".utf8))
            return 2
        }
        let program: CheckedProgram
        do {
            program = try BenchProgram.load(rules: arguments[1])
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 2
        }
        // As the `dealrules` executable does at its start: large blocks go
        // back to the system when freed, on whichever thread made them.
        dr_return_large_blocks()
        let loaded = DataLoader.loadAll(paths: [arguments[0]], format: nil)
        let afterLoad = Measure.peakResidentBytes()
        // As `dealrules check` does after loading (the REPL does not).
        if arguments.count == 2 { dr_release_free_memory() }
        // As `dealrules check` does: decide every outcome, then write the
        // text report, which works out each entry's details as it writes
        // it (the text is counted, not kept). With `columns`, as the REPL
        // does: the columns are kept with the deals.
        let options = RuleRunner.Options(asOf: BenchProgram.asOf)
        let evaluated = arguments.count == 3
            ? RuleRunner.evaluate(program, columns: DealColumns(deals: loaded.deals), options: options)
            : RuleRunner.evaluate(program, deals: loaded.deals, options: options)
        let afterEvaluation = Measure.peakResidentBytes()
        let report = evaluated.report(includeClear: false, detailsLater: true)
        var written = 0
        ReportRenderer.write(report, format: .text, options: ReportOptions(), to: { written += $0.utf8.count })
        let outcomes = evaluated.findingCount + evaluated.undeterminedCount + evaluated.clearCount
        print("deals=\(loaded.deals.count) outcomes=\(outcomes) report_bytes=\(written) load_peak=\(afterLoad) evaluation_peak=\(afterEvaluation) peak=\(Measure.peakResidentBytes())")
        return 0
    }
}
