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
    /// The same with the subject as cheaply as it can be told (no copy of
    /// a deal's subject): what ordering a large report reads.
    private let key: (@Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: OutcomeSubject))?

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
        key = nil
    }

    /// An empty listing to be filled with `append`; `make` makes the
    /// outcome of an origin, `name` tells its rule and subject alone, and
    /// `key` its rule and `OutcomeSubject`.
    init(capacity: Int, make: @escaping @Sendable (OutcomeOrigin) -> Outcome,
         name: @escaping @Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: String),
         key: @escaping @Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: OutcomeSubject)) {
        listed = []
        slots = []
        slots?.reserveCapacity(capacity)
        self.make = make
        self.name = name
        self.key = key
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

/// Who an outcome is about, told as cheaply as possible: the row of a
/// deal among the report's subjects (`CheckReport.subjects[row]`, for a
/// per-deal rule's outcome), or the subject itself.
enum OutcomeSubject {
    case row(Int)
    case named(String)
}

extension OutcomeListing where Outcome: NamedOutcome {
    /// Calls `body` with the rule and subject of every outcome, in order,
    /// without making the outcomes: ordering a report reads these of
    /// every outcome several times, and a made outcome costs a copy of
    /// its rule.
    func forEachName(_ body: (SharedRuleInfo, String) -> Void) {
        guard let name else {
            for outcome in listed { body(outcome.sharedRule, outcome.subject) }
            return
        }
        forEachOrigin(listed: { body($0.sharedRule, $0.subject) }, pending: { origin in
            let named = name(origin)
            body(named.rule, named.subject)
        })
    }

    /// The same with each subject as an `OutcomeSubject`: a per-deal
    /// rule's outcome gives its row, so a large report is ordered without
    /// copying or hashing a subject per outcome.
    func forEachKey(_ body: (SharedRuleInfo, OutcomeSubject) -> Void) {
        guard let key else {
            for outcome in listed { body(outcome.sharedRule, .named(outcome.subject)) }
            return
        }
        forEachOrigin(listed: { body($0.sharedRule, .named($0.subject)) }, pending: { origin in
            let found = key(origin)
            body(found.rule, found.subject)
        })
    }

    /// Visits every outcome in order: those with details as themselves,
    /// the others by origin.
    private func forEachOrigin(listed visitListed: (Outcome) -> Void, pending: (OutcomeOrigin) -> Void) {
        guard let slots else { return listed.forEach(visitListed) }
        for (index, run) in runs.enumerated() {
            let end = index + 1 < runs.count ? runs[index + 1].start : slots.count
            for slot in run.start..<end {
                if run.entry == Run.listed {
                    visitListed(listed[Int(slots[slot])])
                } else {
                    pending(OutcomeOrigin(entry: Int(run.entry), position: Int(slots[slot])))
                }
            }
        }
    }
}
