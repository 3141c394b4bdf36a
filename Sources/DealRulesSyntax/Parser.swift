import DealRulesModel

/// The front door of the syntax stage: source text in, syntax tree and
/// every syntax error out.
public enum Parser {
    /// Parses a rule file. `.rules.md` files are literate: only their
    /// ```` ```rules ```` blocks are read, and positions are those of the
    /// Markdown file. `ParsedFile.source` is the file as given; the spans
    /// point into its program text (the same bytes with prose blanked).
    public static func parse(_ source: SourceFile) -> ParsedFile {
        if let tooLarge = sizeError(source) {
            return ParsedFile(source: source, statements: [], comments: [], diagnostics: [tooLarge])
        }
        let program = Literate.isLiterate(source.path) ? Literate.programText(of: source) : source
        let lexed = Lexer.lex(program)
        var parser = SyntaxParser(source: program, lexed: lexed)
        let statements = parser.parseStatements()
        return ParsedFile(source: source, statements: statements, comments: lexed.comments,
                          diagnostics: ordered(parser.diagnostics))
    }

    /// Parses one expression or condition (REPL, tests).
    public static func parseExpression(_ source: SourceFile) -> (Expr?, [Diagnostic]) {
        if let tooLarge = sizeError(source) { return (nil, [tooLarge]) }
        let lexed = Lexer.lex(source)
        var parser = SyntaxParser(source: source, lexed: lexed)
        let expression = parser.parseWholeExpression()
        return (expression, ordered(parser.diagnostics))
    }

    /// REPL input: statements when it starts with a statement keyword,
    /// otherwise an expression; `.incomplete` when the only problem is that
    /// the input ended too early.
    public static func parseInteractive(_ source: SourceFile) -> InteractiveInput {
        if let tooLarge = sizeError(source) { return .invalid([tooLarge]) }
        let lexed = Lexer.lex(source)
        var parser = SyntaxParser(source: source, lexed: lexed)
        if parser.current.isEnd {
            return lexed.diagnostics.isEmpty ? .statements([]) : .invalid(lexed.diagnostics)
        }
        if parser.startsStatementHere {
            let statements = parser.parseStatements()
            return parser.interactiveResult(.statements(statements))
        }
        guard let expression = parser.parseWholeExpression() else {
            return parser.interactiveResult(.invalid([]))
        }
        return parser.interactiveResult(.expression(expression))
    }

    static func sizeError(_ source: SourceFile) -> Diagnostic? {
        guard source.bytes.count > SyntaxLimits.maximumFileBytes else { return nil }
        return .error(SyntaxCode.fileTooLarge,
                      "the file is \(source.bytes.count) bytes; rule files may be at most 16 MiB (\(SyntaxLimits.maximumFileBytes) bytes)",
                      at: Span(source: source, start: 0, end: 0), help: ["split the rules into several files joined with `use`"])
    }

    /// Source order, and a summary instead of an endless list.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let sorted = diagnostics.enumerated().sorted { lhs, rhs in
            let left = lhs.element.span?.start ?? 0
            let right = rhs.element.span?.start ?? 0
            return left == right ? lhs.offset < rhs.offset : left < right
        }.map(\.element)
        guard sorted.count > SyntaxLimits.maximumDiagnostics else { return sorted }
        var kept = Array(sorted.prefix(SyntaxLimits.maximumDiagnostics))
        kept.append(.error(SyntaxCode.tooManyErrors,
                           "too many syntax errors; showing the first \(SyntaxLimits.maximumDiagnostics)",
                           at: sorted[SyntaxLimits.maximumDiagnostics].span))
        return kept
    }
}

/// What a line (or lines) typed at the REPL amounts to.
public enum InteractiveInput: Sendable {
    case statements([Statement])
    case expression(Expr)
    /// The input ended too early: ask for another line.
    case incomplete
    case invalid([Diagnostic])
}

extension SyntaxParser {
    /// One condition that must use all the input.
    mutating func parseWholeExpression() -> Expr? {
        do {
            let expression = try parseCondition(after: "the start of the input")
            if case .period = current.kind, peek().isEnd { advance() } // a sentence may end with `.`
            if !current.isEnd {
                if startsComparison { throw chainedComparison() }
                throw fail(SyntaxCode.unexpectedToken, "expected the end of the expression")
            }
            return expression
        } catch {
            return nil
        }
    }

    func interactiveResult(_ success: InteractiveInput) -> InteractiveInput {
        if diagnostics.isEmpty { return success }
        if diagnosticAtEnd.allSatisfy({ $0 }) { return .incomplete }
        return .invalid(Parser.ordered(diagnostics))
    }
}
