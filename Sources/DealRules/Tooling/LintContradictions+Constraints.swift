import DealRulesModel

/// What each comparison demands of its field, and when two demands on one
/// field cannot both be met (for W103).
extension LintContradictions {
    /// What one comparison demands of its field.
    enum Constraint {
        case known
        case unknown
        /// Equal to one of these symbols, texts or booleans.
        case oneOf([Value])
        case range(lower: Bound?, upper: Bound?)
        /// Any other comparison: true only when the field is known.
        case needsKnown
    }

    /// Numbers, each unit of quantity, and days are separate axes.
    enum Axis: Hashable {
        case number
        case quantity(UnitSignature)
        case day
    }

    struct Bound {
        var axis: Axis
        var value: DecimalNumber
        var inclusive: Bool
    }

    static func constraint(_ op: CompareNode.Operator, negated: Bool) -> Constraint {
        switch op {
        case .known: return negated ? .unknown : .known
        case .unknown: return negated ? .known : .unknown
        default: break
        }
        if negated {
            // `not more than` is `at most`, and so on; other negations only need the field known.
            switch op {
            case .greaterThan(let a): return range(upperOf: a, inclusive: true, date: false)
            case .atLeast(let a): return range(upperOf: a, inclusive: false, date: false)
            case .lessThan(let a): return range(lowerOf: a, inclusive: true, date: false)
            case .atMost(let a): return range(lowerOf: a, inclusive: false, date: false)
            default: return .needsKnown
            }
        }
        switch op {
        case .equals(let operand):
            if let bound = bounds(of: operand) { return .range(lower: bound.lower, upper: bound.upper) }
            if let value = discrete(operand) { return .oneOf([value]) }
            return .needsKnown
        case .oneOf(let operands):
            let values = operands.compactMap(discrete)
            return values.count == operands.count ? .oneOf(values) : .needsKnown
        case .greaterThan(let a): return range(lowerOf: a, inclusive: false, date: false)
        case .atLeast(let a): return range(lowerOf: a, inclusive: true, date: false)
        case .lessThan(let a): return range(upperOf: a, inclusive: false, date: false)
        case .atMost(let a): return range(upperOf: a, inclusive: true, date: false)
        case .after(let a): return range(lowerOf: a, inclusive: false, date: true)
        case .before(let a): return range(upperOf: a, inclusive: false, date: true)
        case .between(let low, let high):
            guard case .range(let lower, _) = range(lowerOf: low, inclusive: true, date: false),
                  case .range(_, let upper) = range(upperOf: high, inclusive: true, date: false) else { return .needsKnown }
            return .range(lower: lower, upper: upper)
        default:
            return .needsKnown
        }
    }

    /// `X > a`, `X >= a`; for dates (periods), the bound on days: after D
    /// means every day is past D's last day.
    private static func range(lowerOf node: Node, inclusive: Bool, date: Bool) -> Constraint {
        guard let bound = bounds(of: node, yearsAsDates: date) else { return .needsKnown }
        // Periods: `after D` looks past D's last day, `at least D` from D's first.
        var lower = inclusive ? bound.lower : bound.upper
        lower.inclusive = inclusive
        return .range(lower: lower, upper: nil)
    }

    private static func range(upperOf node: Node, inclusive: Bool, date: Bool) -> Constraint {
        guard let bound = bounds(of: node, yearsAsDates: date) else { return .needsKnown }
        var upper = inclusive ? bound.upper : bound.lower
        upper.inclusive = inclusive
        return .range(lower: nil, upper: upper)
    }

    /// The smallest and largest point a constant stands for: itself for a
    /// number or quantity, the first and last day for a date.
    private static func bounds(of node: Node, yearsAsDates: Bool = false) -> (lower: Bound, upper: Bound)? {
        guard case .constant(let value, _) = node else { return nil }
        switch value {
        case .number(let number, _):
            if yearsAsDates, let year = number.intValue, (1000...9999).contains(year), let date = DateValue(year: year) {
                return days(date)
            }
            if yearsAsDates { return nil }
            let bound = Bound(axis: .number, value: number, inclusive: true)
            return (bound, bound)
        case .quantity(let quantity):
            let bound = Bound(axis: .quantity(quantity.unit), value: quantity.amount, inclusive: true)
            return (bound, bound)
        case .date(let date):
            return days(date)
        default:
            return nil
        }
    }

    private static func days(_ date: DateValue) -> (lower: Bound, upper: Bound) {
        (Bound(axis: .day, value: DecimalNumber(date.firstDay), inclusive: true),
         Bound(axis: .day, value: DecimalNumber(date.lastDay), inclusive: true))
    }

    private static func discrete(_ node: Node) -> Value? {
        switch node {
        case .symbol(let text, _): return .symbol(text)
        case .constant(let value, _):
            switch value {
            case .symbol, .text, .boolean: return value
            default: return nil
            }
        default: return nil
        }
    }

    // MARK: Conflicts

    /// Why two constraints on one field cannot both hold, or nil.
    static func conflict(_ a: Constraint, _ b: Constraint) -> String? {
        switch (a, b) {
        case (.unknown, .unknown):
            return nil
        case (.unknown, _), (_, .unknown):
            return "cannot both be true: a comparison with an unknown value is never true"
        case (.oneOf(let left), .oneOf(let right)):
            guard let disjoint = disjoint(left, right), disjoint else { return nil }
            return "ask for different values of the same field"
        case (.range(let lowerA, let upperA), .range(let lowerB, let upperB)):
            let lower = tighter(lowerA, lowerB, lower: true)
            let upper = tighter(upperA, upperB, lower: false)
            guard let lower, let upper, lower.axis == upper.axis else { return nil }
            // The two must constrain the same axis, and between them leave no value.
            guard sameAxisPair(lowerA, upperA, lowerB, upperB) else { return nil }
            let order = DecimalNumber.compare(lower.value, upper.value)
            if order > 0 || (order == 0 && !(lower.inclusive && upper.inclusive)) {
                return "leave no value between them"
            }
            return nil
        default:
            return nil
        }
    }

    private static func sameAxisPair(_ lowerA: Bound?, _ upperA: Bound?, _ lowerB: Bound?, _ upperB: Bound?) -> Bool {
        let axes = Set([lowerA, upperA, lowerB, upperB].compactMap { $0?.axis })
        return axes.count == 1
    }

    /// The stricter of two bounds on one side; nil when neither is set.
    private static func tighter(_ a: Bound?, _ b: Bound?, lower: Bool) -> Bound? {
        guard let a else { return b }
        guard let b else { return a }
        guard a.axis == b.axis else { return a }
        let order = DecimalNumber.compare(a.value, b.value)
        if order == 0 { return a.inclusive ? b : a }
        return (order > 0) == lower ? a : b
    }

    /// True when no value of one list equals one of the other; nil when
    /// the values are of kinds that cannot be told apart statically.
    private static func disjoint(_ left: [Value], _ right: [Value]) -> Bool? {
        for a in left {
            for b in right {
                switch (a, b) {
                case (.symbol(let x), .symbol(let y)), (.symbol(let x), .text(let y)), (.text(let x), .symbol(let y)), (.text(let x), .text(let y)):
                    if NameFolding.foldSymbol(x) == NameFolding.foldSymbol(y) { return false }
                case (.boolean(let x), .boolean(let y)):
                    if x == y { return false }
                default:
                    return nil
                }
            }
        }
        return true
    }
}
