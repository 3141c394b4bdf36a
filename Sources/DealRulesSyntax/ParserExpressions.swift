import DealRulesModel

/// Conditions and values. Precedence, loosest first: `or`, `and`, `not`,
/// comparison, `+ -`, `* /`, primary (LANGUAGE.md §6).
extension SyntaxParser {
    mutating func parseCondition(after context: String) throws -> Expr {
        guard let expression = try parseOr() else {
            throw fail(SyntaxCode.missingOperand, "expected a condition after \(context)")
        }
        // Only a whole condition is measured; inner ones are part of it.
        return depth == 0 ? try checkTreeDepth(expression) : expression
    }

    mutating func parseOr() throws -> Expr? {
        guard var left = try parseAnd() else { return nil }
        var count = 0
        while current.isWord("or") {
            advance()
            count += 1
            try checkChain(count)
            guard let right = try parseAnd() else {
                throw fail(SyntaxCode.missingOperand, "expected a condition after `or`")
            }
            left = .or(left, right)
        }
        return left
    }

    mutating func parseAnd() throws -> Expr? {
        guard var left = try parseNot() else { return nil }
        var count = 0
        while current.isWord("and") {
            advance()
            count += 1
            try checkChain(count)
            guard let right = try parseNot() else {
                throw fail(SyntaxCode.missingOperand, "expected a condition after `and`")
            }
            left = .and(left, right)
        }
        return left
    }

    mutating func parseNot() throws -> Expr? {
        guard current.isWord("not") else { return try parseComparison() }
        let start = advance().start
        return try nested { parser in
            guard let operand = try parser.parseNot() else {
                throw parser.fail(SyntaxCode.missingOperand, "expected a condition after `not`")
            }
            return .not(operand, parser.span(from: start))
        }
    }

    /// Any token that starts a comparison operator.
    var startsComparison: Bool {
        guard let word = current.lowercasedWord else { return false }
        return word == "is" || word == "are" || word == "exceeds" || word == "contains"
    }

    mutating func parseComparison() throws -> Expr? {
        guard let subject = try parseAdditive() else { return nil }
        guard startsComparison else { return subject }
        return .comparison(try parseComparisonOperator(subject: subject))
    }

    mutating func parseAdditive() throws -> Expr? {
        guard var left = try parseMultiplicative() else { return nil }
        var count = 0
        while true {
            let op: ArithmeticOperator
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            advance()
            count += 1
            try checkChain(count)
            guard let right = try parseMultiplicative() else {
                throw fail(SyntaxCode.missingOperand, "expected a value after `\(op.rawValue)`")
            }
            left = .arithmetic(op, left, right)
        }
    }

    mutating func parseMultiplicative() throws -> Expr? {
        guard var left = try parsePrimary() else { return nil }
        var count = 0
        while true {
            let op: ArithmeticOperator
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            default: return left
            }
            advance()
            count += 1
            try checkChain(count)
            guard let right = try parsePrimary() else {
                throw fail(SyntaxCode.missingOperand, "expected a value after `\(op.rawValue)`")
            }
            left = .arithmetic(op, left, right)
        }
    }

    /// A primary, or nil (consuming nothing) when none starts here.
    mutating func parsePrimary() throws -> Expr? {
        // `no party where …` is a quantifier; a `no` on its own is false.
        if current.isWord("no"), peek().startsName, !peek().atLineStart { return try parseQuantified() }
        if let literal = takeScalarLiteral() { return .literal(literal.value, literal.span) }
        let token = current
        switch token.kind {
        case .leftParen:
            return try parseGroup()
        case .word(let text):
            let word = text.lowercased()
            switch word {
            case "not":
                return try parseNot()
            case "any", "every":
                return try parseQuantified()
            default:
                if Keywords.aggregates.contains(word), peek().isWord("of") {
                    return try parseAggregate()
                }
            }
            return try parseReferenceOrProjection()
        case .quotedName:
            return try parseReferenceOrProjection()
        default:
            return nil
        }
    }

    mutating func parseGroup() throws -> Expr {
        let open = advance()
        return try nested { parser in
            let inner = try parser.parseCondition(after: "`(`")
            guard case .rightParen = parser.current.kind else {
                if parser.startsComparison {
                    throw parser.chainedComparison()
                }
                let location = parser.span(open).location
                throw parser.fail(SyntaxCode.unclosedDelimiter, "expected `)` to close the `(` at line \(location.line), column \(location.column)")
            }
            parser.advance()
            return .group(inner, parser.span(from: open.start))
        }
    }

    /// A comparison right after another: the reader must say which is meant.
    mutating func chainedComparison() -> ParseFailure {
        fail(SyntaxCode.chainedComparison, "a comparison cannot directly follow another comparison",
             help: ["join two comparisons with `and` or `or`, or use parentheses: `(count of deals where …) is at least 3`"])
    }

    mutating func parseReferenceOrProjection() throws -> Expr? {
        guard let reference = try parseReferenceIfPresent() else { return nil }
        guard current.isWord("of") else { return .reference(reference) }
        advance()
        let collection = try parseCollection(after: "`\(reference.description) of`")
        let condition = try parseWhereIfPresent()
        return .projection(Projection(field: reference, collection: collection, condition: condition,
                                      span: span(from: reference.span.start)))
    }

    /// `any party where role is utility`; `where` takes as much as it can.
    mutating func parseQuantified() throws -> Expr {
        let token = advance()
        let word = token.lowercasedWord ?? "any"
        let quantifier = Quantifier(rawValue: word) ?? .any
        let collection = try parseCollection(after: "`\(word)`")
        let condition = try parseWhereIfPresent()
        return .quantified(Quantified(quantifier: quantifier, collection: collection, condition: condition,
                                      span: span(from: token.start)))
    }

    mutating func parseWhereIfPresent() throws -> Expr? {
        guard current.isWord("where") else { return nil }
        advance()
        return try nested { parser in try parser.parseCondition(after: "`where`") }
    }

    /// `count of P`, `sum|average|minimum|maximum of F [of P]`, `share of F`,
    /// each with an optional `where`.
    mutating func parseAggregate() throws -> Expr {
        let token = advance()
        let word = token.lowercasedWord ?? "count"
        let kind = AggregateKind(rawValue: word) ?? .count
        advance() // of
        var field: Reference?
        var collection: Reference?
        switch kind {
        case .count:
            collection = try parseCollection(after: "`count of`")
        case .share:
            field = try parseReference("a field", after: "`share of`")
        case .sum, .average, .minimum, .maximum:
            field = try parseReference("a field", after: "`\(word) of`")
            if current.isWord("of") {
                advance()
                collection = try parseCollection(after: "`\(word) of \(field?.description ?? "") of`")
            }
        }
        let condition = try parseWhereIfPresent()
        return .aggregate(Aggregate(kind: kind, field: field, collection: collection, condition: condition,
                                    span: span(from: token.start)))
    }
}
