import DealRulesModel

/// Tokens that are a value on their own wherever a value may stand: a
/// literal, a string, or `true`/`yes`/`false`/`no`; and a backquoted name.
extension SyntaxParser {
    /// Consumes a scalar literal and returns it with its span; nil, consuming
    /// nothing, when the current token is not one.
    mutating func takeScalarLiteral() -> (value: Value, span: Span)? {
        let token = current
        let value: Value
        switch token.kind {
        case .literal(let literal): value = literal
        case .string(let text): value = .text(text)
        case .word(let text):
            switch text.lowercased() {
            case "true", "yes": value = .boolean(true)
            case "false", "no": value = .boolean(false)
            default: return nil
            }
        default:
            return nil
        }
        advance()
        return (value, span(token))
    }

    /// Consumes a backquoted name as a one-word symbol name.
    mutating func takeQuotedName() -> Name? {
        let token = current
        guard case .quotedName(let text) = token.kind else { return nil }
        advance()
        return Name(words: [text], isQuoted: true, span: span(token))
    }
}
