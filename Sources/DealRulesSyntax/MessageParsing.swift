import DealRulesModel

/// Message strings: text with `{expression}` interpolations (LANGUAGE.md §8).
/// The string is re-read from the source so that each interpolated
/// expression is lexed in place and its spans point into the file.
extension SyntaxParser {
    mutating func parseMessageTemplate(_ token: Token) -> MessageTemplate {
        let bytes = source.bytes
        let contentStart = token.start + 1
        var contentEnd = token.end
        if contentEnd > contentStart, bytes[contentEnd - 1] == UInt8(ascii: "\"") { contentEnd -= 1 }
        var parts: [MessageTemplate.Part] = []
        var text: [UInt8] = []
        var index = contentStart
        func flush() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }
        while index < contentEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < contentEnd {
                switch bytes[index + 1] {
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"): text.append(bytes[index + 1])
                default: break // reported by the lexer
                }
                index += 2
                continue
            }
            guard byte == UInt8(ascii: "{") else {
                text.append(byte)
                index += 1
                continue
            }
            guard let close = closingBrace(from: index + 1, before: contentEnd) else {
                report(SyntaxCode.invalidInterpolation, "`{` in a message is never closed",
                       at: span(from: index, to: index + 1), help: ["close the expression with `}`, or write `\\{` for a literal brace"])
                text.append(contentsOf: bytes[index..<contentEnd])
                index = contentEnd
                break
            }
            flush()
            if let expression = parseInterpolation(index + 1..<close, open: index) {
                parts.append(.interpolation(expression))
            }
            index = close + 1
        }
        flush()
        return MessageTemplate(parts: parts, span: span(token))
    }

    /// The `}` matching an interpolation's `{`, skipping strings inside it.
    private func closingBrace(from start: Int, before end: Int) -> Int? {
        let bytes = source.bytes
        var index = start
        var nesting = 0
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: "{"): nesting += 1
            case UInt8(ascii: "}"):
                if nesting == 0 { return index }
                nesting -= 1
            case UInt8(ascii: "\\"): index += 1
            default: break
            }
            index += 1
        }
        return nil
    }

    private mutating func parseInterpolation(_ range: Range<Int>, open: Int) -> Expr? {
        let lexed = Lexer.lex(source, range: range)
        var inner = SyntaxParser(source: source, lexed: lexed, endOffset: range.upperBound)
        inner.depth = depth + 1
        inner.endsAtClosingBrace = true
        var result: Expr?
        if inner.current.isEnd {
            inner.report(SyntaxCode.invalidInterpolation, "empty `{}` in a message",
                         at: span(from: open, to: range.upperBound + 1), help: ["put an expression inside: `{deal value}`, or write `\\{` for a literal brace"])
        } else {
            do {
                let expression = try inner.parseCondition(after: "`{`")
                if inner.current.isEnd {
                    result = try inner.checkTreeDepth(expression)
                } else {
                    _ = inner.fail(SyntaxCode.invalidInterpolation, "expected `}` to end the interpolated expression")
                }
            } catch {}
        }
        for diagnostic in inner.diagnostics {
            report(diagnostic.code, diagnostic.message, at: diagnostic.span ?? span(from: open, to: open + 1),
                   help: diagnostic.help, notes: diagnostic.notes)
        }
        return result
    }
}
