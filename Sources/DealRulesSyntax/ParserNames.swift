import DealRulesModel

/// Names and references: word runs that stop at keywords, punctuation and
/// line breaks (LANGUAGE.md §4).
extension SyntaxParser {
    /// A backquoted name or a run of non-keyword words on one line.
    mutating func parseNameIfPresent() -> Name? {
        let first = current
        if case .quotedName(let text) = first.kind {
            advance()
            return Name(words: [text], isQuoted: true, span: span(first))
        }
        guard first.isNameWord else { return nil }
        var words: [String] = []
        while case .word(let text) = current.kind, current.isNameWord, words.isEmpty || !current.atLineStart {
            words.append(text)
            advance()
        }
        return Name(words: words, span: span(from: first.start))
    }

    mutating func parseName(_ what: String, after context: String) throws -> Name {
        if let name = parseNameIfPresent() { return name }
        if let word = current.lowercasedWord, Keywords.reserved.contains(word) {
            throw fail(SyntaxCode.unexpectedToken, "expected \(what) after \(context)",
                       help: ["`\(word)` is a keyword; to use it in a name, put the name in backquotes, as in `` `\(word)` ``"])
        }
        throw fail(SyntaxCode.unexpectedToken, "expected \(what) after \(context)")
    }

    /// Words that end a flag or tag name. Other keywords mean nothing there,
    /// so `flag any big` and `flag one` read as written.
    static let labelStops: Set<String> = [
        "severity", "message", "tags", "flag", "for", "then", "as", "given", "expect",
        "if", "when", "rule", "define", "use", "test",
    ]

    func startsLabel(_ token: Token) -> Bool {
        if case .quotedName = token.kind { return true }
        guard let word = token.lowercasedWord else { return false }
        return !SyntaxParser.labelStops.contains(word)
    }

    /// A flag or tag name: a backquoted name or a run of words on one line
    /// up to a clause keyword or punctuation.
    mutating func parseLabel(_ what: String, after context: String) throws -> Name {
        let first = current
        if case .quotedName(let text) = first.kind {
            advance()
            return Name(words: [text], isQuoted: true, span: span(first))
        }
        guard startsLabel(first) else { throw fail(SyntaxCode.unexpectedToken, "expected \(what) after \(context)") }
        var words: [String] = []
        while case .word(let text) = current.kind, startsLabel(current), words.isEmpty || !current.atLineStart {
            words.append(text)
            advance()
        }
        return Name(words: words, span: span(from: first.start))
    }

    /// `capacity`, `power.source`, `deal value's source`.
    mutating func parseReferenceIfPresent() throws -> Reference? {
        guard let first = parseNameIfPresent() else { return nil }
        var segments = [first]
        while true {
            if check({ if case .pathDot = $0 { true } else { false } }) {
                advance()
                segments.append(try parseName("a field name", after: "`.`"))
            } else if check({ if case .possessive = $0 { true } else { false } }) {
                advance()
                segments.append(try parseName("a field name", after: "`'s`"))
            } else {
                break
            }
        }
        return Reference(segments: segments, span: span(from: first.span.start))
    }

    mutating func parseReference(_ what: String, after context: String) throws -> Reference {
        if let reference = try parseReferenceIfPresent() { return reference }
        _ = try parseName(what, after: context)
        throw ParseFailure()
    }

    /// A collection: `parties`, `deals`, or `facilities of campus` (the
    /// nested field `campus.facilities`).
    mutating func parseCollection(after context: String) throws -> Reference {
        var reference = try parseReference("a collection", after: context)
        while current.isWord("of"), peek().startsName {
            advance()
            let outer = try parseReference("a collection", after: "`of`")
            reference = Reference(segments: outer.segments + reference.segments, span: reference.span.through(outer.span))
        }
        return reference
    }

    /// `severity high`; an unknown level gets a did-you-mean.
    mutating func parseSeverityLevel() throws -> (Severity, Span) {
        let token = current
        guard case .word(let text) = token.kind else {
            throw fail(SyntaxCode.unknownSeverity, "expected a severity level after `severity`",
                       help: ["levels are info, low, medium, high, critical"])
        }
        guard let level = Severity(rawValue: text.lowercased()) else {
            var help = ["levels are info, low, medium, high, critical"]
            if let suggestion = Suggestions.closest(to: text, among: Keywords.severityWords, maximumDistance: 2) {
                help.insert("did you mean `\(suggestion)`?", at: 0)
            }
            report(SyntaxCode.unknownSeverity, "unknown severity level `\(text)`", at: span(token), help: help)
            advance()
            throw ParseFailure()
        }
        advance()
        return (level, span(token))
    }
}
