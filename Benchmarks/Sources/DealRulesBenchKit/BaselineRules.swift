import DealRulesModel

/// The 18 per-deal benchmark rules written by hand as if-statements over
/// `BaselineDeal`: the same three-valued outcomes the interpreter gives,
/// with no tree, no evidence and no allocation. Its speed is the "limit"
/// the interpreter is measured against.
public struct BaselineRules: Sendable {
    /// Rule names in `Benchmarks/rules` order (per-deal rules only).
    public static let ruleNames = [
        "Large campus", "Mid-size campus", "Costly capacity", "Long exclusive commitment",
        "Timeline risk", "Delivery crunch", "Early announcement", "Distant target",
        "Unverified headline value", "Unconfirmed mega-deal", "Unconfirmed term", "Press-sourced value",
        "Fossil power", "Nuclear awaiting approval", "Roadmap lock-in", "Trainium dependency",
        "Utility partner", "Large deal without a value",
    ]

    /// First day after `as of + 2 years`, `as of + 1 year`, and the fixed dates the rules name.
    let beyondLimit: Int
    let withinStart: Int
    let withinLimit: Int
    let earlyCutoff: Int
    let distantYearEnd: Int

    public init(asOf: DateValue) {
        beyondLimit = asOf.adding(months: 24)?.firstDay ?? Int.max
        withinStart = asOf.firstDay
        withinLimit = asOf.adding(months: 12)?.firstDay ?? Int.max
        earlyCutoff = DateValue(year: 2025, month: 1)?.firstDay ?? 0
        distantYearEnd = DateValue(year: 2030)?.lastDay ?? 0
    }

    static let gigawatt: Int64 = 1_000_000_000

    /// Outcomes of every rule for one deal, in `ruleNames` order.
    @inline(__always)
    public func evaluate(_ deal: BaselineDeal, into outcomes: inout [OutcomeKind]) {
        outcomes[0] = OutcomeKind(atLeast(deal.capacity, 5 * BaselineRules.gigawatt))
        outcomes[1] = OutcomeKind(atLeast(deal.capacity, 500_000_000) && atMost(deal.capacity, 2 * BaselineRules.gigawatt))
        outcomes[2] = OutcomeKind(costly(deal))
        outcomes[3] = OutcomeKind(equals(deal.exclusivity, "exclusive") && atLeast(deal.termMonths, 120, known: deal.termKnown))
        outcomes[4] = OutcomeKind(
            (equals(deal.kind, "compute") || equals(deal.kind, "chips")) && equals(deal.chipRoadmap, "unvalidated") && beyond(deal.capacityTarget))
        outcomes[5] = OutcomeKind(atLeast(deal.capacity, BaselineRules.gigawatt) && within(deal.capacityTarget))
        outcomes[6] = OutcomeKind(before(deal.announced, earlyCutoff))
        outcomes[7] = OutcomeKind(after(deal.capacityTarget, distantYearEnd))
        outcomes[8] = OutcomeKind(Tri(deal.dealValue != nil) && notConfirmed(deal.dealValue != nil, deal.dealValueStatus))
        outcomes[9] = OutcomeKind(atLeast(deal.dealValue, 50 * BaselineRules.gigawatt) && notConfirmed(deal.dealValue != nil, deal.dealValueStatus))
        outcomes[10] = OutcomeKind(Tri(deal.termKnown) && (status(deal.termKnown, deal.termStatus, .reported) || status(deal.termKnown, deal.termStatus, .estimated)))
        outcomes[11] = OutcomeKind(deal.dealValueSource.map { Tri($0.contains("press")) } ?? .unknown)
        outcomes[12] = OutcomeKind(Tri(deal.powerSource != nil) && (equals(deal.powerSource, "gas") || equals(deal.powerSource, "coal") || equals(deal.powerSource, "oil")))
        outcomes[13] = OutcomeKind(equals(deal.powerSource, "nuclear") && equals(deal.regulatoryStatus, "pending"))
        outcomes[14] = OutcomeKind(equals(deal.exclusivity, "preferred") && (deal.chips.map { Tri($0.count >= 2) } ?? .unknown))
        outcomes[15] = OutcomeKind(deal.chips.map { Tri($0.contains("trainium3")) } ?? .unknown)
        outcomes[16] = OutcomeKind(equals(deal.kind, "compute") && (deal.roles.map { Tri($0.contains("utility")) } ?? .unknown))
        outcomes[17] = OutcomeKind(Tri(deal.dealValue == nil) && atLeast(deal.capacity, BaselineRules.gigawatt))
    }

    @inline(__always) func equals(_ value: String?, _ wanted: String) -> Tri {
        guard let value else { return .unknown }
        return Tri(value == wanted)
    }

    @inline(__always) func atLeast(_ value: Int64?, _ bound: Int64, known: Bool = true) -> Tri {
        guard let value else { return .unknown }
        return Tri(value >= bound)
    }

    @inline(__always) func atMost(_ value: Int64?, _ bound: Int64) -> Tri {
        guard let value else { return .unknown }
        return Tri(value <= bound)
    }

    /// `deal value / capacity is more than $20 billion per GW`, i.e. 20 USD per watt.
    @inline(__always) func costly(_ deal: BaselineDeal) -> Tri {
        guard let value = deal.dealValue, let capacity = deal.capacity, capacity != 0 else { return .unknown }
        return Tri(Int128(value) > Int128(capacity) * 20)
    }

    @inline(__always) func notConfirmed(_ known: Bool, _ status: BaselineDeal.Status) -> Tri {
        known ? Tri(status != .confirmed) : .unknown
    }

    @inline(__always) func status(_ known: Bool, _ status: BaselineDeal.Status, _ wanted: BaselineDeal.Status) -> Tri {
        known ? Tri(status == wanted) : .unknown
    }

    @inline(__always) func beyond(_ date: BaselineDeal.Days?) -> Tri {
        guard let date else { return .unknown }
        if date.first > beyondLimit { return .yes }
        if date.last <= beyondLimit { return .no }
        return .unknown
    }

    @inline(__always) func within(_ date: BaselineDeal.Days?) -> Tri {
        guard let date else { return .unknown }
        if date.first >= withinStart && date.last <= withinLimit { return .yes }
        if date.last < withinStart || date.first > withinLimit { return .no }
        return .unknown
    }

    @inline(__always) func before(_ date: BaselineDeal.Days?, _ firstDay: Int) -> Tri {
        guard let date else { return .unknown }
        if date.last < firstDay { return .yes }
        if date.first >= firstDay { return .no }
        return .unknown
    }

    @inline(__always) func after(_ date: BaselineDeal.Days?, _ lastDay: Int) -> Tri {
        guard let date else { return .unknown }
        if date.first > lastDay { return .yes }
        if date.last <= lastDay { return .no }
        return .unknown
    }
}
