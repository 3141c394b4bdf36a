import DealRulesModel
import DealRulesSyntax

/// Exact arithmetic with unit algebra (LANGUAGE.md §6.3). Overflow, division
/// by zero and unit mismatches are errors for this subject, never traps.
extension Evaluator {
    func arithmetic(_ op: ArithmeticOperator, _ lhs: Value, _ rhs: Value, span: Span) -> Value {
        if lhs.isUnknown || rhs.isUnknown { return .unknown }
        let (lhs, rhs) = op == .add || op == .subtract ? Evaluator.zeroAdopted(lhs, rhs) : (lhs, rhs)
        switch (lhs, rhs) {
        case (.number(let a, let aPercent), .number(let b, let bPercent)):
            return numeric(op, a, b, span: span).map { .number($0, isPercent: aPercent && bPercent && (op == .add || op == .subtract)) } ?? .unknown
        case (.quantity(let a), .quantity(let b)):
            return quantities(op, a, b, span: span)
        case (.quantity(let a), .number(let b, _)):
            guard op == .multiply || op == .divide else { return unitMismatch(op, lhs, rhs, span: span) }
            guard let amount = numeric(op, a.amount, b, span: span) else { return .unknown }
            return .quantity(Quantity(amount: amount, unit: a.unit, displayWord: a.displayWord, perWord: a.perWord))
        case (.number(let a, _), .quantity(let b)):
            guard op == .multiply || op == .divide else { return unitMismatch(op, lhs, rhs, span: span) }
            guard let amount = numeric(op, a, b.amount, span: span) else { return .unknown }
            if op == .multiply {
                return .quantity(Quantity(amount: amount, unit: b.unit, displayWord: b.displayWord, perWord: b.perWord))
            }
            // `1 / 5 GW` renders per the divisor's unit: `0.2 per GW`.
            let perWord = b.unit.simpleDimension != nil ? b.displayWord : nil
            return .quantity(Quantity(amount: amount, unit: UnitSignature.dimensionless.divided(by: b.unit), perWord: perWord))
        case (.date(let date), .quantity(let duration)), (.quantity(let duration), .date(let date)):
            guard op == .add || (op == .subtract && isDateFirst(lhs)) else { return unitMismatch(op, lhs, rhs, span: span) }
            guard let shifted = shift(date, by: duration, sign: op == .add ? 1 : -1) else {
                fail("cannot move \(date) by \(ValueRendering.render(duration)): a duration in whole months/years or days/weeks is needed, and the result must lie in years 1–9999", field: nil)
                return .unknown
            }
            return .date(shifted)
        case (.range, _), (_, .range):
            fail("a count over items with unknown values cannot be used in arithmetic", field: nil)
            return .unknown
        default:
            return unitMismatch(op, lhs, rhs, span: span)
        }
    }

    private func isDateFirst(_ value: Value) -> Bool {
        if case .date = value { return true }
        return false
    }

    func numeric(_ op: ArithmeticOperator, _ a: DecimalNumber, _ b: DecimalNumber, span: Span) -> DecimalNumber? {
        let result: DecimalNumber?
        switch op {
        case .add: result = a.adding(b)
        case .subtract: result = a.subtracting(b)
        case .multiply: result = a.multiplied(by: b)
        case .divide:
            if b.isZero {
                fail("division by zero in \(span.text)", field: nil)
                return nil
            }
            result = a.divided(by: b)
        }
        if result == nil { fail("arithmetic overflow in \(span.text)", field: nil) }
        return result
    }

    private func quantities(_ op: ArithmeticOperator, _ a: Quantity, _ b: Quantity, span: Span) -> Value {
        switch op {
        case .add, .subtract:
            guard a.unit == b.unit else { return unitMismatch(op, .quantity(a), .quantity(b), span: span) }
            guard let amount = numeric(op, a.amount, b.amount, span: span) else { return .unknown }
            return .quantity(Quantity(amount: amount, unit: a.unit, displayWord: a.displayWord ?? b.displayWord, perWord: a.perWord ?? b.perWord))
        case .multiply:
            guard let amount = numeric(op, a.amount, b.amount, span: span) else { return .unknown }
            let unit = a.unit.multiplied(by: b.unit)
            return unit.isDimensionless ? .number(amount) : .quantity(Quantity(amount: amount, unit: unit))
        case .divide:
            guard let amount = numeric(op, a.amount, b.amount, span: span) else { return .unknown }
            let unit = a.unit.divided(by: b.unit)
            if unit.isDimensionless { return .number(amount) }
            // Money per one unit renders per the divisor's unit: `$20 billion per GW`.
            let perWord = b.unit.simpleDimension != nil ? b.displayWord : nil
            return .quantity(Quantity(amount: amount, unit: unit, displayWord: a.unit.currency == nil ? a.displayWord : nil, perWord: perWord))
        }
    }

    private func unitMismatch(_ op: ArithmeticOperator, _ lhs: Value, _ rhs: Value, span: Span) -> Value {
        fail("cannot compute \(lhs.typeName) \(op.rawValue) \(rhs.typeName) in \(span.text) (\(ValueRendering.render(lhs)) \(op.rawValue) \(ValueRendering.render(rhs)))", field: nil)
        return .unknown
    }
}
