import DealRulesModel

/// Everything the lexer found in one piece of source text.
struct LexedText: Sendable {
    var tokens: [Token]
    var comments: [Comment]
    var diagnostics: [Diagnostic]
    /// True when a string or quoted name was still open at the end of input
    /// (the REPL asks for another line instead of reporting an error).
    var endedInsideLiteral: Bool
    /// Start offsets of strings that were never closed and were cut at
    /// their line's end; an error right after one is a consequence of it.
    var unterminatedStringStarts: Set<Int> = []
}

/// Turns bytes into tokens (LANGUAGE.md §3). Works on UTF-8 bytes so that
/// spans are byte offsets and a 16 MiB file costs no more than its tokens.
struct Lexer {
    let source: SourceFile
    let bytes: [UInt8]
    var index: Int
    let end: Int
    var tokens: [Token] = []
    var comments: [Comment] = []
    var diagnostics: [Diagnostic] = []
    var atLineStart: Bool
    var endedInsideLiteral = false
    var unterminatedStringStarts: Set<Int> = []

    /// Lexes `range` of the source (all of it by default); an interpolated
    /// expression in a message is lexed in place so its spans are exact.
    init(source: SourceFile, range: Range<Int>? = nil) {
        self.source = source
        self.bytes = source.bytes
        let lower = max(0, min(range?.lowerBound ?? 0, source.bytes.count))
        self.index = lower
        self.end = max(lower, min(range?.upperBound ?? source.bytes.count, source.bytes.count))
        self.atLineStart = range == nil
    }

    static func lex(_ source: SourceFile, range: Range<Int>? = nil) -> LexedText {
        var lexer = Lexer(source: source, range: range)
        lexer.run()
        return LexedText(tokens: lexer.tokens, comments: lexer.comments, diagnostics: lexer.diagnostics,
                         endedInsideLiteral: lexer.endedInsideLiteral, unterminatedStringStarts: lexer.unterminatedStringStarts)
    }

    mutating func run() {
        while index < end {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0C, 0x0B:
                index += 1
            case 0x0A:
                index += 1
                atLineStart = true
            case UInt8(ascii: "#"):
                lexComment()
            case UInt8(ascii: "\""):
                lexString()
            case UInt8(ascii: "`"):
                lexQuotedName()
            case UInt8(ascii: "$"):
                lexDollarMoney()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumeric(start: index, negative: false)
            case UInt8(ascii: "-"):
                if startsNegativeNumber() {
                    lexNumeric(start: index, negative: true)
                } else {
                    punctuation(.minus)
                }
            case UInt8(ascii: "."):
                punctuation(isPathDot() ? .pathDot : .period)
            case UInt8(ascii: ","): punctuation(.comma)
            case UInt8(ascii: ":"): punctuation(.colon)
            case UInt8(ascii: "("): punctuation(.leftParen)
            case UInt8(ascii: ")"): punctuation(.rightParen)
            case UInt8(ascii: "["): punctuation(.leftBracket)
            case UInt8(ascii: "]"): punctuation(.rightBracket)
            case UInt8(ascii: "{"): punctuation(.leftBrace)
            case UInt8(ascii: "}"): punctuation(.rightBrace)
            case UInt8(ascii: "+"): punctuation(.plus)
            case UInt8(ascii: "*"): punctuation(.star)
            case UInt8(ascii: "/"): punctuation(.slash)
            default:
                if isWordStart(at: index) {
                    lexWord()
                } else if !lexHabitualSymbol() {
                    lexUnexpected()
                }
            }
        }
    }

    // MARK: Tokens

    mutating func emit(_ kind: TokenKind, from start: Int, to stop: Int) {
        tokens.append(Token(kind: kind, start: start, end: stop, atLineStart: atLineStart))
        atLineStart = false
    }

    mutating func punctuation(_ kind: TokenKind) {
        emit(kind, from: index, to: index + 1)
        index += 1
    }

    mutating func error(_ code: String, _ message: String, _ start: Int, _ stop: Int, help: [String] = []) {
        guard diagnostics.count < SyntaxLimits.maximumDiagnostics else { return }
        diagnostics.append(.error(code, message, at: Span(source: source, start: start, end: stop), help: help))
    }

    mutating func lexComment() {
        let start = index
        while index < end, bytes[index] != 0x0A { index += 1 }
        var textEnd = index
        if textEnd > start + 1, bytes[textEnd - 1] == 0x0D { textEnd -= 1 }
        let text = source.slice(start + 1, textEnd)
        comments.append(Comment(text: text, span: Span(source: source, start: start, end: textEnd), ownLine: atLineStart))
    }

    /// A run of characters that start no token, reported once.
    mutating func lexUnexpected() {
        let start = index
        let (scalar, length) = scalarAt(index)
        index += length
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { break }
            if isWordStart(at: index) || isPunctuationByte(byte) { break }
            index += scalarAt(index).1
        }
        let shown = scalar.value < 0x20 || scalar.value == 0xFFFD
            ? "U+" + String(scalar.value, radix: 16, uppercase: true)
            : "`\(Character(scalar))`"
        error(SyntaxCode.unexpectedCharacter, "unexpected character \(shown)", start, index,
              help: ["rule text uses words, numbers, strings and the punctuation , . : ( ) [ ] { } + - * /"])
    }

    func isPunctuationByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "#"),
             UInt8(ascii: "`"), UInt8(ascii: "$"):
            return true
        default:
            return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
    }

    /// `.` directly between a word (or quoted name) and a letter is a path dot.
    func isPathDot() -> Bool {
        guard let previous = tokens.last, previous.end == index else { return false }
        switch previous.kind {
        case .word, .quotedName: break
        default: return false
        }
        let next = index + 1
        guard next < end else { return false }
        return bytes[next] == UInt8(ascii: "`") || isWordStart(at: next)
    }

    /// `-5` is a negative number when `-` is not glued to a value before it.
    func startsNegativeNumber() -> Bool {
        let next = index + 1
        guard next < end, bytes[next] >= UInt8(ascii: "0"), bytes[next] <= UInt8(ascii: "9") else { return false }
        guard let previous = tokens.last else { return true }
        if previous.end < index { return true }
        switch previous.kind {
        case .leftParen, .leftBracket, .leftBrace, .comma, .colon: return true
        default: return false
        }
    }

    // MARK: Characters

    /// The scalar starting at `offset` and its length in bytes. The source
    /// came from a Swift string, so its UTF-8 is valid.
    func scalarAt(_ offset: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[offset]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, offset + length <= end else { return (Unicode.Scalar(0xFFFD) ?? " ", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offsetInScalar in 1..<length {
            value = (value << 6) | (UInt32(bytes[offset + offsetInScalar]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? (Unicode.Scalar(0xFFFD) ?? " "), length)
    }

    func isLetter(at offset: Int) -> Bool {
        guard offset < end else { return false }
        let byte = bytes[offset]
        if byte < 0x80 {
            return (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        }
        let scalar = scalarAt(offset).0
        return scalar.value != 0xFFFD && scalar.properties.isAlphabetic
    }

    func isDigit(at offset: Int) -> Bool {
        offset < end && bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9")
    }

    func isWordStart(at offset: Int) -> Bool {
        offset < end && (bytes[offset] == UInt8(ascii: "_") || isLetter(at: offset))
    }

    func isWordContinue(at offset: Int) -> Bool {
        isWordStart(at: offset) || isDigit(at: offset)
    }

    /// Length of the scalar at `offset` (1 for ASCII).
    func scalarLength(_ offset: Int) -> Int { bytes[offset] < 0x80 ? 1 : scalarAt(offset).1 }
}
