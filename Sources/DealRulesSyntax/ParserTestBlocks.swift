import DealRulesModel

/// `test "name"` blocks and record literals (LANGUAGE.md §7.5).
extension SyntaxParser {
    mutating func parseTest() throws -> TestDecl {
        let start = advance().start
        guard case .string(let title) = current.kind else {
            throw fail(SyntaxCode.unexpectedToken, "expected the test's name in quotes after `test`")
        }
        let titleSpan = span(advance())
        var clauses: [TestClause] = []
        var failed = false
        while let word = current.lowercasedWord, ["as", "given", "expect"].contains(word) {
            do {
                switch word {
                case "as": clauses.append(try parseAsOf())
                case "given": clauses.append(try parseGiven())
                default: clauses.append(.expect(try parseExpectation()))
                }
            } catch {
                // Report every bad clause of the test, not just the first.
                failed = true
                skipToNextLine(startingWithOneOf: ["as", "given", "expect"])
            }
        }
        if failed { throw ParseFailure() }
        return TestDecl(title: title, titleSpan: titleSpan, clauses: clauses, span: span(from: start))
    }

    /// Error recovery inside a block: skips to the next line that starts
    /// with one of `words` or with a statement keyword.
    mutating func skipToNextLine(startingWithOneOf words: Set<String>) {
        let start = position
        while !current.isEnd {
            if position > start || current.atLineStart, current.atLineStart {
                if let word = current.lowercasedWord, words.contains(word) { return }
                if startsStatementHere { return }
            }
            advance()
        }
    }

    private mutating func parseAsOf() throws -> TestClause {
        let start = advance().start
        guard consumeWord("of") else {
            throw fail(SyntaxCode.invalidTestClause, "expected `of` after `as`", help: ["write `as of 2026-11-24`"])
        }
        let token = current
        switch token.kind {
        case .literal(.date(let date)):
            advance()
            return .asOf(date, span(from: start))
        case .literal(.number(let number, false)):
            if let year = number.intValue, let date = DateValue(year: year) {
                advance()
                return .asOf(date, span(from: start))
            }
        default:
            break
        }
        throw fail(SyntaxCode.invalidTestClause, "expected a date after `as of`", help: ["write `as of 2026-11-24`"])
    }

    private mutating func parseGiven() throws -> TestClause {
        let start = advance().start
        if consumeWord("deal") {
            guard case .leftBrace = current.kind else {
                throw fail(SyntaxCode.invalidTestClause, "expected `{` after `given deal`",
                           help: ["for example `given deal { capacity: 5 GW, chip roadmap: unvalidated }`"])
            }
            let record = try parseRecordLiteral()
            return .givenDeal(record, span(from: start))
        }
        guard consumeWord("deals") else {
            throw fail(SyntaxCode.invalidTestClause, "expected `deal` or `deals` after `given`")
        }
        if consumeWord("from") {
            guard case .string(let path) = current.kind else {
                throw fail(SyntaxCode.invalidTestClause, "expected a quoted path after `given deals from`")
            }
            let pathSpan = span(advance())
            return .givenDealsFrom(path: path, pathSpan: pathSpan, span: span(from: start))
        }
        guard case .leftBracket = current.kind else {
            throw fail(SyntaxCode.invalidTestClause, "expected `[` or `from` after `given deals`",
                       help: ["write `given deals [{ … }, { … }]` or `given deals from \"deals.yaml\"`"])
        }
        let open = advance()
        var records: [RecordLiteral] = []
        while case .leftBrace = current.kind {
            records.append(try parseRecordLiteral())
            guard case .comma = current.kind else { break }
            advance()
        }
        try expectClosing(.rightBracket, "]", opener: open)
        return .givenDeals(records, span(from: start))
    }

    private mutating func parseExpectation() throws -> Expectation {
        let start = advance().start
        if case .literal(.number(let number, false)) = current.kind {
            let numberToken = advance()
            guard let count = number.intValue, count >= 0 else {
                report(SyntaxCode.invalidTestClause, "`\(source.slice(numberToken.start, numberToken.end))` is not a whole number of findings",
                       at: span(numberToken), help: ["write `expect 2 findings`"])
                throw ParseFailure()
            }
            guard consumeWord("findings") || consumeWord("finding") else {
                throw fail(SyntaxCode.invalidTestClause, "expected `findings` after `expect \(count)`")
            }
            return Expectation(kind: .findingCount(count), span: span(from: start))
        }
        if consumeWord("no") {
            let flag = try parseLabel("a flag name", after: "`expect no`")
            return Expectation(kind: .doesNotFire(flag: flag), span: span(from: start))
        }
        if current.isWord("undetermined"), startsLabel(peek()), !peek().atLineStart {
            advance()
            let flag = try parseLabel("a flag name", after: "`expect undetermined`")
            return Expectation(kind: .undetermined(flag: flag), span: span(from: start))
        }
        let flag = try parseLabel("a flag name", after: "`expect`")
        var subject: String?
        if consumeWord("for") {
            guard case .string(let id) = current.kind else {
                throw fail(SyntaxCode.invalidTestClause, "expected a quoted deal id after `for`")
            }
            advance()
            subject = id
        }
        var severity: Severity?
        if consumeWord("severity") { severity = try parseSeverityLevel().0 }
        return Expectation(kind: .fires(flag: flag, subject: subject, severity: severity), span: span(from: start))
    }

    mutating func expectClosing(_ kind: TokenKind, _ text: String, opener: Token) throws {
        let matches: Bool
        switch (kind, current.kind) {
        case (.rightBracket, .rightBracket), (.rightBrace, .rightBrace), (.rightParen, .rightParen): matches = true
        default: matches = false
        }
        guard matches else {
            let location = span(opener).location
            throw fail(SyntaxCode.unclosedDelimiter,
                       "expected `\(text)` to close the `\(describe(opener).dropFirst().dropLast())` at line \(location.line), column \(location.column)")
        }
        advance()
    }

    /// `{ key: value (status, "source"), … }`
    mutating func parseRecordLiteral() throws -> RecordLiteral {
        try nested { parser in try parser.parseRecordBody() }
    }

    private mutating func parseRecordBody() throws -> RecordLiteral {
        let open = advance()
        var entries: [RecordLiteral.Entry] = []
        while !check({ if case .rightBrace = $0 { true } else { false } }) {
            let entryStart = current.start
            let key = try parseName("a field name", after: entries.isEmpty ? "`{`" : "`,`")
            guard case .colon = current.kind else {
                throw fail(SyntaxCode.unexpectedToken, "expected `:` after `\(key.text)`")
            }
            advance()
            let value = try parseLiteralValue(after: "`\(key.text):`")
            var status: ProvenanceStatus?
            var sourceText: String?
            if case .leftParen = current.kind { (status, sourceText) = try parseProvenance() }
            entries.append(RecordLiteral.Entry(key: key, value: value, status: status, source: sourceText, span: span(from: entryStart)))
            guard case .comma = current.kind else { break }
            advance()
        }
        try expectClosing(.rightBrace, "}", opener: open)
        return RecordLiteral(entries: entries, span: span(from: open.start))
    }

    /// `(reported)`, `(reported, "Press reports")` or `("Press reports")`.
    private mutating func parseProvenance() throws -> (ProvenanceStatus?, String?) {
        let open = advance()
        var status: ProvenanceStatus?
        var text: String?
        if let word = current.lowercasedWord {
            guard let parsed = ProvenanceStatus(rawValue: word) else {
                throw fail(SyntaxCode.invalidTestClause, "expected `confirmed`, `reported` or `estimated` in provenance")
            }
            status = parsed
            advance()
            if case .comma = current.kind { advance() }
        }
        if case .string(let sourceText) = current.kind {
            text = sourceText
            advance()
        }
        if status == nil, text == nil {
            throw fail(SyntaxCode.invalidTestClause, "expected a status or a quoted source in provenance",
                       help: ["for example `(reported, \"Press reports\")`"])
        }
        try expectClosing(.rightParen, ")", opener: open)
        return (status, text)
    }

    /// A value in a record literal.
    mutating func parseLiteralValue(after context: String) throws -> LiteralExpr {
        if let literal = takeScalarLiteral() { return .value(literal.value, literal.span) }
        if let quoted = takeQuotedName() { return .symbol(quoted) }
        let token = current
        switch token.kind {
        case .leftBrace:
            return .record(try parseRecordLiteral())
        case .leftBracket:
            return try nested { parser in
                let open = parser.advance()
                var items: [LiteralExpr] = []
                while !parser.check({ if case .rightBracket = $0 { true } else { false } }) {
                    items.append(try parser.parseLiteralValue(after: items.isEmpty ? "`[`" : "`,`"))
                    guard case .comma = parser.current.kind else { break }
                    parser.advance()
                }
                try parser.expectClosing(.rightBracket, "]", opener: open)
                return .list(items, parser.span(from: open.start))
            }
        case .word(let text):
            switch text.lowercased() {
            case "unknown":
                advance()
                return .value(.unknown, span(token))
            default:
                if let name = parseNameIfPresent() { return .symbol(name) }
            }
        default:
            break
        }
        throw fail(SyntaxCode.missingOperand, "expected a value after \(context)",
                   help: ["a value is a literal (`5 GW`, `$27B`, `2028-06`, `\"text\"`), bare words, `unknown`, a list `[…]` or a record `{…}`"])
    }
}
