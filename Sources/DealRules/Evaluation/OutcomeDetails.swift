import DealRulesModel
import Synchronization

/// Where an outcome listed without its details comes from: an entry of the
/// run's `RuleOutcomes` and, in it, a deal row or a group (0 for the
/// portfolio).
struct OutcomeOrigin: Sendable, Hashable {
    var entry: Int
    var position: Int
}

/// Works out the message, basis, evidence and reasons of outcomes that a
/// report lists without them, one outcome at a time as a report writes it:
/// a portfolio that flags hundreds of thousands of outcomes then never
/// holds all their details at once. The evaluator decides the outcome again
/// for its evidence, exactly as `RuleOutcomes.report` does for a full report.
final class OutcomeDetails: Sendable {
    private let outcomes: RuleOutcomes
    private let state: Mutex<State>

    private struct State {
        let evaluator: Evaluator
        var conditions: [Int: CompiledCondition] = [:]
    }

    init(_ outcomes: RuleOutcomes) {
        self.outcomes = outcomes
        state = Mutex(State(evaluator: Evaluator(asOf: outcomes.asOf, definitions: outcomes.program.definitions)))
    }

    func complete(_ finding: Finding) -> Finding {
        guard let origin = finding.pending else { return finding }
        return state.withLock { state in
            guard let rule = decide(origin, &state) else { return finding }
            let made = RuleRunner.finding(rule, subject: finding.subject, evaluator: state.evaluator)
            var result = finding
            result.message = made.message
            result.basis = made.basis
            result.evidence = made.evidence
            result.pending = nil
            return result
        }
    }

    func complete(_ outcome: UndeterminedOutcome) -> UndeterminedOutcome {
        guard let origin = outcome.pending else { return outcome }
        return state.withLock { state in
            guard decide(origin, &state) != nil else { return outcome }
            var result = outcome
            result.reasons = RuleRunner.reasons(state.evaluator)
            result.evidence = state.evaluator.evidence
            result.pending = nil
            return result
        }
    }

    /// Decides the outcome at `origin` again, so the evaluator holds its
    /// evidence and reasons; the rule, or nil for an origin that is not one.
    private func decide(_ origin: OutcomeOrigin, _ state: inout State) -> CheckedRule? {
        guard outcomes.entries.indices.contains(origin.entry) else { return nil }
        let index: Int
        switch outcomes.entries[origin.entry] {
        case .perDeal(let rule, _):
            guard outcomes.deals.indices.contains(origin.position) else { return nil }
            state.evaluator.begin(deal: outcomes.deals[origin.position])
            index = rule
        case .grouped(let rule, _, let groups):
            guard groups.indices.contains(origin.position) else { return nil }
            state.evaluator.begin(group: groups[origin.position].scope)
            index = rule
        case .portfolio(let rule, _):
            state.evaluator.begin(group: GroupScope(keyName: nil, key: .symbol("portfolio"), deals: outcomes.deals, allDeals: outcomes.deals))
            index = rule
        case .listed:
            return nil
        }
        let rule = outcomes.program.rules[index]
        let condition = state.conditions[index] ?? CompiledCondition(rule.condition, definitions: outcomes.program.definitions)
        state.conditions[index] = condition
        _ = condition.truth(state.evaluator)
        return rule
    }
}
