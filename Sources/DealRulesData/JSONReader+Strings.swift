import DealRulesModel

/// Strings and keys: scanned eight bytes at a time up to the first byte
/// that is not plain ASCII text, validated as UTF-8 on the way, and copied
/// only when they contain escapes.
extension JSONReader {
    /// A key: plain ASCII keys (nearly all) go straight to the key cache
    /// from their bytes; others are read as strings. `index` is at the quote.
    mutating func parseKey(guess slot: Int) throws(JSONStop) -> (name: EntryName, id: Int) {
        let start = index + 1
        // Records of one data set have the same keys in the same order, so
        // the key that followed the previous key last time usually follows
        // it again: its bytes are compared first, without hashing.
        let newer = slot * KeyGuesses.ways
        if newer + 1 < keyGuesses.ids.count {
            if let count = guessedLength(newer, start: start) {
                index = start + count + 1
                return (keyGuesses.names[newer], keyGuesses.ids[newer])
            }
            if let count = guessedLength(newer + 1, start: start) {
                index = start + count + 1
                return (keyGuesses.names[newer + 1], keyGuesses.ids[newer + 1])
            }
        }
        var position = skipPlainWords(from: start)
        while position < end {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                guard position - start <= limits.maxStringLength else { break }
                index = position + 1
                let key = assembler.intern(bytes: UnsafeBufferPointer(rebasing: buffer[start..<position]))
                if key.id >= 0, position > start, position - start <= KeyGuesses.width {
                    keyGuesses.set(slot, UnsafeBufferPointer(rebasing: buffer[start..<position]), name: key.name, id: key.id)
                }
                return key
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            position += 1
        }
        return assembler.intern(try parseString())
    }

    /// The length of the key at `start` when it is the guess at `guess`.
    @inline(__always)
    private func guessedLength(_ guess: Int, start: Int) -> Int? {
        let count = keyGuesses.lengths[guess]
        guard count > 0, start + count < end, buffer[start + count] == UInt8(ascii: "\""),
              keyGuesses.bytes.withUnsafeBytes({
                  ByteKeyedCache<Int>.equal($0.baseAddress! + guess * KeyGuesses.width, UnsafeRawPointer(buffer.baseAddress! + start), count)
              }) else { return nil }
        return count
    }

    /// A string; `index` is at its opening quote.
    mutating func parseString() throws(JSONStop) -> Swift.String {
        let open = index
        switch try plainStringEnd() {
        case .closed(let close):
            return Swift.String(decoding: UnsafeBufferPointer(rebasing: buffer[open + 1..<close]), as: UTF8.self)
        case .escape(let position):
            index = position
            return try parseEscapedString(open: open, prefix: open + 1..<position)
        }
    }

    /// A string value: a literal or text (`DataScalar.quoted`). A string
    /// without escapes is looked up by its bytes first, so a value that
    /// repeats is typed once and shared. `index` is at its opening quote.
    mutating func parseStringValue() throws(JSONStop) -> Value {
        let open = index
        switch try plainStringEnd() {
        case .closed(let close):
            let text = UnsafeBufferPointer(rebasing: buffer[open + 1..<close])
            // The key includes the quotes, so no number has the same bytes.
            let base = buffer.baseAddress! + open
            let count = close + 1 - open
            guard count <= values.maxKeyLength else { return DataScalar.quoted(bytes: text) }
            let hash = ByteKeyedCache<Value>.hash(base, count)
            if let cached = values.find(base, count, hash: hash) { return cached }
            let value = DataScalar.quoted(bytes: text)
            values.insertIfSeenBefore(base, count, hash: hash, value: value)
            return value
        case .escape(let position):
            index = position
            return DataScalar.quoted(try parseEscapedString(open: open, prefix: open + 1..<position))
        }
    }

    /// Where a string's plain text ends (`index` at its opening quote).
    enum PlainStringEnd {
        /// At this closing quote, with no escape before it; `index` is
        /// after the quote and the length is checked.
        case closed(Int)
        /// At this backslash: the rest is read with escapes.
        case escape(Int)
    }

    /// Scans a string's text a word at a time to its closing quote or its
    /// first backslash, validating UTF-8 and rejecting control characters
    /// on the way (`parseString`, `parseStringValue`).
    @inline(__always)
    mutating func plainStringEnd() throws(JSONStop) -> PlainStringEnd {
        let open = index
        var position = skipPlainWords(from: open + 1)
        while position < end {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                try checkLength(position - open - 1, at: open)
                index = position + 1
                return .closed(position)
            }
            if byte == UInt8(ascii: "\\") { return .escape(position) }
            // Past a non-ASCII scalar, plain text usually goes on. (Two
            // statements: reading `self` for the outer call while the inner
            // one mutates it would copy the whole reader.)
            let next = try stepOverPlainByte(byte, at: position, open: open)
            position = skipPlainWords(from: next)
        }
        throw fail("the string opened here is not closed", at: open)
    }

    /// The first position from `position` on whose byte is special to a
    /// string (`"`, `\\`, below 0x20 or above 0x7F), found eight bytes at
    /// a time; within the last seven bytes of the data, `position` itself
    /// or the first word's special byte, and byte-by-byte scanning goes on.
    @inline(__always)
    func skipPlainWords(from position: Int) -> Int {
        skipPlainWords(from: position, before: end)
    }

    /// `skipPlainWords(from:)` in words that end by `limit`.
    @inline(__always)
    func skipPlainWords(from position: Int, before limit: Int) -> Int {
        var position = position
        let raw = UnsafeRawPointer(buffer.baseAddress!)
        while position + 8 <= limit {
            // Little-endian order puts the first byte lowest, so the lowest
            // marked byte is the first special one.
            let mask = JSONReader.specialByteMask(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)))
            if mask != 0 { return position + mask.trailingZeroBitCount >> 3 }
            position += 8
        }
        return position
    }

    /// The high bit of each byte of `word` that is `"`, `\\`, below 0x20 or
    /// above 0x7F — exact up to the first such byte (a borrow can mark
    /// bytes after it, never before), so its lowest set bit finds it.
    @inline(__always)
    static func specialByteMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        return control | (word & highs) | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
    }

    @inline(__always)
    private mutating func checkLength(_ length: Int, at open: Int) throws(JSONStop) {
        if length > limits.maxStringLength { throw stringTooLong(at: open) }
    }

    @inline(never)
    private mutating func stringTooLong(at open: Int) -> JSONStop {
        fail("a string is longer than \(limits.maxStringLength) bytes", at: open, code: .stringTooLong)
    }

    /// Validates one multi-byte UTF-8 scalar at `position`; the offset after it.
    mutating func skipScalar(at position: Int) throws(JSONStop) -> Int {
        lineHasNonASCII = true
        guard let length = UTF8Check.scalarLength(buffer, at: position, end: end) else {
            throw fail("invalid UTF-8 in a string", at: position, code: .invalidUTF8)
        }
        return position + length
    }

    private mutating func parseEscapedString(open: Int, prefix: Range<Int>) throws(JSONStop) -> Swift.String {
        var bytes = Array(UnsafeBufferPointer(rebasing: buffer[prefix]))
        var position = index
        while position < end {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                try checkLength(bytes.count, at: open)
                index = position + 1
                return Swift.String(decoding: bytes, as: UTF8.self)
            }
            if byte < 0x20 {
                throw fail(byte == 0x0A ? "the string opened here is not closed on its line" : "control character in a string (escape it)", at: byte == 0x0A ? open : position)
            }
            if bytes.count > limits.maxStringLength { try checkLength(bytes.count, at: open) }
            if byte >= 0x80 {
                let next = try skipScalar(at: position)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<next]))
                position = next
                continue
            }
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                position += 1
                continue
            }
            guard position + 1 < end else { break }
            let escape = buffer[position + 1]
            position += 2
            switch escape {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try unicodeEscape(at: &position)
                bytes.append(contentsOf: Array(Swift.String(Character(scalar)).utf8))
            default:
                throw fail("unknown escape `\\\(Character(Unicode.Scalar(escape)))` in a string", at: position - 2)
            }
        }
        throw fail("the string opened here is not closed", at: open)
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`; `position` is after `\u`.
    private mutating func unicodeEscape(at position: inout Int) throws(JSONStop) -> Unicode.Scalar {
        let escapeStart = position - 2
        guard let high = hex4(at: position) else { throw fail("`\\u` needs four hex digits", at: escapeStart) }
        position += 4
        if (0xD800...0xDBFF).contains(high) {
            guard position + 1 < end, buffer[position] == UInt8(ascii: "\\"), buffer[position + 1] == UInt8(ascii: "u"),
                  let low = hex4(at: position + 2), (0xDC00...0xDFFF).contains(low) else {
                throw fail("`\\u` escape is half of a surrogate pair", at: escapeStart)
            }
            position += 6
            let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(combined) else { throw fail("invalid `\\u` escape", at: escapeStart) }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw fail("`\\u` escape is half of a surrogate pair", at: escapeStart) }
        return scalar
    }

    private func hex4(at position: Int) -> UInt32? {
        guard position + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = buffer[position + offset]
            let digit: UInt8
            switch byte {
            case 48...57: digit = byte - 48
            case 65...70: digit = byte - 55
            case 97...102: digit = byte - 87
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

extension JSONReader {
    /// The position after one byte of a string's plain text (after the whole
    /// scalar when it is not ASCII); a line break or other control character
    /// in a string opened at `open` is an error.
    mutating func stepOverPlainByte(_ byte: UInt8, at position: Int, open: Int) throws(JSONStop) -> Int {
        if byte < 0x20 {
            throw fail(byte == 0x0A ? "the string opened here is not closed on its line" : "control character in a string (escape it)", at: byte == 0x0A ? open : position)
        }
        return byte >= 0x80 ? try skipScalar(at: position) : position + 1
    }
}
