import DealRules
import DealRulesBenchKit
import Foundation

/// Evaluation only, for running under a profiler: N generated deals,
/// loaded once, then every rule evaluated REPEATS times.
enum ProfileEval {
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2, let count = Int(arguments[1]) else {
            FileHandle.standardError.write(Data("usage: dealrules-bench profile-eval RULES N [REPEATS]\n".utf8))
            return 2
        }
        let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
        do {
            let program = try BenchProgram.load(rules: arguments[0])
            let deals = try BenchProgram.deals(DealWriters.write(DealGenerator.generate(count: count), as: .ndjson), format: .ndjson)
            var outcomes = 0
            let seconds = Measure.time {
                for _ in 0..<repeats {
                    let report = RuleRunner.run(program, deals: deals, options: RuleRunner.Options(asOf: BenchProgram.asOf))
                    outcomes += report.findings.count + report.undetermined.count + report.clear.count
                }
            }.seconds
            print("\(outcomes) outcomes in \(Measure.format(seconds * 1000)) ms (\(Measure.grouped(Double(outcomes) / seconds))/s)")
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 2
        }
    }
}
