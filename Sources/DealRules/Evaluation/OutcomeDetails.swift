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
    /// The record of the deal decided last, by position: a report lists
    /// a deal's outcomes together, and a packed deal's record is made
    /// again each time it is asked for (`DealPack`).
    private var lastRecord: (position: Int, record: Record)? = nil

    init(_ outcomes: RuleOutcomes) {
        self.outcomes = outcomes
        evaluator = Evaluator(asOf: outcomes.asOf, definitions: outcomes.program.definitions)
        conditions = Array(repeating: nil, count: outcomes.program.rules.count)
    }

    /// Decides the outcome at `origin` again; its truth, or nil for an
    /// origin that is none.
    mutating func decide(_ origin: OutcomeOrigin) -> Truth? {
        guard outcomes.entries.indices.contains(origin.entry) else { return nil }
        let index: Int
        switch outcomes.entries[origin.entry] {
        case .perDeal(let rule, _):
            guard outcomes.deals.indices.contains(origin.position) else { return nil }
            let record: Record
            if let last = lastRecord, last.position == origin.position {
                record = last.record
            } else {
                record = outcomes.deals[origin.position].record
                lastRecord = (origin.position, record)
            }
            evaluator.begin(record: record)
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
///
/// It has a replay (an evaluator) per lane, so that a writer can work out
/// the details of two stretches of a report at once (`TextReport`), each
/// on its own lane.
final class OutcomeDetails: Sendable {
    private let lanes: [Lane]

    static let lanes = 2

    /// One replay, used by one writer at a time.
    private final class Lane: Sendable {
        let replay: Mutex<OutcomeReplay>

        init(_ outcomes: RuleOutcomes) {
            replay = Mutex(OutcomeReplay(outcomes))
        }
    }

    init(_ outcomes: RuleOutcomes) {
        lanes = (0..<OutcomeDetails.lanes).map { _ in Lane(outcomes) }
    }

    /// The outcome with the details it was listed without, worked out on
    /// `lane` (any lane gives the same details).
    func complete<Outcome: PendingOutcome>(_ outcome: Outcome, lane: Int = 0) -> Outcome {
        guard let origin = outcome.pending else { return outcome }
        return lanes[lane % lanes.count].replay.withLock { replay in
            guard let rule = replay.outcomes.rule(at: origin), replay.decide(origin) != nil else { return outcome }
            var result = outcome
            result.fill(rule: rule, evaluator: replay.evaluator)
            result.pending = nil
            return result
        }
    }
}

/// An outcome that can be listed before its details are worked out
/// (`OutcomeListing`, `OutcomeDetails`).
protocol PendingOutcome: Sendable {
    /// Where the details are still to be worked out; nil once they are here.
    var pending: OutcomeOrigin? { get set }
    /// The outcome of `rule` for `subject`, its details left for later.
    /// (The rule's shared description, not the rule: outcomes are made each
    /// time a listing is read, and copying a checked rule is not cheap.)
    init(rule: SharedRuleInfo, subject: String, pending origin: OutcomeOrigin)
    /// Fills in the details from the evaluator that has just decided `rule`.
    mutating func fill(rule: CheckedRule, evaluator: Evaluator)
}

extension Finding: PendingOutcome {
    init(rule: SharedRuleInfo, subject: String, pending origin: OutcomeOrigin) {
        self.init(rule: rule, subject: subject, severity: rule.info.severity, message: "", basis: .confirmed, evidence: [])
        pending = origin
    }

    mutating func fill(rule: CheckedRule, evaluator: Evaluator) {
        let made = RuleRunner.finding(rule, subject: subject, evaluator: evaluator)
        message = made.message
        basis = made.basis
        evidence = made.evidence
    }
}

extension UndeterminedOutcome: PendingOutcome {
    init(rule: SharedRuleInfo, subject: String, pending origin: OutcomeOrigin) {
        self.init(rule: rule, subject: subject, reasons: [], evidence: [])
        pending = origin
    }

    mutating func fill(rule: CheckedRule, evaluator: Evaluator) {
        reasons = RuleRunner.reasons(evaluator)
        evidence = evaluator.evidence
    }
}

extension ClearOutcome: PendingOutcome {
    init(rule: SharedRuleInfo, subject: String, pending origin: OutcomeOrigin) {
        self.init(rule: rule, subject: subject, evidence: [])
        pending = origin
    }

    mutating func fill(rule: CheckedRule, evaluator: Evaluator) {
        evidence = evaluator.evidence
    }
}
