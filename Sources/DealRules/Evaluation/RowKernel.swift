import DealRulesModel
import DealRulesSyntax

/// A condition's truth in one row, or `deferred` when the row holds a value
/// the kernel does not decide itself (a type mismatch, a list where a
/// scalar was expected, …): the evaluator then decides, with its reasons.
enum RowTruth: UInt8 {
    case isFalse, isTrue, isUnknown, deferred

    init(_ truth: Truth) {
        switch truth {
        case .false: self = .isFalse
        case .true: self = .isTrue
        case .unknown: self = .isUnknown
        }
    }

    init(_ flag: Bool) { self = flag ? .isTrue : .isFalse }

    /// The outcome code of a truth; a deferred one that nothing decided is
    /// undetermined. A decided truth's code is its own byte, so a run of
    /// decided truths is copied into a rule's codes as it is (`DealBlocks`).
    var code: RuleOutcomes.Code {
        switch self {
        case .isFalse: return .clear
        case .isTrue: return .finding
        case .isUnknown, .deferred: return .undetermined
        }
    }

    var truth: Truth? {
        switch self {
        case .isFalse: return .false
        case .isTrue: return .true
        case .isUnknown: return .unknown
        case .deferred: return nil
        }
    }

    var negated: RowTruth {
        switch self {
        case .isFalse: return .isTrue
        case .isTrue: return .isFalse
        case .isUnknown, .deferred: return self
        }
    }

    /// `Truth.and`, with `deferred` winning over everything but `false`
    /// on the left (the evaluator does not look right of a false).
    func and(_ other: RowTruth) -> RowTruth {
        if other == .deferred { return .deferred }
        if self == .isFalse || other == .isFalse { return .isFalse }
        if self == .isUnknown || other == .isUnknown { return .isUnknown }
        return .isTrue
    }

    func or(_ other: RowTruth) -> RowTruth {
        if other == .deferred { return .deferred }
        if self == .isTrue || other == .isTrue { return .isTrue }
        if self == .isUnknown || other == .isUnknown { return .isUnknown }
        return .isFalse
    }

    /// Whether this left side decides `and` (`conjunction`) or `or` alone:
    /// false (or true) settles it, and so does `deferred`, since the
    /// evaluator then decides the whole condition.
    @inline(__always)
    func settles(conjunction: Bool) -> Bool {
        self == .deferred || self == (conjunction ? .isFalse : .isTrue)
    }

    /// `self and right()`, `right` asked only where this does not settle it.
    @inline(__always)
    func andThen(_ right: () -> RowTruth) -> RowTruth {
        settles(conjunction: true) ? self : self.and(right())
    }

    /// `self or right()`, `right` asked only where this does not settle it.
    @inline(__always)
    func orElse(_ right: () -> RowTruth) -> RowTruth {
        settles(conjunction: false) ? self : self.or(right())
    }
}

/// Truth of a condition for the row at an index of a `RowTable`.
typealias RowKernel = (Int) -> RowTruth

/// The evaluator, positioned on one deal at a time, for the parts of a
/// condition kernels leave to it.
/// Row r is deal `base + r`, as in the `DealTable` the kernels read.
final class RowEvaluator {
    let deals: [Deal]
    let base: Int
    let evaluator: Evaluator
    private var current = -1

    init(deals: [Deal], base: Int = 0, evaluator: Evaluator) {
        self.deals = deals
        self.base = base
        self.evaluator = evaluator
    }

    func at(_ row: Int) -> Evaluator {
        if row != current {
            evaluator.begin(deal: deals[base &+ row])
            current = row
        }
        return evaluator
    }
}
