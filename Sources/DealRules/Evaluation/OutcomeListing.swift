import DealRulesModel

/// The findings or undetermined outcomes of a report whose details come
/// later (`RuleOutcomes.report(includeClear:detailsLater:)`), kept as where
/// each comes from — 8 bytes an outcome — instead of as outcomes (64 bytes
/// a finding): a large portfolio lists hundreds of thousands. An outcome
/// is made when it is read (`subscript`), without its details, which
/// `CheckReport.complete` then works out.
struct OutcomeListing<Outcome: Sendable>: Sendable {
    /// An origin (`OutcomeOrigin`, entry and position as two 32-bit halves),
    /// or, with the top bit set, an index into `listed`.
    private var slots: [UInt64] = []
    /// Outcomes that came with their details (rules the evaluator decided).
    private var listed: [Outcome] = []
    private let make: @Sendable (OutcomeOrigin) -> Outcome

    private static var listedMark: UInt64 { 1 << 63 }

    init(capacity: Int, make: @escaping @Sendable (OutcomeOrigin) -> Outcome) {
        slots.reserveCapacity(capacity)
        self.make = make
    }

    var count: Int { slots.count }

    mutating func append(pending origin: OutcomeOrigin) {
        slots.append(UInt64(UInt32(truncatingIfNeeded: origin.entry)) << 32 | UInt64(UInt32(truncatingIfNeeded: origin.position)))
    }

    mutating func append(contentsOf outcomes: [Outcome]) {
        for outcome in outcomes {
            slots.append(OutcomeListing.listedMark | UInt64(listed.count))
            listed.append(outcome)
        }
    }

    subscript(index: Int) -> Outcome {
        let slot = slots[index]
        if slot & OutcomeListing.listedMark != 0 { return listed[Int(slot & ~OutcomeListing.listedMark)] }
        return make(OutcomeOrigin(entry: Int(slot >> 32), position: Int(slot & 0xFFFF_FFFF)))
    }

    /// Every outcome, made one after another.
    var all: [Outcome] { (0..<count).map { self[$0] } }
}
