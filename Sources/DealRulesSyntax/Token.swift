import DealRulesModel

/// What the lexer hands the parser. Literals that span several words
/// (`$27 billion`, `5 GW`, `$20 billion per GW`) are one token, so the
/// parser never has to re-assemble them.
enum TokenKind: Sendable {
    case word(String)
    /// `` `any text` ``, the text between the backquotes.
    case quotedName(String)
    /// Numbers, percentages, money, quantities, durations and dates.
    case literal(Value)
    /// A string with its escapes decoded; messages re-read the raw text.
    case string(String)
    case comma, period, colon
    /// `.` written directly between two words: `power.source`.
    case pathDot
    /// `'s` ending a word: `deal value's source`.
    case possessive
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case plus, minus, star, slash
    case endOfInput
}

struct Token: Sendable {
    var kind: TokenKind
    /// Byte offsets into the source.
    var start: Int
    var end: Int
    /// First token on its line: word runs never continue onto it, and
    /// error recovery restarts at statement keywords found here.
    var atLineStart: Bool

    /// The word in lower case, or nil for other tokens. Only words as short
    /// as a keyword are folded: a longer one is never compared with one, and
    /// folding a huge word on every look would make hostile input slow.
    var lowercasedWord: String? {
        guard case .word(let text) = kind else { return nil }
        return text.utf8.count > Keywords.longestKeyword ? text : text.lowercased()
    }

    var isEnd: Bool {
        if case .endOfInput = kind { return true }
        return false
    }

    /// True for a word equal (case-insensitively) to `keyword`.
    func isWord(_ keyword: String) -> Bool {
        lowercasedWord == keyword
    }

    /// A word that may be part of a name: not reserved.
    var isNameWord: Bool {
        guard let word = lowercasedWord else { return false }
        return !Keywords.reserved.contains(word)
    }

    /// A word or quoted name that can start a name.
    var startsName: Bool {
        if case .quotedName = kind { return true }
        return isNameWord
    }
}

/// The reserved words of LANGUAGE.md §3, and the words the grammar gives
/// meaning only in one place.
enum Keywords {
    static let reserved: Set<String> = [
        "if", "when", "then", "and", "or", "not", "is", "are", "flag", "rule", "define", "as", "use", "test",
        "given", "expect", "severity", "message", "tags", "for", "each", "all", "any", "every", "where", "of",
        "no", "true", "false", "yes", "unknown", "known", "missing", "at", "least", "most", "more", "less",
        "than", "before", "after", "beyond", "within", "between", "one", "contains", "confirmed", "reported",
        "estimated",
        // `X exceeds V` is a comparison, so a name cannot run through it.
        "exceeds",
    ]

    /// Words that begin a statement; `field` only when followed by a name and `:`.
    static let statementStarters: [String] = ["if", "when", "rule", "define", "use", "test", "field"]

    static let aggregates: Set<String> = ["count", "sum", "average", "minimum", "maximum", "share"]

    /// Longer than any word the grammar compares against (`undetermined`).
    static let longestKeyword = 16

    static let severityWords: [String] = Severity.allCases.map(\.rawValue)
}
