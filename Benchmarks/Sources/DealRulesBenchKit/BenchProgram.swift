import DealRules
import DealRulesData
import DealRulesModel

/// The benchmark program and the outcome grids that let the interpreter
/// and the baseline be compared rule × deal.
public enum BenchProgram {
    public static let asOf = DateValue(year: 2026, month: 11, day: 24) ?? DateValue.epoch

    public struct LoadFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Loads and checks the rules of a directory (or file).
    public static func load(rules path: String) throws(LoadFailure) -> CheckedProgram {
        let result = ProgramLoader.load(paths: [path])
        guard let program = result.program, !result.hasErrors else {
            throw LoadFailure(description: DiagnosticRenderer.render(result.diagnostics, color: false))
        }
        return program
    }

    /// Loads deals from bytes of one format; fails on any error diagnostic.
    public static func deals(_ bytes: [UInt8], format: DealWriters.Format) throws(LoadFailure) -> [Deal] {
        let loaded = DataLoader.load(bytes: bytes, path: "synthetic.\(format.rawValue)", format: DataFormat(rawValue: format.rawValue) ?? .json)
        if loaded.hasErrors {
            throw LoadFailure(description: DiagnosticRenderer.render(Array(loaded.diagnostics.prefix(5)), color: false))
        }
        return loaded.deals
    }

    /// Per-deal outcomes of `ruleNames` from a report, deal-major. Deals
    /// are identified by subject, which the generator makes unique.
    public static func grid(of report: CheckReport, deals: [Deal], ruleNames: [String]) -> [OutcomeKind] {
        var dealIndex: [String: Int] = [:]
        for (index, deal) in deals.enumerated() { dealIndex[deal.subject] = index }
        var ruleIndex: [String: Int] = [:]
        for (index, name) in ruleNames.enumerated() { ruleIndex[name] = index }
        var grid = [OutcomeKind](repeating: .clear, count: deals.count * ruleNames.count)
        func mark(_ rule: String, _ subject: String, _ kind: OutcomeKind) {
            guard let row = dealIndex[subject], let column = ruleIndex[rule] else { return }
            grid[row * ruleNames.count + column] = kind
        }
        for finding in report.findings { mark(finding.rule.name, finding.subject, .finding) }
        for outcome in report.undetermined { mark(outcome.rule.name, outcome.subject, .undetermined) }
        return grid
    }

    /// The same grid from compact outcomes, before any report is built.
    public static func grid(of outcomes: RuleOutcomes, deals: [Deal], ruleNames: [String]) -> [OutcomeKind] {
        var grid = [OutcomeKind](repeating: .clear, count: deals.count * ruleNames.count)
        for (column, name) in ruleNames.enumerated() {
            guard let codes = outcomes.codes(rule: name) else { continue }
            for (row, code) in codes.enumerated() where row < deals.count {
                switch code {
                case .finding: grid[row * ruleNames.count + column] = .finding
                case .undetermined: grid[row * ruleNames.count + column] = .undetermined
                case .clear, .skipped: break
                }
            }
        }
        return grid
    }

    /// The baseline's outcomes for every deal, deal-major.
    public static func baselineGrid(_ deals: [BaselineDeal], asOf: DateValue = asOf) -> [OutcomeKind] {
        let rules = BaselineRules(asOf: asOf)
        let width = BaselineRules.ruleNames.count
        var grid = [OutcomeKind](repeating: .clear, count: deals.count * width)
        var row = [OutcomeKind](repeating: .clear, count: width)
        for (index, deal) in deals.enumerated() {
            rules.evaluate(deal, into: &row)
            for column in 0..<width { grid[index * width + column] = row[column] }
        }
        return grid
    }
}
