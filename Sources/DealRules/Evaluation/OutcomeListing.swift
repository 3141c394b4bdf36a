import DealRulesModel

/// The findings, undetermined or clear outcomes of a report. A report
/// whose details come later (`RuleOutcomes.report(includeClear:detailsLater:)`)
/// keeps most of them as where each comes from instead of as outcomes
/// (64 bytes a finding): a large portfolio lists millions. Such an
/// outcome is made when it is read, without its details, which
/// `CheckReport.complete` then works out.
///
/// Outcomes are appended entry by entry, in runs: a per-deal rule's
/// outcomes of one kind as a `RowSelection` over its codes (no bytes an
/// outcome), other entries' as positions (4 bytes an outcome), and
/// outcomes that came with their details as a stretch of `listed`.
struct OutcomeListing<Outcome: Sendable>: Sendable, RandomAccessCollection {
    private var runs: [Run] = []
    /// Positions of the outcomes of `.positions` runs.
    private var positions: [UInt32] = []
    /// The selections of `.rows` runs. Runs name them by number, so that
    /// reading a run copies no array (two lanes retaining the same arrays
    /// for every outcome they read slowed reports by a sixth).
    private var selections: [RowSelection] = []
    /// Outcomes that came with their details.
    private var listed: [Outcome]
    private var total: Int
    private let make: (@Sendable (OutcomeOrigin) -> Outcome)?
    /// The rule and subject of an origin, without making its outcome.
    private let name: (@Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: String))?
    /// The same with the subject as cheaply as it can be told (no copy of
    /// a deal's subject): what ordering a large report reads.
    private let key: (@Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: OutcomeSubject))?

    private struct Run: Sendable {
        /// The listing's index of its first outcome.
        var start: Int
        var kind: Kind
    }

    private enum Kind: Sendable {
        /// Origins of `entry` at `positions[first...]`.
        case positions(entry: UInt32, first: Int)
        /// Origins of `entry` at the rows `selections[selection]` picks.
        case rows(entry: UInt32, selection: Int)
        /// `listed[first...]`.
        case listed(first: Int)
    }

    /// Outcomes that all have their details.
    init(_ outcomes: [Outcome]) {
        listed = outcomes
        total = outcomes.count
        make = nil
        name = nil
        key = nil
    }

    /// An empty listing to be filled with `append`; `make` makes the
    /// outcome of an origin, `name` tells its rule and subject alone, and
    /// `key` its rule and `OutcomeSubject`.
    init(make: @escaping @Sendable (OutcomeOrigin) -> Outcome,
         name: @escaping @Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: String),
         key: @escaping @Sendable (OutcomeOrigin) -> (rule: SharedRuleInfo, subject: OutcomeSubject)) {
        listed = []
        total = 0
        self.make = make
        self.name = name
        self.key = key
    }

    var startIndex: Int { 0 }
    var endIndex: Int { total }

    mutating func append(pending origin: OutcomeOrigin) {
        guard make != nil else { return }
        let entry = UInt32(truncatingIfNeeded: origin.entry)
        if case .positions(entry, _) = runs.last?.kind {} else {
            runs.append(Run(start: total, kind: .positions(entry: entry, first: positions.count)))
        }
        positions.append(UInt32(truncatingIfNeeded: origin.position))
        total += 1
    }

    /// Appends the outcomes of `entry` at the rows `selection` picks, in
    /// row order.
    mutating func append(entry: Int, rows selection: RowSelection) {
        guard make != nil, selection.count > 0 else { return }
        runs.append(Run(start: total, kind: .rows(entry: UInt32(truncatingIfNeeded: entry), selection: selections.count)))
        selections.append(selection)
        total += selection.count
    }

    mutating func append(contentsOf outcomes: [Outcome]) {
        guard make != nil else {
            listed.append(contentsOf: outcomes)
            total = listed.count
            return
        }
        guard !outcomes.isEmpty else { return }
        if case .listed = runs.last?.kind {} else { runs.append(Run(start: total, kind: .listed(first: listed.count))) }
        listed.append(contentsOf: outcomes)
        total += outcomes.count
    }

    subscript(index: Int) -> Outcome {
        guard let make else { return listed[index] }
        let run = runs[run(of: index)]
        let offset = index - run.start
        switch run.kind {
        case .listed(let first):
            return listed[first + offset]
        case .positions(let entry, let first):
            return make(OutcomeOrigin(entry: Int(entry), position: Int(positions[first + offset])))
        case .rows(let entry, let selection):
            return make(OutcomeOrigin(entry: Int(entry), position: selections[selection].row(at: offset)))
        }
    }

    /// The run holding outcome `index`: the last that starts at or before it.
    private func run(of index: Int) -> Int {
        var low = 0
        var high = runs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].start <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Where run `number` ends: where the next starts.
    private func end(ofRun number: Int) -> Int {
        number + 1 < runs.count ? runs[number + 1].start : total
    }

    /// Calls `body` with the index and outcome of every outcome of a
    /// per-deal rule told by its codes (those keyed `.row`) that is about
    /// one of `rows` (ascending), in index order: made from the row, with
    /// no search for the row of an index.
    func forEachOutcome(ofRows rows: [Int], _ body: (Int, Outcome) -> Void) {
        guard let make, !rows.isEmpty else { return }
        for run in runs {
            guard case .rows(let entry, let number) = run.kind else { continue }
            for row in rows {
                if let index = selections[number].index(ofRow: row) {
                    body(run.start + index, make(OutcomeOrigin(entry: Int(entry), position: row)))
                }
            }
        }
    }

    /// Every outcome (the listed array itself when all have their details).
    var all: [Outcome] { make == nil ? listed : Array(self) }
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
        forEachOrigin(listed: { _, outcome in body(outcome.sharedRule, outcome.subject) }, pending: { _, origin in
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
        forEachOrigin(listed: { _, outcome in body(outcome.sharedRule, .named(outcome.subject)) }, pending: { _, origin in
            let found = key(origin)
            body(found.rule, found.subject)
        })
    }

    /// Calls `body` with the index, rule and subject of each outcome whose
    /// rule `wanted` accepts, in order. Outcomes waiting for their details
    /// come in runs of one entry, hence one rule: a run is asked about by
    /// its first outcome and skipped whole when its rule is not wanted.
    func forEachKey(ofRule wanted: (SharedRuleInfo) -> Bool, _ body: (Int, SharedRuleInfo, OutcomeSubject) -> Void) {
        guard let key else {
            for (index, outcome) in listed.enumerated() where wanted(outcome.sharedRule) {
                body(index, outcome.sharedRule, .named(outcome.subject))
            }
            return
        }
        forEachOrigin(listed: { index, outcome in
            if wanted(outcome.sharedRule) { body(index, outcome.sharedRule, .named(outcome.subject)) }
        }, pending: { index, origin in
            let found = key(origin)
            body(index, found.rule, found.subject)
        }, runWanted: { origin in wanted(key(origin).rule) })
    }

    /// Visits every outcome in order, with its index: those with details
    /// as themselves, the others by origin. A run of origins whose first
    /// `runWanted` rejects is skipped.
    private func forEachOrigin(listed visitListed: (Int, Outcome) -> Void, pending: (Int, OutcomeOrigin) -> Void,
                               runWanted: (OutcomeOrigin) -> Bool = { _ in true }) {
        guard make != nil else {
            for (index, outcome) in listed.enumerated() { visitListed(index, outcome) }
            return
        }
        for (number, run) in runs.enumerated() {
            let end = end(ofRun: number)
            switch run.kind {
            case .listed(let first):
                for index in run.start..<end { visitListed(index, listed[first + index - run.start]) }
            case .positions(let entry, let first):
                let entry = Int(entry)
                guard runWanted(OutcomeOrigin(entry: entry, position: Int(positions[first]))) else { continue }
                for index in run.start..<end {
                    pending(index, OutcomeOrigin(entry: entry, position: Int(positions[first + index - run.start])))
                }
            case .rows(let entry, let number):
                let entry = Int(entry)
                let selection = selections[number]
                guard let firstRow = selection.firstRow, runWanted(OutcomeOrigin(entry: entry, position: firstRow)) else { continue }
                var index = run.start
                selection.forEachRow { row in
                    pending(index, OutcomeOrigin(entry: entry, position: row))
                    index += 1
                }
            }
        }
    }
}
