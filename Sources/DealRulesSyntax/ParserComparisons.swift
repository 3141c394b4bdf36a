import DealRulesModel

/// `X is V` and its relatives (LANGUAGE.md §6.2). After `is`, bare words
/// are a symbol; in ordering comparisons they are references.
extension SyntaxParser {
    mutating func parseComparisonOperator(subject: Expr) throws -> Comparison {
        let operatorToken = advance()
        let word = operatorToken.lowercasedWord ?? "is"
        switch word {
        case "exceeds":
            let value = try parseOrderingOperand(after: "`exceeds`")
            return comparison(subject, false, .greaterThan(value), operatorToken.start)
        case "contains":
            let value = try parseValueOperand(after: "`contains`")
            return comparison(subject, false, .contains(value), operatorToken.start)
        default:
            break
        }
        let negated = consumeWord("not")
        let said = "`\(word)\(negated ? " not" : "")"
        let op: ComparisonOperator
        switch current.lowercasedWord {
        case "one" where peek().isWord("of"):
            advance(); advance()
            op = .oneOf(try parseOneOfItems(after: said + " one of`"))
        case "more" where peek().isWord("than"), "greater" where peek().isWord("than"):
            let spelled = advance().lowercasedWord ?? "more"
            advance()
            op = .greaterThan(try parseOrderingOperand(after: said + " \(spelled) than`"))
        case "less" where peek().isWord("than"):
            advance(); advance()
            op = .lessThan(try parseOrderingOperand(after: said + " less than`"))
        case "at":
            advance()
            if consumeWord("least") {
                op = .atLeast(try parseOrderingOperand(after: said + " at least`"))
            } else if consumeWord("most") {
                op = .atMost(try parseOrderingOperand(after: said + " at most`"))
            } else {
                var help = ["write `is at least V` or `is at most V`"]
                if let word = current.lowercasedWord, let suggestion = Suggestions.closest(to: word, among: ["least", "most"], maximumDistance: 2) {
                    help.insert("did you mean `at \(suggestion)`?", at: 0)
                }
                throw fail(SyntaxCode.unexpectedToken, "expected `least` or `most` after \(said) at`", help: help)
            }
        case "between":
            advance()
            let low = try parseOrderingOperand(after: said + " between`")
            guard consumeWord("and") else {
                throw fail(SyntaxCode.unexpectedToken, "expected `and` in \(said) between … and …`")
            }
            let high = try parseOrderingOperand(after: said + " between … and`")
            op = .between(low, high)
        case "before":
            advance()
            op = .before(try parseOrderingOperand(after: said + " before`"))
        case "after":
            advance()
            op = .after(try parseOrderingOperand(after: said + " after`"))
        case "beyond":
            advance()
            op = .beyond(try parseOrderingOperand(after: said + " beyond`"))
        case "within":
            advance()
            op = .within(try parseOrderingOperand(after: said + " within`"))
        case "confirmed", "reported", "estimated":
            let status = ProvenanceStatus(rawValue: advance().lowercasedWord ?? "") ?? .confirmed
            op = .status(status)
        case "known":
            advance()
            op = .known
        case "unknown":
            advance()
            op = .unknown(spelledMissing: false)
        case "missing":
            advance()
            op = .unknown(spelledMissing: true)
        default:
            op = .equals(try parseValueOperand(after: said + "`"))
        }
        return comparison(subject, negated, op, operatorToken.start)
    }

    private func comparison(_ subject: Expr, _ negated: Bool, _ op: ComparisonOperator, _ operatorStart: Int) -> Comparison {
        let operatorSpan = span(from: operatorStart, to: max(operatorStart, operatorEnd(op, fallback: previous.end)))
        return Comparison(subject: subject, negated: negated, op: op, operatorSpan: operatorSpan,
                          span: subject.span.through(span(from: operatorStart)))
    }

    /// The operator words end where the operand begins.
    private func operatorEnd(_ op: ComparisonOperator, fallback: Int) -> Int {
        switch op {
        case .equals(let value), .greaterThan(let value), .atLeast(let value), .lessThan(let value), .atMost(let value),
             .contains(let value), .before(let value), .after(let value), .beyond(let value), .within(let value),
             .between(let value, _):
            return lastEnd(before: value.span.start)
        case .oneOf(let items):
            return items.first.map { lastEnd(before: $0.span.start) } ?? fallback
        case .status, .known, .unknown:
            return fallback
        }
    }

    /// End offset of the last token that ends at or before `offset`.
    private func lastEnd(before offset: Int) -> Int {
        var index = min(position, tokens.count - 1)
        while index > 0, tokens[index].start >= offset { index -= 1 }
        return tokens[index].end
    }

    /// Operand of an ordering comparison: arithmetic, bare words are fields.
    mutating func parseOrderingOperand(after context: String) throws -> Expr {
        guard let value = try parseAdditive() else {
            throw fail(SyntaxCode.missingOperand, "expected a value after \(context)",
                       help: ["for example `5 GW`, `$20 billion`, `10 years`, `2028-06`, or a field name"])
        }
        return value
    }

    /// Operand of `is V` and `contains V`: a literal, `(expression)` or a
    /// run of bare words meaning a symbol.
    mutating func parseValueOperand(after context: String) throws -> Expr {
        if let value = try parseValueOperandIfPresent() { return value }
        if current.isWord("than") {
            throw fail(SyntaxCode.missingOperand, "expected a value after \(context)",
                       help: ["did you mean `is more than` or `is less than`?"])
        }
        throw fail(SyntaxCode.missingOperand, "expected a value after \(context)",
                   help: ["after `is` write a value (`5 GW`, `\"text\"`), bare words for a symbol (`is natural gas`), or `(other field)` to compare with a field"])
    }

    mutating func parseValueOperandIfPresent() throws -> Expr? {
        if let literal = takeScalarLiteral() { return .literal(literal.value, literal.span) }
        if let quoted = takeQuotedName() { return .symbol(quoted) }
        switch current.kind {
        case .leftParen:
            return try parseGroup()
        case .word:
            guard let name = parseNameIfPresent() else { return nil }
            if current.isWord("than") { throw misspelledComparison(name) }
            if case .literal = current.kind, name.words.count == 1 {
                throw misspelledOperator(name)
            }
            return .symbol(name)
        default:
            return nil
        }
    }

    /// `is mroe than 5`: a symbol followed by `than` is a misspelled operator.
    mutating func misspelledComparison(_ name: Name) -> ParseFailure {
        var help = ["the comparisons with `than` are `is more than`, `is greater than` and `is less than`"]
        if let suggestion = Suggestions.closest(to: name.words.last ?? "", among: ["more", "less", "greater"], maximumDistance: 2) {
            help.insert("did you mean `is \(suggestion) than`?", at: 0)
        }
        report(SyntaxCode.unexpectedToken, "unknown comparison `is \(name.text) than`", at: name.span.through(span(current)), help: help)
        return ParseFailure()
    }

    /// `is betwen 1 and 2`: a one-word symbol followed by a value.
    mutating func misspelledOperator(_ name: Name) -> ParseFailure {
        let operators = ["between", "before", "after", "beyond", "within"]
        if let suggestion = Suggestions.closest(to: name.words[0], among: operators, maximumDistance: 2) {
            report(SyntaxCode.unexpectedToken, "unknown comparison `is \(name.text)`", at: name.span,
                   help: ["did you mean `is \(suggestion)`?"])
            return ParseFailure()
        }
        return fail(SyntaxCode.unexpectedToken, "expected a comparison or the end of the condition after `is \(name.text)`",
                    help: ["after `is`, bare words are a symbol (`is natural gas`); a value after them needs an operator such as `is at least`"])
    }

    /// `one of gas, coal`: the list stops before a comma that is followed by
    /// something other than an item (`, flag …`, `, then …`).
    mutating func parseOneOfItems(after context: String) throws -> [Expr] {
        var items = [try parseValueOperand(after: context)]
        while case .comma = current.kind, startsOneOfItem(peek()) {
            advance()
            items.append(try parseValueOperand(after: "`,` in `one of`"))
        }
        return items
    }

    private func startsOneOfItem(_ token: Token) -> Bool {
        switch token.kind {
        case .literal, .string, .quotedName, .leftParen: return true
        case .word(let text):
            let word = text.lowercased()
            return token.isNameWord || ["true", "false", "yes", "no"].contains(word)
        default: return false
        }
    }
}
