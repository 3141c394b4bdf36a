import DealRulesModel

/// The findings, undetermined or clear outcomes of a report. A report
/// whose details come later (`RuleOutcomes.report(includeClear:detailsLater:)`)
/// keeps most of them as where each comes from — 8 bytes an outcome —
/// instead of as outcomes (64 bytes a finding): a large portfolio lists
/// hundreds of thousands. Such an outcome is made when it is read, without
/// its details, which `CheckReport.complete` then works out.
struct OutcomeListing<Outcome: Sendable>: Sendable, RandomAccessCollection {
    /// An origin (`OutcomeOrigin`, entry and position as two 32-bit halves),
    /// or, with the top bit set, an index into `listed`. Nil when every
    /// outcome is in `listed`, in order.
    private var slots: [UInt64]?
    /// Outcomes that came with their details.
    private var listed: [Outcome]
    private let make: (@Sendable (OutcomeOrigin) -> Outcome)?

    private static var listedMark: UInt64 { 1 << 63 }

    /// Outcomes that all have their details.
    init(_ outcomes: [Outcome]) {
        listed = outcomes
        slots = nil
        make = nil
    }

    /// An empty listing to be filled with `append`; `make` makes the
    /// outcome of an origin.
    init(capacity: Int, make: @escaping @Sendable (OutcomeOrigin) -> Outcome) {
        listed = []
        slots = []
        slots?.reserveCapacity(capacity)
        self.make = make
    }

    var startIndex: Int { 0 }
    var endIndex: Int { slots?.count ?? listed.count }

    mutating func append(pending origin: OutcomeOrigin) {
        slots?.append(UInt64(UInt32(truncatingIfNeeded: origin.entry)) << 32 | UInt64(UInt32(truncatingIfNeeded: origin.position)))
    }

    mutating func append(contentsOf outcomes: [Outcome]) {
        guard slots != nil else { return listed.append(contentsOf: outcomes) }
        for outcome in outcomes {
            slots?.append(OutcomeListing.listedMark | UInt64(listed.count))
            listed.append(outcome)
        }
    }

    subscript(index: Int) -> Outcome {
        guard let slot = slots?[index], let make else { return listed[index] }
        if slot & OutcomeListing.listedMark != 0 { return listed[Int(slot & ~OutcomeListing.listedMark)] }
        return make(OutcomeOrigin(entry: Int(slot >> 32), position: Int(slot & 0xFFFF_FFFF)))
    }

    /// Every outcome (the listed array itself when all have their details).
    var all: [Outcome] { slots == nil ? listed : Array(self) }
}
