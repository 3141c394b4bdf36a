import DealRulesModel
@testable import DealRulesSyntax
import Testing

/// Table-driven lexer tests: each input and the tokens it must produce,
/// written compactly (`w:` word, `n:` number, `q:` quantity, `d:` date …).
@Suite struct LexerTests {
    static func describe(_ text: String) -> String {
        let lexed = Lexer.lex(SourceFile(path: "t.rules", text: text))
        var parts = lexed.tokens.map { token -> String in
            switch token.kind {
            case .word(let word): return "w:" + word
            case .quotedName(let name): return "name:" + name
            case .literal(let value):
                switch value {
                case .number(let number, let percent): return (percent ? "pct:" : "n:") + number.description
                case .quantity(let quantity): return "q:" + ValueRendering.render(quantity) + "[" + quantity.unit.description + "]"
                case .date(let date): return "d:" + date.description
                default: return "lit:" + value.typeName
                }
            case .string(let string): return "s:" + string
            case .comma: return ","
            case .period: return "."
            case .colon: return ":"
            case .pathDot: return "path."
            case .possessive: return "'s"
            case .leftParen: return "("
            case .rightParen: return ")"
            case .leftBracket: return "["
            case .rightBracket: return "]"
            case .leftBrace: return "{"
            case .rightBrace: return "}"
            case .plus: return "+"
            case .minus: return "-"
            case .star: return "*"
            case .slash: return "/"
            case .endOfInput: return "eof"
            }
        }
        parts += lexed.diagnostics.map { "!" + $0.code }
        return parts.joined(separator: " ")
    }

    static let cases: [(String, String)] = [
        // words, hyphens, apostrophes, case kept
        ("chip roadmap", "w:chip w:roadmap"),
        ("lock-in non-exclusive o'brien", "w:lock-in w:non-exclusive w:o'brien"),
        ("Chip_Roadmap2", "w:Chip_Roadmap2"),
        ("a-1", "w:a - n:1"),
        ("a - b", "w:a - w:b"),
        ("a -5", "w:a n:-5"),
        ("(-5)", "( n:-5 )"),
        ("x-", "w:x -"),
        ("énergie verte", "w:énergie w:verte"),
        // paths, possessive, periods
        ("power.source", "w:power path. w:source"),
        ("deal value's source", "w:deal w:value 's w:source"),
        ("x. y", "w:x . w:y"),
        ("flag x.", "w:flag w:x ."),
        ("`if`.source", "name:if path. w:source"),
        // numbers
        ("5 5.25 1_000_000", "n:5 n:5.25 n:1000000"),
        ("40% 12.5%", "pct:0.4 pct:0.125"),
        ("5.", "n:5 ."),
        (".5", ". n:5"),
        ("1__0", "lit:unknown !E104"),
        ("27 billion", "n:27000000000"),
        // money
        ("$27 billion", "q:$27 billion[money (USD)]"),
        ("$27B $1.5bn $300M $2T $5K $7 mn", "q:$27 billion[money (USD)] q:$1.5 billion[money (USD)] q:$300 million[money (USD)] q:$2 trillion[money (USD)] q:$5 thousand[money (USD)] q:$7 million[money (USD)]"),
        ("27 billion USD", "q:$27 billion[money (USD)]"),
        ("EUR 4 billion", "q:EUR 4 billion[money (EUR)]"),
        ("4 billion EUR", "q:EUR 4 billion[money (EUR)]"),
        ("12 GBP", "q:GBP 12[money (GBP)]"),
        ("eur 4", "w:eur n:4"),
        ("$", "lit:unknown !E107"),
        ("$5 zillion", "q:$5[money (USD)] w:zillion"),
        ("$5zillion", "lit:unknown !E107"),
        // quantities and compound units
        ("5 GW 900 MW 12 TWh 5GW", "q:5 GW[power] q:900 MW[power] q:12 TWh[energy] q:5 GW[power]"),
        ("2 years 18 months 30 days 1 week", "q:2 years[duration (months/years)] q:18 months[duration (months/years)] q:30 days[duration (days/weeks)] q:1 week[duration (days/weeks)]"),
        ("$20 billion per GW", "q:$20 billion per GW[USD per power]"),
        ("5 GW per year", "q:5 GW per year[power per months]"),
        ("$5B per deal", "q:$5 billion[money (USD)] w:per w:deal"),
        ("5 GW\nper GW", "q:5 GW[power] w:per w:GW"),
        ("5abc", "lit:unknown !E104"),
        // dates
        ("2028-06-30 2028-06 2028", "d:2028-06-30 d:2028-06 n:2028"),
        ("2028-13", "lit:unknown !E105"),
        ("2027-02-29", "lit:unknown !E105"),
        ("2028 - 06", "n:2028 - n:6"),
        // overflow
        ("999999999999999999999999999999999999999", "lit:unknown !E106"),
        ("$999999999999999999999999999999 trillion", "lit:unknown !E106"),
        // strings and quoted names
        (#""Project \"Rainier\"""#, #"s:Project "Rainier""#),
        (#""a\\b\tc\{d""#, "s:a\\b\tc{d"),
        (#""a\qb""#, "s:aqb !E102"),
        ("\"open", "s:open !E101"),
        ("\"open\nif x", "s:open w:if w:x !E101"),
        ("`deal value` `", "name:deal value name: !E103"),
        // comments, CRLF, punctuation
        ("if x # note\r\nflag y", "w:if w:x w:flag w:y"),
        ("a, b: (c) [d] {e} + * /", "w:a , w:b : ( w:c ) [ w:d ] { w:e } + * /"),
        // bad characters: one error per run
        ("a \u{0} \u{1}\u{2} b", "w:a w:b !E100 !E100"),
        ("a @@@ b", "w:a w:b !E100"),
    ]

    @Test(arguments: cases)
    func lexes(_ input: String, _ expected: String) {
        #expect(Self.describe(input) == expected)
    }

    static let specKeywords = """
        if when then and or not is are flag rule define as use test given expect severity message tags for each all any \
        every where of no true false yes unknown known missing at least most more less than before after beyond within \
        between one contains confirmed reported estimated
        """.split(separator: " ").map(String.init)

    @Test func reservedWordsAreTheSpecificationsPlusExceeds() {
        #expect(Keywords.reserved == Set(Self.specKeywords + ["exceeds"]))
    }

    /// Every keyword, in any case, ends a name; backquoted it is a name.
    @Test(arguments: specKeywords + ["exceeds"])
    func keywordsEndNames(_ keyword: String) {
        for spelling in [keyword, keyword.uppercased()] {
            let source = SourceFile(path: "t.rules", text: "deal value \(spelling) rest")
            var parser = SyntaxParser(source: source, lexed: Lexer.lex(source))
            #expect(parser.parseNameIfPresent()?.words == ["deal", "value"])
            #expect(parser.current.lowercasedWord == keyword)
        }
        let quoted = Parser.parseExpression(SourceFile(path: "t", text: "`\(keyword)` is known"))
        #expect(quoted.1.isEmpty)
    }

    @Test(arguments: ["count", "sum", "average", "minimum", "maximum", "share", "deals", "portfolio", "field", "per", "from"])
    func contextualWordsAreNameWords(_ word: String) {
        let source = SourceFile(path: "t.rules", text: "total \(word) value")
        var parser = SyntaxParser(source: source, lexed: Lexer.lex(source))
        #expect(parser.parseNameIfPresent()?.words == ["total", word, "value"])
    }

    @Test func lineStartsAndComments() {
        let lexed = Lexer.lex(SourceFile(path: "t.rules", text: "# own\nif a # trailing\r\n  and b\n"))
        #expect(lexed.tokens.map(\.atLineStart) == [true, false, true, false])
        #expect(lexed.comments.map(\.text) == [" own", " trailing"])
        #expect(lexed.comments.map(\.ownLine) == [true, false])
    }

    @Test func spansCoverWholeLiterals() {
        let source = SourceFile(path: "t.rules", text: "x is $20 billion per GW.")
        let lexed = Lexer.lex(source)
        #expect(source.slice(lexed.tokens[2].start, lexed.tokens[2].end) == "$20 billion per GW")
    }
}

