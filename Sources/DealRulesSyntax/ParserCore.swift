import DealRulesModel

/// Thrown to abandon the statement being parsed; the error is already
/// recorded and the parser resynchronises at the next statement.
struct ParseFailure: Error {}

/// Recursive-descent parser over the token array. One token of look-ahead
/// is the rule; a few places peek one further (`no` + name, `count of`).
struct SyntaxParser {
    let source: SourceFile
    var tokens: [Token]
    var position = 0
    var diagnostics: [Diagnostic] = []
    /// Parallel to `diagnostics`: true when the error is only that the
    /// input ended too early (the REPL then asks for another line).
    var diagnosticAtEnd: [Bool] = []
    /// Current expression nesting (parentheses, `not`, `where`, operator chains).
    var depth = 0
    /// Set while parsing a block rule's header: recovery must not mistake
    /// its own `when` line for a new quick rule.
    var recoveringInsideBlock = false
    /// In a message interpolation the input ends at its `}`, which is not
    /// the end of what the person typed.
    var endsAtClosingBrace = false
    var unterminatedStringStarts: Set<Int> = []

    init(source: SourceFile, lexed: LexedText) {
        self.source = source
        var tokens = lexed.tokens
        let endOffset = tokens.last.map { max($0.end, source.bytes.count) } ?? source.bytes.count
        tokens.append(Token(kind: .endOfInput, start: endOffset, end: endOffset, atLineStart: true))
        self.tokens = tokens
        self.unterminatedStringStarts = lexed.unterminatedStringStarts
        for diagnostic in lexed.diagnostics {
            diagnostics.append(diagnostic)
            let unterminated = diagnostic.code == SyntaxCode.unterminatedString || diagnostic.code == SyntaxCode.unterminatedQuotedName
            diagnosticAtEnd.append(unterminated && lexed.endedInsideLiteral)
        }
    }

    /// A parser for an interpolated expression: its tokens end where the
    /// braces close.
    init(source: SourceFile, lexed: LexedText, endOffset: Int) {
        self.source = source
        var tokens = lexed.tokens
        tokens.append(Token(kind: .endOfInput, start: endOffset, end: endOffset, atLineStart: false))
        self.tokens = tokens
        diagnostics = lexed.diagnostics
        diagnosticAtEnd = lexed.diagnostics.map { _ in false }
    }

    // MARK: Tokens

    var current: Token { tokens[min(position, tokens.count - 1)] }

    func peek(_ distance: Int = 1) -> Token { tokens[min(position + distance, tokens.count - 1)] }

    var previous: Token { tokens[max(0, min(position - 1, tokens.count - 1))] }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func span(_ token: Token) -> Span { Span(source: source, start: token.start, end: token.end) }

    func span(from start: Int, to end: Int) -> Span { Span(source: source, start: start, end: end) }

    /// From `start` through the last token consumed.
    func span(from start: Int) -> Span { Span(source: source, start: start, end: max(start, previous.end)) }

    func isWord(_ word: String) -> Bool { current.isWord(word) }

    mutating func consumeWord(_ word: String) -> Bool {
        guard current.isWord(word) else { return false }
        advance()
        return true
    }

    func check(_ predicate: (TokenKind) -> Bool) -> Bool { predicate(current.kind) }

    // MARK: Diagnostics

    mutating func report(_ code: String, _ message: String, at span: Span, help: [String] = [], notes: [String] = [], atEnd: Bool = false) {
        diagnostics.append(.error(code, message, at: span, help: help, notes: notes))
        diagnosticAtEnd.append(atEnd)
    }

    /// Reports a problem at the current token and abandons the statement.
    /// At the end of input the message says so, and the REPL may continue.
    mutating func fail(_ code: String, _ message: String, help: [String] = [], notes: [String] = []) -> ParseFailure {
        let token = current
        if position > 0, unterminatedStringStarts.contains(previous.start) {
            return ParseFailure() // the unterminated string is the real error
        }
        if token.isEnd, endsAtClosingBrace {
            report(code, message + ", found `}`", at: span(from: token.start, to: token.start + 1), help: help, notes: notes)
        } else if token.isEnd {
            // Point just after the last token rather than at a blank last line.
            let anchor = position > 0 ? previous.end : token.start
            let start = max(0, min(anchor, source.bytes.count))
            report(code, message + ", but the input ended", at: span(from: start, to: start), help: help, notes: notes, atEnd: true)
        } else {
            report(code, message + ", found \(describe(token))", at: span(token), help: help, notes: notes)
        }
        return ParseFailure()
    }

    /// How a token is named in messages.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .word(let text): return "`\(text)`"
        case .quotedName(let text): return "the quoted name `\(text)`"
        case .literal, .string: return "`\(source.slice(token.start, min(token.end, token.start + 40)))`"
        case .comma: return "`,`"
        case .period: return "`.`"
        case .colon: return "`:`"
        case .pathDot: return "`.`"
        case .possessive: return "`'s`"
        case .leftParen: return "`(`"
        case .rightParen: return "`)`"
        case .leftBracket: return "`[`"
        case .rightBracket: return "`]`"
        case .leftBrace: return "`{`"
        case .rightBrace: return "`}`"
        case .plus: return "`+`"
        case .minus: return "`-`"
        case .star: return "`*`"
        case .slash: return "`/`"
        case .endOfInput: return "the end of the input"
        }
    }

    // MARK: Nesting

    /// Runs `body` one level deeper; past the limit of LANGUAGE.md §10 the
    /// statement is abandoned instead of recursing further.
    mutating func nested<T>(_ body: (inout SyntaxParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > SyntaxLimits.maximumNestingDepth {
            throw tooDeep()
        }
        return try body(&self)
    }

    mutating func tooDeep() -> ParseFailure {
        report(SyntaxCode.nestingTooDeep, "expression nested more than \(SyntaxLimits.maximumNestingDepth) levels deep",
               at: span(current), help: ["split the expression with `define`"])
        return ParseFailure()
    }

    /// A chain `a and b and c …` of `count` operators counts towards depth,
    /// because the tree it builds is that deep.
    mutating func checkChain(_ count: Int) throws {
        if depth + count > SyntaxLimits.maximumNestingDepth { throw tooDeep() }
    }
}
