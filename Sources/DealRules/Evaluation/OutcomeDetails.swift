import DealRulesModel
import Synchronization

/// Where an outcome listed without its details comes from: an entry of the
/// run's `RuleOutcomes` and, in it, a deal row or a group (0 for the
/// portfolio). Kept in 8 bytes, since a large run lists hundreds of
/// thousands of outcomes: a run has far fewer than 2³² rules or deals (a
/// deal alone takes over a kilobyte).
struct OutcomeOrigin: Sendable, Hashable {
    private let storedEntry: UInt32
    private let storedPosition: UInt32

    init(entry: Int, position: Int) {
        storedEntry = UInt32(truncatingIfNeeded: entry)
        storedPosition = UInt32(truncatingIfNeeded: position)
    }

    var entry: Int { Int(storedEntry) }
    var position: Int { Int(storedPosition) }
}

/// Decides outcomes of a run again, one at a time, so that the evaluator
/// holds their evidence and reasons: what a report needs beyond the
/// outcome itself. Full reports (`RuleOutcomes.report`) and details worked
/// out while writing (`OutcomeDetails`) both go through it.
struct OutcomeReplay {
    let outcomes: RuleOutcomes
    let evaluator: Evaluator
    /// Each rule's condition compiled once, by rule index.
    private var conditions: [CompiledCondition?]

    init(_ outcomes: RuleOutcomes) {
        self.outcomes = outcomes
        evaluator = Evaluator(asOf: outcomes.asOf, definitions: outcomes.program.definitions)
        conditions = Array(repeating: nil, count: outcomes.program.rules.count)
    }

    /// The rule of the outcome at `origin`, nil for an origin that is none.
    func rule(at origin: OutcomeOrigin) -> CheckedRule? {
        guard outcomes.entries.indices.contains(origin.entry) else { return nil }
        switch outcomes.entries[origin.entry] {
        case .perDeal(let rule, _), .grouped(let rule, _, _), .portfolio(let rule, _): return outcomes.program.rules[rule]
        case .listed: return nil
        }
    }

    /// Decides the outcome at `origin` again; its truth, or nil for an
    /// origin that is none.
    mutating func decide(_ origin: OutcomeOrigin) -> Truth? {
        guard outcomes.entries.indices.contains(origin.entry) else { return nil }
        let index: Int
        switch outcomes.entries[origin.entry] {
        case .perDeal(let rule, _):
            guard outcomes.deals.indices.contains(origin.position) else { return nil }
            evaluator.begin(deal: outcomes.deals[origin.position])
            index = rule
        case .grouped(let rule, _, let groups):
            guard groups.indices.contains(origin.position) else { return nil }
            evaluator.begin(group: groups[origin.position].scope)
            index = rule
        case .portfolio(let rule, _):
            evaluator.begin(group: .portfolio(outcomes.deals))
            index = rule
        case .listed:
            return nil
        }
        let condition = conditions[index] ?? CompiledCondition(outcomes.program.rules[index].condition, definitions: outcomes.program.definitions)
        conditions[index] = condition
        return condition.truth(evaluator)
    }
}

/// Works out the message, basis, evidence and reasons of outcomes that a
/// report lists without them, one outcome at a time as a report writes it:
/// a portfolio that flags hundreds of thousands of outcomes then never
/// holds all their details at once.
final class OutcomeDetails: Sendable {
    private let replay: Mutex<OutcomeReplay>

    init(_ outcomes: RuleOutcomes) {
        replay = Mutex(OutcomeReplay(outcomes))
    }

    func complete(_ finding: Finding) -> Finding {
        guard let origin = finding.pending else { return finding }
        return replay.withLock { replay in
            guard let rule = replay.rule(at: origin), replay.decide(origin) != nil else { return finding }
            let made = RuleRunner.finding(rule, subject: finding.subject, evaluator: replay.evaluator)
            var result = finding
            result.message = made.message
            result.basis = made.basis
            result.evidence = made.evidence
            result.pending = nil
            return result
        }
    }

    func complete(_ outcome: ClearOutcome) -> ClearOutcome {
        guard let origin = outcome.pending else { return outcome }
        return replay.withLock { replay in
            guard replay.decide(origin) != nil else { return outcome }
            var result = outcome
            result.evidence = replay.evaluator.evidence
            result.pending = nil
            return result
        }
    }

    func complete(_ outcome: UndeterminedOutcome) -> UndeterminedOutcome {
        guard let origin = outcome.pending else { return outcome }
        return replay.withLock { replay in
            guard replay.decide(origin) != nil else { return outcome }
            var result = outcome
            result.reasons = RuleRunner.reasons(replay.evaluator)
            result.evidence = replay.evaluator.evidence
            result.pending = nil
            return result
        }
    }
}
