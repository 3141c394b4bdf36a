import DealRulesModel

/// Canonical text of expressions: one spelling per node (`exceeds` prints
/// as `is more than`), literals exactly as written, parentheses only where
/// they were written (the tree keeps them as `.group`).
enum ExpressionPrinter {
    static func render(_ expression: Expr) -> String {
        switch expression {
        case .literal(_, let span): return literalText(span)
        case .symbol(let name): return render(name)
        case .reference(let reference): return render(reference)
        case .not(let operand, _): return "not " + render(operand)
        case .and(let lhs, let rhs): return render(lhs) + " and " + render(rhs)
        case .or(let lhs, let rhs): return render(lhs) + " or " + render(rhs)
        case .arithmetic(let op, let lhs, let rhs): return render(lhs) + " \(op.rawValue) " + render(rhs)
        case .group(let inner, _): return "(" + render(inner) + ")"
        case .comparison(let comparison): return render(comparison)
        case .quantified(let quantified):
            return quantified.quantifier.rawValue + " " + render(quantified.collection) + whereText(quantified.condition)
        case .aggregate(let aggregate):
            var text = aggregate.kind.rawValue + " of"
            if let field = aggregate.field { text += " " + render(field) }
            if let collection = aggregate.collection {
                text += (aggregate.field == nil ? " " : " of ") + render(collection)
            }
            return text + whereText(aggregate.condition)
        case .projection(let projection):
            return render(projection.field) + " of " + render(projection.collection) + whereText(projection.condition)
        }
    }

    static func render(_ comparison: Comparison) -> String {
        let subject = render(comparison.subject)
        let isWord = comparison.negated ? " is not " : " is "
        switch comparison.op {
        case .equals(let value): return subject + isWord + render(value)
        case .oneOf(let items): return subject + isWord + "one of " + items.map(render).joined(separator: ", ")
        case .greaterThan(let value): return subject + isWord + "more than " + render(value)
        case .atLeast(let value): return subject + isWord + "at least " + render(value)
        case .lessThan(let value): return subject + isWord + "less than " + render(value)
        case .atMost(let value): return subject + isWord + "at most " + render(value)
        case .between(let low, let high): return subject + isWord + "between " + render(low) + " and " + render(high)
        case .contains(let value): return subject + " contains " + render(value)
        case .status(let status): return subject + isWord + status.rawValue
        case .before(let value): return subject + isWord + "before " + render(value)
        case .after(let value): return subject + isWord + "after " + render(value)
        case .beyond(let value): return subject + isWord + "beyond " + render(value)
        case .within(let value): return subject + isWord + "within " + render(value)
        case .known: return subject + isWord + "known"
        case .unknown(let missing): return subject + isWord + (missing ? "missing" : "unknown")
        }
    }

    private static func whereText(_ condition: Expr?) -> String {
        condition.map { " where " + render($0) } ?? ""
    }

    static func render(_ name: Name) -> String {
        name.isQuoted ? "`" + name.text + "`" : name.words.joined(separator: " ")
    }

    static func render(_ reference: Reference) -> String {
        reference.segments.map(render).joined(separator: ".")
    }

    /// A literal as written, with runs of white space inside it (`$27   billion`) made one space.
    static func literalText(_ span: Span) -> String {
        let text = span.text
        if text.hasPrefix("\"") { return text }
        var result = ""
        var pendingSpace = false
        for character in text {
            if character == " " || character == "\t" {
                pendingSpace = true
                continue
            }
            if pendingSpace, !result.isEmpty { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
        return result
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
