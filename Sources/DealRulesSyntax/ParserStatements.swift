import DealRulesModel

/// Statements (LANGUAGE.md §7) and recovery: after an error the parser
/// skips to the next statement keyword at the start of a line, so one run
/// reports every error in a file.
extension SyntaxParser {
    mutating func parseStatements() -> [Statement] {
        var statements: [Statement] = []
        while !current.isEnd {
            if case .period = current.kind {
                report(SyntaxCode.unexpectedToken, "unexpected `.`", at: span(current),
                       help: ["a period may only end a statement"])
                advance()
                continue
            }
            let start = position
            do {
                let statement = try parseStatement()
                statements.append(statement)
                var endedByPeriod = false
                if case .period = current.kind {
                    advance()
                    endedByPeriod = true
                }
                if !current.isEnd, !(startsStatementHere && (current.atLineStart || endedByPeriod)) {
                    if startsComparison { throw chainedComparison() }
                    throw fail(SyntaxCode.unexpectedToken, "expected the end of the statement",
                               help: ["end a statement with `.` or start the next one on a new line"])
                }
            } catch {
                synchronize(from: start)
            }
            recoveringInsideBlock = false
        }
        return statements
    }

    /// True when the current token can begin a statement.
    var startsStatementHere: Bool {
        guard let word = current.lowercasedWord else { return false }
        if word == "field" { return peek().startsName }
        return Keywords.statementStarters.contains(word)
    }

    /// An unindented word close to a statement keyword (`defne`), so its
    /// own error is reported rather than skipped.
    var looksLikeMisspelledStatement: Bool {
        guard let word = current.lowercasedWord, !Keywords.reserved.contains(word) else { return false }
        guard span(current).location.column == 1 else { return false }
        return Suggestions.closest(to: word, among: Keywords.statementStarters, maximumDistance: word.count > 4 ? 2 : 1) != nil
    }

    mutating func synchronize(from start: Int) {
        if position == start { advance() }
        while !current.isEnd {
            if current.atLineStart, startsStatementHere {
                if !(recoveringInsideBlock && (current.isWord("when"))) { return }
            }
            if current.atLineStart, looksLikeMisspelledStatement { return }
            advance()
        }
    }

    mutating func parseStatement() throws -> Statement {
        switch current.lowercasedWord {
        case "if": return .rule(try parseIfRule())
        case "when": return .rule(try parseWhenRule())
        case "rule": return .rule(try parseBlockRule())
        case "define": return .definition(try parseDefinition())
        case "use": return .use(try parseUse())
        case "test": return .test(try parseTest())
        case "field" where peek().startsName: return .field(try parseFieldDeclaration())
        default:
            var help = ["a statement begins with `if`, `when`, `rule`, `define`, `use`, `test` or `field`"]
            if let word = current.lowercasedWord,
               let suggestion = Suggestions.closest(to: word, among: Keywords.statementStarters, maximumDistance: 2) {
                help.insert("did you mean `\(suggestion)`?", at: 0)
            }
            throw fail(SyntaxCode.expectedStatement, "expected a statement", help: help)
        }
    }

    /// `if C, flag F [severity L]`
    mutating func parseIfRule() throws -> RuleDecl {
        let start = advance().start
        let condition = try parseCondition(after: "`if`")
        guard case .comma = current.kind else {
            if startsComparison { throw chainedComparison() }
            if current.isWord("then") {
                throw fail(SyntaxCode.unexpectedToken, "expected `, flag` after the condition",
                           help: ["write `if …, flag …` or `when … then flag …`"])
            }
            if current.isWord("flag") {
                throw fail(SyntaxCode.unexpectedToken, "expected `,` before `flag`",
                           help: ["write `if …, flag …`"])
            }
            throw fail(SyntaxCode.unexpectedToken, "expected `, flag` after the condition")
        }
        advance()
        return try parseQuickTail(form: .ifFlag, condition: condition, start: start)
    }

    /// `when C then flag F [severity L]`
    mutating func parseWhenRule() throws -> RuleDecl {
        let start = advance().start
        let condition = try parseCondition(after: "`when`")
        guard consumeWord("then") else {
            if startsComparison { throw chainedComparison() }
            throw fail(SyntaxCode.unexpectedToken, "expected `then flag` after the condition",
                       help: ["a quick rule reads `when … then flag …`; a block rule starts with `rule \"Name\"`"])
        }
        return try parseQuickTail(form: .whenThen, condition: condition, start: start)
    }

    private mutating func parseQuickTail(form: RuleDecl.Form, condition: Expr, start: Int) throws -> RuleDecl {
        guard consumeWord("flag") else {
            throw fail(SyntaxCode.unexpectedToken, "expected `flag` and a flag name")
        }
        let flag = try parseFlagName()
        var severity: (Severity, Span)?
        if consumeWord("severity") { severity = try parseSeverityLevel() }
        return RuleDecl(form: form, title: nil, titleSpan: nil, scope: .perDeal, condition: condition, flag: flag,
                        severity: severity?.0, severitySpan: severity?.1, message: nil, tags: [], span: span(from: start))
    }

    /// A flag name; `flag big severty high` is caught rather than read as
    /// the flag `big severty high`.
    mutating func parseFlagName() throws -> Name {
        let name = try parseLabel("a flag name", after: "`flag`")
        guard !name.isQuoted, name.words.count >= 3 else { return name }
        for index in 1..<(name.words.count - 1) {
            let word = name.words[index].lowercased()
            let next = name.words[index + 1].lowercased()
            if Suggestions.closest(to: word, among: ["severity"], maximumDistance: 2) != nil, Severity(rawValue: next) != nil {
                report(SyntaxCode.unknownSeverity, "`\(name.words[index])` is not a keyword, so it became part of the flag name `\(name.text)`",
                       at: name.span, help: ["did you mean `severity \(next)`?"])
                throw ParseFailure()
            }
        }
        return name
    }

    /// `rule "Name" [for each K | for all deals] when C flag F …`
    mutating func parseBlockRule() throws -> RuleDecl {
        let start = advance().start
        recoveringInsideBlock = true
        guard case .string(let title) = current.kind else {
            throw fail(SyntaxCode.unexpectedToken, "expected the rule's name in quotes after `rule`",
                       help: ["for example `rule \"Timeline risk\"`"])
        }
        let titleSpan = span(advance())
        var scope = RuleScope.perDeal
        if current.isWord("for") {
            let forStart = advance().start
            if consumeWord("each") {
                scope = .forEach(try parseReference("a field to group by", after: "`for each`"))
            } else if consumeWord("all") {
                guard current.isWord("deals") else {
                    throw fail(SyntaxCode.unexpectedToken, "expected `deals` after `for all`")
                }
                advance()
                scope = .forAllDeals(span(from: forStart))
            } else {
                throw fail(SyntaxCode.unexpectedToken, "expected `each` or `all deals` after `for`",
                           help: ["write `for each hyperscaler` or `for all deals`"])
            }
        }
        guard consumeWord("when") else {
            throw fail(SyntaxCode.missingClause, "expected `when` and a condition in rule \"\(title)\"")
        }
        recoveringInsideBlock = false
        let condition = try parseCondition(after: "`when`")
        var clauses = BlockClauses()
        parseBlockClauses(&clauses)
        if clauses.failed { throw ParseFailure() }
        guard let flag = clauses.flag else {
            if startsComparison { throw chainedComparison() }
            if !current.isEnd, !startsStatementHere {
                throw fail(SyntaxCode.unexpectedToken, "expected `flag`, `severity`, `message` or `tags` in rule \"\(title)\"")
            }
            report(SyntaxCode.missingClause, "rule \"\(title)\" has no `flag` clause", at: titleSpan,
                   help: ["every rule names the flag it raises: `flag timeline risk`"], atEnd: current.isEnd)
            throw ParseFailure()
        }
        return RuleDecl(form: .block, title: title, titleSpan: titleSpan, scope: scope, condition: condition, flag: flag,
                        severity: clauses.severity?.0, severitySpan: clauses.severity?.1, message: clauses.message,
                        tags: clauses.tags ?? [], span: span(from: start))
    }

    struct BlockClauses {
        var flag: Name?
        var severity: (Severity, Span)?
        var message: MessageTemplate?
        var tags: [Name]?
        /// A clause had an error (already reported).
        var failed = false
    }

    /// `flag`, `severity`, `message`, `tags` in any order, each once.
    private mutating func parseBlockClauses(_ clauses: inout BlockClauses) {
        let clauseWords: Set<String> = ["flag", "severity", "message", "tags"]
        while let word = current.lowercasedWord, clauseWords.contains(word) {
            do {
                try parseBlockClause(word, &clauses)
            } catch {
                // Report every bad clause of the rule, not just the first.
                clauses.failed = true
                skipToNextLine(startingWithOneOf: clauseWords)
            }
        }
    }

    private mutating func parseBlockClause(_ word: String, _ clauses: inout BlockClauses) throws {
        do {
            let clauseToken = advance()
            let seen: Bool
            switch word {
            case "flag":
                seen = clauses.flag != nil
                clauses.flag = try parseFlagName()
            case "severity":
                seen = clauses.severity != nil
                clauses.severity = try parseSeverityLevel()
            case "message":
                seen = clauses.message != nil
                guard case .string = current.kind else {
                    throw fail(SyntaxCode.unexpectedToken, "expected a string after `message`",
                               help: ["for example `message \"Target {capacity target} is late\"`"])
                }
                clauses.message = parseMessageTemplate(advance())
            default:
                seen = clauses.tags != nil
                var tags = [try parseLabel("a tag", after: "`tags`")]
                while case .comma = current.kind, startsLabel(peek()) {
                    advance()
                    tags.append(try parseLabel("a tag", after: "`,`"))
                }
                clauses.tags = tags
            }
            if seen {
                report(SyntaxCode.duplicateClause, "`\(word)` is given twice in one rule", at: span(clauseToken),
                       help: ["each of `flag`, `severity`, `message` and `tags` may appear once; the last one is kept"])
            }
        }
    }

    /// `define NAME as EXPR`
    mutating func parseDefinition() throws -> Definition {
        let start = advance().start
        let name = try parseName("a name", after: "`define`")
        guard consumeWord("as") else {
            throw fail(SyntaxCode.unexpectedToken, "expected `as` after `define \(name.text)`",
                       help: ["write `define NAME as EXPRESSION`"])
        }
        let body = try parseCondition(after: "`as`")
        if startsComparison { throw chainedComparison() }
        return Definition(name: name, body: body, span: span(from: start))
    }

    /// `use "path"`
    mutating func parseUse() throws -> UseDecl {
        let start = advance().start
        guard case .string(let path) = current.kind else {
            throw fail(SyntaxCode.unexpectedToken, "expected a quoted path after `use`",
                       help: ["for example `use \"vocabulary.rules\"`"])
        }
        let pathSpan = span(advance())
        return UseDecl(path: path, pathSpan: pathSpan, span: span(from: start))
    }
}
