import DealRulesModel

/// The findings, undetermined or clear outcomes of a report. A report
/// whose details come later (`RuleOutcomes.report(includeClear:detailsLater:)`)
/// keeps most of them as where each comes from — 4 bytes an outcome —
/// instead of as outcomes (64 bytes a finding): a large portfolio lists
/// millions. Such an outcome is made when it is read, without its
/// details, which `CheckReport.complete` then works out.
///
/// Outcomes are appended entry by entry, so an origin is kept as its
/// position alone, in a run of positions that share an entry (`Run`);
/// outcomes that came with their details form runs of their own, whose
/// slots index `listed`.
struct OutcomeListing<Outcome: Sendable>: Sendable, RandomAccessCollection {
    /// Per outcome: a position (of its run's entry) or an index into
    /// `listed`. Nil when every outcome is in `listed`, in order.
    private var slots: [UInt32]?
    /// Where each run starts in `slots`, in order.
    private var runs: [Run] = []
    /// Outcomes that came with their details.
    private var listed: [Outcome]
    private let make: (@Sendable (OutcomeOrigin) -> Outcome)?
    /// The rule and subject of an origin, without making its outcome.
    private let name: (@Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: String))?

    private struct Run: Sendable {
        /// The entry of its origins, or `Run.listed`.
        var entry: UInt32
        var start: Int
        static var listed: UInt32 { UInt32.max }
    }

    /// Outcomes that all have their details.
    init(_ outcomes: [Outcome]) {
        listed = outcomes
        slots = nil
        make = nil
        name = nil
    }

    /// An empty listing to be filled with `append`; `make` makes the
    /// outcome of an origin, and `name` tells its rule and subject alone.
    init(capacity: Int, make: @escaping @Sendable (OutcomeOrigin) -> Outcome,
         name: @escaping @Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: String)) {
        listed = []
        slots = []
        slots?.reserveCapacity(capacity)
        self.make = make
        self.name = name
    }

    var startIndex: Int { 0 }
    var endIndex: Int { slots?.count ?? listed.count }

    mutating func append(pending origin: OutcomeOrigin) {
        guard let count = slots?.count else { return }
        let entry = UInt32(truncatingIfNeeded: origin.entry)
        if runs.last?.entry != entry { runs.append(Run(entry: entry, start: count)) }
        slots?.append(UInt32(truncatingIfNeeded: origin.position))
    }

    mutating func append(contentsOf outcomes: [Outcome]) {
        guard let count = slots?.count else { return listed.append(contentsOf: outcomes) }
        guard !outcomes.isEmpty else { return }
        if runs.last?.entry != Run.listed { runs.append(Run(entry: Run.listed, start: count)) }
        for outcome in outcomes {
            slots?.append(UInt32(truncatingIfNeeded: listed.count))
            listed.append(outcome)
        }
    }

    subscript(index: Int) -> Outcome {
        guard let slot = slots?[index], let make else { return listed[index] }
        let entry = runs[run(of: index)].entry
        if entry == Run.listed { return listed[Int(slot)] }
        return make(OutcomeOrigin(entry: Int(entry), position: Int(slot)))
    }

    /// The run holding slot `index`: the last that starts at or before it.
    private func run(of index: Int) -> Int {
        var low = 0
        var high = runs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].start <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Every outcome (the listed array itself when all have their details).
    var all: [Outcome] { slots == nil ? listed : Array(self) }
}

/// What every listed outcome names: its rule and its subject.
protocol NamedOutcome {
    var sharedRule: SharedRuleInfo { get }
    var subject: String { get }
}

extension Finding: NamedOutcome {}
extension UndeterminedOutcome: NamedOutcome {}
extension ClearOutcome: NamedOutcome {}

extension OutcomeListing where Outcome: NamedOutcome {
    /// Calls `body` with the rule and subject of every outcome, in order,
    /// without making the outcomes: ordering a report reads these of
    /// every outcome several times, and a made outcome costs a copy of
    /// its rule.
    func forEachName(_ body: (SharedRuleInfo, String) -> Void) {
        guard let slots, let name else {
            for outcome in listed { body(outcome.sharedRule, outcome.subject) }
            return
        }
        for (index, run) in runs.enumerated() {
            let end = index + 1 < runs.count ? runs[index + 1].start : slots.count
            for slot in run.start..<end {
                if run.entry == Run.listed {
                    let outcome = listed[Int(slots[slot])]
                    body(outcome.sharedRule, outcome.subject)
                } else {
                    let named = name(OutcomeOrigin(entry: Int(run.entry), position: Int(slots[slot])))
                    body(named.rule, named.subject)
                }
            }
        }
    }
}
