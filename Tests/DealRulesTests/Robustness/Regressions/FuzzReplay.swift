import Foundation
@testable import DealRules
import DealRulesData
import DealRulesModel
import DealRulesSyntax

/// Replays an input the way the fuzz target of the same name (Fuzz/Sources)
/// feeds it, so an input that once crashed a target is run through exactly
/// the same calls by `swift test`.
enum FuzzReplay {
    enum Target: String, CaseIterable, Sendable {
        case parser = "fuzz-parser", checker = "fuzz-checker", printer = "fuzz-printer", repl = "fuzz-repl"
        case json = "fuzz-json", ndjson = "fuzz-ndjson", yaml = "fuzz-yaml", csv = "fuzz-csv"
    }

    /// What the replay noticed besides not crashing: the fuzz targets' own
    /// checks (formatting that does not parse again, outcomes lost).
    struct Result {
        var problems: [String] = []
    }

    static func run(_ target: Target, _ bytes: [UInt8]) -> Result {
        let text = String(decoding: bytes, as: UTF8.self)
        var result = Result()
        switch target {
        case .parser:
            _ = Parser.parse(SourceFile(path: "fuzz.rules", text: text))
            _ = Parser.parse(SourceFile(path: "fuzz.rules.md", text: text))
            _ = Parser.parseExpression(SourceFile(path: "fuzz-expression", text: text))
            _ = Parser.parseInteractive(SourceFile(path: "<repl:1>", text: text))
        case .checker:
            let loaded = ProgramLoader.load(sources: [SourceFile(path: "fuzz.rules", text: text)])
            if let program = loaded.program {
                result.problems += lostOutcomes(program, deals: referenceDeals)
            }
        case .printer:
            let parsed = Parser.parse(SourceFile(path: "fuzz.rules", text: text))
            guard !parsed.diagnostics.contains(where: { $0.severity == .error }) else { break }
            let formatted = Printer.format(parsed)
            let reparsed = Parser.parse(SourceFile(path: "formatted.rules", text: formatted))
            if let error = reparsed.diagnostics.first(where: { $0.severity == .error }) {
                result.problems.append("formatted text does not parse: \(error.message)")
            } else if Printer.format(reparsed) != formatted {
                result.problems.append("formatting is not stable")
            }
        case .repl:
            let engine = ReplEngine(ReplConfiguration(asOf: RobustnessFixtures.asOf))
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                // File commands are left out here: the fuzz target points them into a scratch folder.
                let trimmed = line.drop { $0 == " " || $0 == "\t" }.lowercased()
                if [":load", ":data", ":save"].contains(where: { trimmed.hasPrefix($0) }) { continue }
                if engine.submit(String(line)).quit { break }
            }
            _ = engine.finish()
        case .json, .ndjson, .yaml, .csv:
            let format = DataFormat(rawValue: String(target.rawValue.dropFirst("fuzz-".count))) ?? .json
            let loaded = DataLoader.load(bytes: bytes, path: "fuzz.\(format.rawValue)", format: format)
            if let program = referenceProgram {
                result.problems += lostOutcomes(program, deals: loaded.deals)
            }
            result.problems += piecesDiffer(bytes, format: format)
        }
        return result
    }

    static let referenceProgram: CheckedProgram? = ProgramLoader.load(sources: [SourceFile(path: "reference.rules", text: """
    define value per gigawatt as deal value / capacity.
    define hyperscaler as name of parties where role is hyperscaler.
    if capacity is at least 1 GW and chip roadmap is unvalidated, flag unvalidated gigawatt severity high.
    if capacity target is beyond 2 years or capacity target + 18 months is within 3 years, flag distant target.
    if value per gigawatt is more than $50 billion per GW, flag expensive power.
    if chips contains "Trainium2" or name contains "campus", flag named.
    rule "Concentrated" for each hyperscaler
      when share of capacity is more than 40%
      flag concentrated
    """)]).program

    static let referenceDeals: [Deal] = DataLoader.load(bytes: Array("""
    - {id: alpha, capacity: 1.2 GW, capacity target: 2026-06, deal value: $40 billion, chip roadmap: unvalidated, parties: [{name: Cloud, role: hyperscaler}]}
    - {name: Beta, capacity: {value: 500, unit: MW, status: estimated}, capacity target: 2029, term: 5 years, exclusive: false}
    - {capacity: 0 GW, deal value: $0}
    - {}
    """.utf8), path: "reference.yaml", format: .yaml).deals

    /// As the fuzz targets check: read from a file in pieces of a size
    /// taken from the input (`PiecesCheck` in Fuzz/), the data must load
    /// exactly as its whole text does.
    static func piecesDiffer(_ bytes: [UInt8], format: DataFormat) -> [String] {
        var pieceSize = 1 + (bytes.first.map(Int.init) ?? 0) % 61
        if format == .yaml { pieceSize *= 64 }
        let limits = DataLimits(pieceSize: pieceSize)
        let name = "fuzz.\(format.rawValue)"
        guard let pieces = try? NDJSONPiecesTests.loadFile(String(decoding: bytes, as: UTF8.self), limits: limits, name: name) else {
            return ["the input could not be written to a file"]
        }
        let whole = DataLoader.load(bytes: bytes, path: name, format: format, limits: limits)
        return NDJSONPiecesTests.summary(pieces) == NDJSONPiecesTests.summary(whole)
            ? [] : ["\(format.rawValue) read in pieces of \(pieceSize) bytes differs from the whole read"]
    }

    /// Per-deal rules must give one outcome per deal, and the kernels must
    /// decide each as the evaluator does.
    static func lostOutcomes(_ program: CheckedProgram, deals: [Deal]) -> [String] {
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: RobustnessFixtures.asOf))
        let report = outcomes.report(includeClear: true)
        var problems = outcomes.disagreementsWithEvaluator()
        for rule in program.rules {
            guard case .perDeal = rule.scope else { continue }
            let name = rule.info.name
            let count = report.findings.filter { $0.rule.name == name }.count
                + report.undetermined.filter { $0.rule.name == name }.count
                + report.clear.filter { $0.rule.name == name }.count
            if count != deals.count { problems.append("\(name): \(count) outcomes for \(deals.count) deals") }
        }
        return problems
    }
}
