import DealRulesModel
import DealRulesSyntax

/// Comparisons (LANGUAGE.md §6.2) with dates as periods (§6.4) and counts
/// as ranges (§6.5). A comparison of incompatible types is an error for this
/// subject: the outcome is undetermined with the error as its reason.
extension Evaluator {
    func compare(_ node: CompareNode) -> Truth {
        switch node.op {
        case .known:
            return Truth(!value(node.subject).isUnknown)
        case .unknown:
            return Truth(value(node.subject).isUnknown)
        case .status(let wanted):
            return hasStatus(node.subject, wanted)
        default:
            break
        }
        let subject = value(node.subject)
        let field = fieldName(node.subject)
        switch node.op {
        case .equals(let operand):
            return equals(subject, value(operand), node: node, field: field)
        case .oneOf(let operands):
            return oneOf(subject, operands.map { operand in { self.value(operand) } }, node: node, field: field)
        case .greaterThan(let operand):
            return order(subject, value(operand), .greater, node: node, field: field)
        case .atLeast(let operand):
            return order(subject, value(operand), .atLeast, node: node, field: field)
        case .lessThan(let operand):
            return order(subject, value(operand), .less, node: node, field: field)
        case .atMost(let operand):
            return order(subject, value(operand), .atMost, node: node, field: field)
        case .between(let low, let high):
            return between(subject, { self.value(low) }, { self.value(high) }, node: node, field: field)
        case .before(let operand):
            return order(subject, value(operand), .less, node: node, field: field, datesOnly: true)
        case .after(let operand):
            return order(subject, value(operand), .greater, node: node, field: field, datesOnly: true)
        case .beyond(let operand):
            return relative(subject, value(operand), beyond: true, node: node, field: field)
        case .within(let operand):
            return relative(subject, value(operand), beyond: false, node: node, field: field)
        case .contains(let operand):
            return contains(subject, value(operand), node: node, field: field)
        case .known, .unknown, .status:
            return .unknown
        }
    }

    /// `X is confirmed/reported/estimated`: unknown X gives unknown; a plain
    /// value has no status, so every status test on it is false.
    func hasStatus(_ subject: Node, _ wanted: ProvenanceStatus) -> Truth {
        let (status, isUnknown) = self.status(of: subject)
        if isUnknown { return .unknown }
        return Truth(status == wanted)
    }

    /// `X is one of A, B, …`: operands are evaluated only until one matches.
    func oneOf(_ subject: Value, _ operands: [() -> Value], node: CompareNode, field: String?) -> Truth {
        var result = Truth.false
        for operand in operands {
            result = result.or(equals(subject, operand(), node: node, field: field))
            if result == .true { break }
        }
        return result
    }

    /// `X is between A and B`: `A <= X and X <= B`, B read only when needed.
    func between(_ subject: Value, _ low: () -> Value, _ high: () -> Value, node: CompareNode, field: String?) -> Truth {
        let lower = order(subject, low(), .atLeast, node: node, field: field)
        if lower == .false { return .false }
        return lower.and(order(subject, high(), .atMost, node: node, field: field))
    }

    // MARK: Equality

    func equals(_ lhs: Value, _ rhs: Value, node: CompareNode, field: String?) -> Truth {
        let (lhs, rhs) = Evaluator.zeroAdopted(lhs, rhs)
        switch (lhs, rhs) {
        case (.unknown, _), (_, .unknown):
            return .unknown
        case (.text(let a), .text(let b)), (.text(let a), .symbol(let b)), (.symbol(let a), .text(let b)), (.symbol(let a), .symbol(let b)):
            return Truth(FoldedText.equal(a, b))
        case (.boolean(let a), .boolean(let b)):
            return Truth(a == b)
        case (.number(let a, _), .number(let b, _)):
            return Truth(a == b)
        case (.quantity(let a), .quantity(let b)):
            guard a.unit == b.unit else { return mismatch(lhs, rhs, node: node, field: field) }
            return Truth(a.amount == b.amount)
        case (.range(let low, let high), .number(let b, _)):
            return Evaluator.equalsRange(low, high, b)
        case (.date, _), (_, .date):
            guard let a = asDate(lhs), let b = asDate(rhs) else { return mismatch(lhs, rhs, node: node, field: field) }
            // X is D: X lies within the period D.
            if a.firstDay >= b.firstDay && a.lastDay <= b.lastDay { return .true }
            if a.lastDay < b.firstDay || a.firstDay > b.lastDay { return .false }
            imprecise(field, "\(a) is less precise than \(b)")
            return .unknown
        case (.list(let items), _):
            // `chips are [a, b]` compares lists; a list against one value asks for `contains`.
            if case .list(let others) = rhs {
                guard items.count == others.count else { return .false }
                var result = Truth.true
                for (a, b) in zip(items, others) { result = result.and(equals(a, b, node: node, field: field)) }
                return result
            }
            fail("\(field ?? "the value") is a list; to test membership write `\(field ?? "X") contains \(ValueRendering.render(rhs))`", field: field)
            return .unknown
        default:
            return mismatch(lhs, rhs, node: node, field: field)
        }
    }

    func mismatch(_ lhs: Value, _ rhs: Value, node: CompareNode, field: String?) -> Truth {
        let subject = field ?? node.subject.span.text
        fail("cannot compare \(subject) (\(lhs.typeName) \(ValueRendering.render(lhs))) with \(ValueRendering.render(rhs)) (\(rhs.typeName))", field: field)
        return .unknown
    }

    /// A date, or a whole number 1000...9999 read as a year.
    func asDate(_ value: Value) -> DateValue? { Evaluator.date(of: value) }

    static func date(of value: Value) -> DateValue? {
        switch value {
        case .date(let date): return date
        case .number(let number, false): return year(of: number)
        default: return nil
        }
    }

    /// A whole number 1000–9999 read as that year.
    static func year(of number: DecimalNumber) -> DateValue? {
        guard let year = number.intValue, (1000...9999).contains(year) else { return nil }
        return DateValue(year: year)
    }

    /// The number 0 (an empty sum) is zero in every unit: against a
    /// quantity it takes that quantity's unit. Any other plain number
    /// against a quantity stays a type error.
    static func zeroAdopted(_ lhs: Value, _ rhs: Value) -> (Value, Value) {
        switch (lhs, rhs) {
        case (.number(let zero, _), .quantity(let quantity)) where zero.isZero:
            return (.quantity(Quantity(amount: .zero, unit: quantity.unit, displayWord: quantity.displayWord, perWord: quantity.perWord)), rhs)
        case (.quantity(let quantity), .number(let zero, _)) where zero.isZero:
            return (lhs, .quantity(Quantity(amount: .zero, unit: quantity.unit, displayWord: quantity.displayWord, perWord: quantity.perWord)))
        default:
            return (lhs, rhs)
        }
    }

    // MARK: Ordering

    enum OrderOp { case greater, atLeast, less, atMost }

    func order(_ lhs: Value, _ rhs: Value, _ op: OrderOp, node: CompareNode, field: String?, datesOnly: Bool = false) -> Truth {
        if lhs.isUnknown || rhs.isUnknown { return .unknown }
        let (lhs, rhs) = Evaluator.zeroAdopted(lhs, rhs)
        if datesOnly || isDate(lhs) || isDate(rhs) {
            guard let a = asDate(lhs), let b = asDate(rhs) else {
                if datesOnly {
                    // Blame the side that is not a date: with `before 10000` it is the literal, not the field.
                    if asDate(lhs) != nil {
                        fail("the value compared with \(field ?? "it") is \(article(rhs.typeName)) \(rhs.typeName) (\(ValueRendering.render(rhs))), not a date", field: field)
                    } else {
                        fail("\(field ?? "the value") is \(article(lhs.typeName)) \(lhs.typeName) (\(ValueRendering.render(lhs))), not a date", field: field)
                    }
                    return .unknown
                }
                return mismatch(lhs, rhs, node: node, field: field)
            }
            return orderDates(a, b, op, field: field)
        }
        switch (lhs, rhs) {
        case (.number(let a, _), .number(let b, _)):
            return Truth(Evaluator.holds(DecimalNumber.compare(a, b), op))
        case (.quantity(let a), .quantity(let b)):
            guard a.unit == b.unit else { return mismatch(lhs, rhs, node: node, field: field) }
            return Truth(Evaluator.holds(DecimalNumber.compare(a.amount, b.amount), op))
        case (.range(let low, let high), .number(let b, _)):
            return Evaluator.orderRange(low, high, b, op)
        default:
            return mismatch(lhs, rhs, node: node, field: field)
        }
    }

    private func isDate(_ value: Value) -> Bool {
        if case .date = value { return true }
        return false
    }

    /// A count known only to lie in `low...high` against the number `b`.
    static func orderRange(_ low: DecimalNumber, _ high: DecimalNumber, _ b: DecimalNumber, _ op: OrderOp) -> Truth {
        let atLow = holds(DecimalNumber.compare(low, b), op)
        let atHigh = holds(DecimalNumber.compare(high, b), op)
        if atLow && atHigh { return .true }
        if !atLow && !atHigh { return .false }
        return .unknown
    }

    static func equalsRange(_ low: DecimalNumber, _ high: DecimalNumber, _ b: DecimalNumber) -> Truth {
        if low == high { return Truth(low == b) }
        let inside = DecimalNumber.compare(b, low) >= 0 && DecimalNumber.compare(b, high) <= 0
        return inside ? .unknown : .false
    }

    static func holds(_ comparison: Int, _ op: OrderOp) -> Bool {
        switch op {
        case .greater: return comparison > 0
        case .atLeast: return comparison >= 0
        case .less: return comparison < 0
        case .atMost: return comparison <= 0
        }
    }

    /// Periods: true when every day of X satisfies the order against D,
    /// false when none does, unknown when X straddles the boundary.
    func orderDates(_ x: DateValue, _ d: DateValue, _ op: OrderOp, field: String?) -> Truth {
        let result = Evaluator.orderDays(x.firstDay, x.lastDay, d.firstDay, d.lastDay, op)
        if result == .unknown {
            imprecise(field, "\(x) straddles \(d)")
        }
        return result
    }

    /// `orderDates` on day numbers: X is the period `first...last`, D the
    /// period `dFirst...dLast`.
    static func orderDays(_ first: Int, _ last: Int, _ dFirst: Int, _ dLast: Int, _ op: OrderOp) -> Truth {
        switch op {
        case .greater: // after: X begins after D ends
            return first > dLast ? .true : (last <= dLast ? .false : .unknown)
        case .atLeast:
            return first >= dFirst ? .true : (last < dFirst ? .false : .unknown)
        case .less: // before: X ends before D begins
            return last < dFirst ? .true : (first >= dFirst ? .false : .unknown)
        case .atMost:
            return last <= dLast ? .true : (first > dLast ? .false : .unknown)
        }
    }

    /// `X is beyond N years` / `X is within N years`, relative to the as-of date.
    func relative(_ subject: Value, _ duration: Value, beyond: Bool, node: CompareNode, field: String?) -> Truth {
        if subject.isUnknown || duration.isUnknown { return .unknown }
        guard let date = asDate(subject) else {
            fail("\(field ?? "the value") is \(article(subject.typeName)) \(subject.typeName) (\(ValueRendering.render(subject))), not a date", field: field)
            return .unknown
        }
        guard case .quantity(let span) = duration, let end = shift(asOf, by: span, sign: 1) else {
            fail("`\(beyond ? "beyond" : "within")` needs a duration such as 2 years, not \(ValueRendering.render(duration))", field: field)
            return .unknown
        }
        let result = Evaluator.relativeDays(date.firstDay, date.lastDay, start: asOf.firstDay, limit: end.firstDay, beyond: beyond)
        if result == .unknown {
            if beyond {
                imprecise(field, "\(date) straddles \(end) (as of \(asOf) + \(ValueRendering.render(duration)))")
            } else {
                imprecise(field, "\(date) is only partly inside \(asOf) to \(end)")
            }
        }
        return result
    }

    /// `relative` on day numbers: the period `first...last` against the
    /// as-of day `start` and the day `limit` a duration after it.
    static func relativeDays(_ first: Int, _ last: Int, start: Int, limit: Int, beyond: Bool) -> Truth {
        if beyond {
            if first > limit { return .true }
            if last <= limit { return .false }
            return .unknown
        }
        if first >= start && last <= limit { return .true }
        if last < start || first > limit { return .false }
        return .unknown
    }

    /// date ± duration; nil when the duration is not a whole number of
    /// months or days, or the result leaves years 1–9999.
    func shift(_ date: DateValue, by duration: Quantity, sign: Int) -> DateValue? {
        Evaluator.shift(date, by: duration, sign: sign)
    }

    static func shift(_ date: DateValue, by duration: Quantity, sign: Int) -> DateValue? {
        guard let dimension = duration.unit.simpleDimension, let count = duration.amount.intValue else { return nil }
        let (signed, overflow) = count.multipliedReportingOverflow(by: sign)
        guard !overflow else { return nil }
        switch dimension {
        case .months: return date.adding(months: signed)
        case .days: return date.adding(days: signed)
        default: return nil
        }
    }

    // MARK: Contains

    func contains(_ subject: Value, _ needle: Value, node: CompareNode, field: String?) -> Truth {
        if subject.isUnknown || needle.isUnknown { return .unknown }
        switch subject {
        case .list(let items):
            var result = Truth.false
            for item in items {
                let matched: Truth
                if case .record(let record) = item {
                    // A list of records contains V when one of its records is named V.
                    matched = ["name", "id"].compactMap { record[$0] }.reduce(Truth.false) { partial, candidate in
                        partial.or(equals(candidate, needle, node: node, field: field))
                    }
                } else {
                    matched = equals(item, needle, node: node, field: field)
                }
                result = result.or(matched)
                if result == .true { return .true }
            }
            return result
        case .text(let text), .symbol(let text):
            switch needle {
            case .text(let part), .symbol(let part):
                return Truth(FoldedText.contains(text, part))
            default:
                return Truth(NameFolding.foldSymbol(text).contains(NameFolding.foldSymbol(ValueRendering.render(needle))))
            }
        default:
            fail("`contains` needs a list or text, but \(field ?? "the value") is \(article(subject.typeName)) \(subject.typeName)", field: field)
            return .unknown
        }
    }
}
