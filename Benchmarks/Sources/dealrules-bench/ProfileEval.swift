import DealRules
import DealRulesBenchKit
import DealRulesData
import DealRulesModel
import Foundation

/// Evaluation only, for running under a profiler: N generated deals,
/// loaded once, then every rule evaluated REPEATS times.
enum ProfileEval {
    struct CSVFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func csvDeals(_ generated: [SyntheticDeal], packed: Bool) throws -> [Deal] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("profile-eval-\(getpid()).csv").path
        guard FileManager.default.createFile(atPath: path, contents: Data(DealWriters.write(generated, as: .csv))) else {
            throw CSVFailure(description: "cannot write \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = DataLimits()
        limits.packsDeals = packed
        let loaded = DataLoader.loadAll(paths: [path], format: nil, limits: limits)
        if loaded.hasErrors { throw CSVFailure(description: "the generated CSV does not load") }
        return loaded.deals
    }

    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2, let count = Int(arguments[1]) else {
            FileHandle.standardError.write(Data("usage: dealrules-bench profile-eval RULES N [REPEATS] [evaluate|report|columns|packed|csv|csv-packed]\n".utf8))
            return 2
        }
        let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
        let mode = arguments.count > 3 ? arguments[3] : "evaluate"
        do {
            let program = try BenchProgram.load(rules: arguments[0])
            let generated = DealGenerator.generate(count: count)
            let deals: [Deal]
            switch mode {
            case "csv", "csv-packed":
                // The deals as a CSV file read in pieces, as `check` reads
                // one: packed (`DealPack`) or, for `csv`, held as records.
                deals = try ProfileEval.csvDeals(generated, packed: mode == "csv-packed")
            case "packed":
                // The records kept in packs of 5,000 deals, as a large
                // file read in pieces would hold them.
                let loaded = try BenchProgram.deals(DealWriters.write(generated, as: .ndjson), format: .ndjson)
                deals = stride(from: 0, to: loaded.count, by: 5_000).flatMap { start in
                    var piece = Array(loaded[start..<min(start + 5_000, loaded.count)])
                    DealPack.pack(&piece)
                    return piece
                }
            default:
                deals = try BenchProgram.deals(DealWriters.write(generated, as: .ndjson), format: .ndjson)
            }
            var outcomes = 0
            var reportSeconds = 0.0
            // `columns`: the deals' columns are read once, before the clock
            // starts, and kept for every evaluation (`DealColumns`).
            let columns = mode == "columns" ? DealColumns(deals: deals) : nil
            if let columns {
                let prepared = Measure.time { columns.prepare(for: program, asOf: BenchProgram.asOf) }.seconds
                print("\(columns.columnCount) columns read in \(Measure.format(prepared * 1000)) ms, \(columns.byteCount / max(1, count)) bytes a deal")
            }
            let seconds = Measure.time {
                for _ in 0..<repeats {
                    let options = RuleRunner.Options(asOf: BenchProgram.asOf)
                    let evaluated = columns.map { RuleRunner.evaluate(program, columns: $0, options: options) }
                        ?? RuleRunner.evaluate(program, deals: deals, options: options)
                    outcomes += evaluated.findingCount + evaluated.undeterminedCount + evaluated.clearCount
                    if mode == "report" {
                        reportSeconds += Measure.time { _ = evaluated.report(includeClear: false) }.seconds
                    }
                }
            }.seconds
            let evaluation = seconds - reportSeconds
            if mode.hasPrefix("csv") {
                print("\(deals.filter(\.isPacked).count) of \(deals.count) deals packed")
            }
            print("\(outcomes) outcomes evaluated in \(Measure.format(evaluation * 1000)) ms (\(Measure.grouped(Double(outcomes) / evaluation))/s)")
            if mode == "report" {
                print("reports (findings and undetermined with evidence) built in \(Measure.format(reportSeconds * 1000)) ms")
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 2
        }
    }
}
