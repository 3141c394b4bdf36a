import DealRules
import DealRulesData
import DealRulesModel
import DealRulesSyntax

/// What every fuzz target shares: turning libFuzzer's bytes into inputs,
/// and a fixed program and data set to evaluate fuzzed data and rules
/// against, so that the evaluator is exercised too and not only the front
/// ends. Nothing here may trap on its own: a trap is a finding.
public enum FuzzInput {
    /// The raw bytes libFuzzer hands over.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Bytes decoded as UTF-8, invalid sequences replaced (as the CLI reads files).
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    /// The as-of date used by every target.
    public static let asOf: DateValue = DateValue(year: 2026, month: 11, day: 24) ?? fallbackDate

    private static let fallbackDate: DateValue = DateValue.parse("2026-11-24") ?? fixedDate()

    private static func fixedDate() -> DateValue {
        // Unreachable for a valid literal; a fuzz harness must still not trap here.
        guard let date = DateValue(year: 2000) else { fatalError("no date can be built") }
        return date
    }

    /// Rules that read every kind of field the starter data has, so that
    /// fuzzed data meets comparisons, arithmetic, dates and collections.
    public static let referenceRules = """
    define value per gigawatt as deal value / capacity.
    define hyperscaler as name of parties where role is hyperscaler.

    if capacity is at least 1 GW and chip roadmap is unvalidated, flag unvalidated gigawatt severity high.
    if capacity target is before 2027 and deal value is more than $10 billion, flag rushed build.
    if capacity target is beyond 2 years or capacity target + 18 months is within 3 years, flag distant target.
    if term is more than 10 years or exclusive, flag long lock-in.
    if any parties where role is utility and count of parties is more than 2, flag crowded severity low.
    if chips contains "Trainium2" or name contains "campus", flag named.
    if deal value is confirmed and capacity is not estimated, flag firm figures.

    rule "Expensive power"
      when value per gigawatt is more than $50 billion per GW
      flag expensive power
      severity low
      message "{name} pays {value per gigawatt} for {capacity}."

    rule "Concentrated" for each hyperscaler
      when share of capacity is more than 40% and sum of deal value is more than $1 billion
      flag concentrated
      severity high
      message "{hyperscaler} holds {share of capacity}."

    rule "Portfolio" for all deals
      when average of deal value is more than $5 billion or any deal where exclusive
      flag portfolio exposure
    """

    /// The reference program, checked once.
    public static let referenceProgram: CheckedProgram? = {
        let source = SourceFile(path: "reference.rules", text: referenceRules)
        return ProgramLoader.load(sources: [source]).program
    }()

    /// A handful of deals with every kind of value, for fuzzed rules to read.
    public static let referenceData = """
    - id: alpha
      name: Alpha campus
      capacity: 1.2 GW
      capacity target: 2026-06
      deal value: $40 billion
      chip roadmap: unvalidated
      term: 15 years
      exclusive: true
      parties:
        - { name: Lab One, role: lab }
        - { name: Cloud Co, role: hyperscaler }
        - { name: Grid Power, role: utility }
    - id: beta
      name: Beta site
      capacity: { value: 500 MW, status: estimated, source: press }
      capacity target: 2029
      deal value: { value: $12 billion, status: reported }
      chip roadmap: validated
      term: 5 years
      exclusive: false
      parties:
        - { name: Cloud Co, role: hyperscaler }
    - name: Gamma
      capacity: 0 GW
      deal value: $0
    - {}
    """

    public static let referenceDeals: [Deal] = {
        DataLoader.load(bytes: Array(referenceData.utf8), path: "reference.yaml", format: .yaml).deals
    }()

    /// Runs the reference program over deals; the outcome count must be
    /// rules × subjects for per-deal rules, so a lost outcome is caught.
    public static func evaluateReference(on deals: [Deal]) {
        guard let program = referenceProgram else { return }
        run(program, on: deals)
    }

    /// Runs a program over deals and checks that no per-deal outcome is
    /// lost, and that the kernels decide every outcome as the evaluator does.
    public static func run(_ program: CheckedProgram, on deals: [Deal]) {
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: asOf))
        let disagreements = outcomes.disagreementsWithEvaluator()
        if let first = disagreements.first {
            fatalError("kernel and evaluator disagree: \(first)")
        }
        let report = outcomes.report(includeClear: true)
        let perDeal = program.rules.filter { if case .perDeal = $0.scope { true } else { false } }
        let perDealNames = Set(perDeal.map(\.info.name))
        let listed = report.findings.filter { perDealNames.contains($0.rule.name) }.count
            + report.undetermined.filter { perDealNames.contains($0.rule.name) }.count
            + report.clear.filter { perDealNames.contains($0.rule.name) }.count
        // Rule names are unique within a program (the checker says so), so
        // this count is exact.
        if perDealNames.count == perDeal.count && listed != perDeal.count * deals.count {
            fatalError("lost outcomes: \(listed) for \(perDeal.count) rules × \(deals.count) deals")
        }
    }
}
