import DealRulesModel

extension Lexer {
    /// A word: a letter or `_`, then letters, digits, `_`, and `-` or `'`
    /// between letters. A final `'s` is the possessive, its own token.
    mutating func lexWord() {
        let start = index
        index += scalarLength(index)
        while index < end {
            index = skipASCIIWordBytes(from: index)
            guard index < end else { break }
            if isWordContinue(at: index) {
                index += scalarLength(index)
                continue
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "'"), isPossessive(at: index) { break }
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") {
                if isLetter(at: previousScalarStart(before: index)), isLetter(at: index + 1) {
                    index += 1
                    continue
                }
            }
            break
        }
        let text = source.slice(start, index)
        if UnitCatalog.isCurrencyCode(text), startsAmountAfterSpaces(index) {
            lexCurrencyFirstMoney(code: text, start: start)
            return
        }
        emit(.word(text), from: start, to: index)
        if index < end, bytes[index] == UInt8(ascii: "'"), isPossessive(at: index) {
            emit(.possessive, from: index, to: index + 2)
            index += 2
        }
    }

    /// Skips ASCII letters, digits and `_` in one tight loop: the common
    /// case, and the one a huge word makes hot.
    func skipASCIIWordBytes(from offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var position = offset
            while position < end {
                let byte = buffer[position]
                let isWordByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                    || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
                if !isWordByte { break }
                position += 1
            }
            return position
        }
    }

    /// `'s` after a letter and before a non-word character.
    func isPossessive(at offset: Int) -> Bool {
        guard offset + 1 < end, bytes[offset + 1] == UInt8(ascii: "s") || bytes[offset + 1] == UInt8(ascii: "S") else { return false }
        guard isLetter(at: previousScalarStart(before: offset)) else { return false }
        return !isWordContinue(at: offset + 2)
    }

    func previousScalarStart(before offset: Int) -> Int {
        var position = offset - 1
        while position > 0, bytes[position] & 0xC0 == 0x80 { position -= 1 }
        return max(position, 0)
    }

    /// After spaces or tabs (not a line break), a digit follows.
    func startsAmountAfterSpaces(_ offset: Int) -> Bool {
        var position = offset
        while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        return position > offset && isDigit(at: position)
    }

    /// `"..."` with escapes `\" \\ \n \t \{`. A string may run over lines;
    /// one never closed is reported at its quote and ends at its line's end
    /// so the rest of the file is still read.
    mutating func lexString() {
        let start = index
        index += 1
        var text: [UInt8] = []
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                emit(.string(String(decoding: text, as: UTF8.self)), from: start, to: index)
                return
            }
            if byte == UInt8(ascii: "\\") {
                let next = index + 1 < end ? bytes[index + 1] : 0
                switch next {
                case UInt8(ascii: "\""): text.append(next)
                case UInt8(ascii: "\\"): text.append(next)
                case UInt8(ascii: "{"): text.append(next)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                default:
                    if index + 1 < end {
                        error(SyntaxCode.invalidEscape, "unknown escape sequence in string", index, index + 1 + scalarLength(index + 1),
                              help: ["the escapes are \\\" \\\\ \\n \\t \\{; write \\\\ for a backslash"])
                    }
                    index += 1
                    continue
                }
                index += 2
                continue
            }
            text.append(byte)
            index += 1
        }
        // Never closed: recover at the end of the opening line.
        var lineEnd = start
        while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        endedInsideLiteral = true
        error(SyntaxCode.unterminatedString, "unterminated string", start, lineEnd,
              help: ["close the string with `\"`"])
        index = lineEnd
        unterminatedStringStarts.insert(start)
        emit(.string(source.slice(start + 1, lineEnd)), from: start, to: lineEnd)
    }

    /// `` `any text` `` on one line.
    mutating func lexQuotedName() {
        let start = index
        index += 1
        while index < end, bytes[index] != UInt8(ascii: "`"), bytes[index] != 0x0A { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "`") else {
            if index >= end { endedInsideLiteral = true }
            error(SyntaxCode.unterminatedQuotedName, "unterminated quoted name", start, index,
                  help: ["close the name with a backquote on the same line"])
            emit(.quotedName(source.slice(start + 1, index)), from: start, to: index)
            return
        }
        let text = source.slice(start + 1, index)
        index += 1
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            error(SyntaxCode.unterminatedQuotedName, "a quoted name cannot be empty", start, index)
        }
        emit(.quotedName(text), from: start, to: index)
    }
}
