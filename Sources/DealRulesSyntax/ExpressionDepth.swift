/// How deep an expression tree is, measured without recursion, so that a
/// tree built from hostile input cannot overflow the stack of anything that
/// walks it later (printer, checker, evaluator).
public enum ExpressionDepth {
    /// The deepest tree the parser hands on. The parser counts nesting as it
    /// reads (at most `SyntaxLimits.maximumNestingDepth`); operator chains
    /// inside nested operands can still stack up, so the finished tree is
    /// checked against this bound as well.
    public static let maximumTreeDepth = SyntaxLimits.maximumNestingDepth * 2

    public static func depth(of root: Expr) -> Int {
        var deepest = 0
        var pending: [(Expr, Int)] = [(root, 1)]
        while let (expression, level) = pending.popLast() {
            deepest = max(deepest, level)
            for child in children(of: expression) { pending.append((child, level + 1)) }
        }
        return deepest
    }

    public static func children(of expression: Expr) -> [Expr] {
        switch expression {
        case .literal, .symbol, .reference: return []
        case .not(let operand, _), .group(let operand, _): return [operand]
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .arithmetic(_, let lhs, let rhs): return [lhs, rhs]
        case .comparison(let comparison):
            var result = [comparison.subject]
            switch comparison.op {
            case .equals(let value), .greaterThan(let value), .atLeast(let value), .lessThan(let value),
                 .atMost(let value), .contains(let value), .before(let value), .after(let value),
                 .beyond(let value), .within(let value):
                result.append(value)
            case .between(let low, let high): result += [low, high]
            case .oneOf(let items): result += items
            case .status, .known, .unknown: break
            }
            return result
        case .quantified(let quantified): return quantified.condition.map { [$0] } ?? []
        case .aggregate(let aggregate): return aggregate.condition.map { [$0] } ?? []
        case .projection(let projection): return projection.condition.map { [$0] } ?? []
        }
    }
}

extension SyntaxParser {
    /// Rejects a finished expression whose tree is too deep (E120).
    mutating func checkTreeDepth(_ expression: Expr) throws -> Expr {
        guard ExpressionDepth.depth(of: expression) > ExpressionDepth.maximumTreeDepth else { return expression }
        report(SyntaxCode.nestingTooDeep,
               "expression nested more than \(ExpressionDepth.maximumTreeDepth) levels deep once its operator chains are counted",
               at: expression.span, help: ["split the expression with `define`"])
        throw ParseFailure()
    }
}
