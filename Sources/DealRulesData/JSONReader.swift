import DealRulesModel

/// Why a JSON reader stopped early; the diagnostic is already reported.
struct JSONStop: Error {}

/// A byte-level JSON reader that builds values directly, tracking line and
/// column as it goes so every error and every key has a `path:line:col`.
///
/// It reads from an unsafe buffer for speed; every access is guarded by an
/// explicit `index < end` check. Nesting is bounded by `DataLimits.maxDepth`,
/// so recursion depth is too.
struct JSONReader {
    let buffer: UnsafeBufferPointer<UInt8>
    var index: Int
    var end: Int
    let limits: DataLimits
    var sink: DataDiagnosticSink
    var assembler = RecordAssembler()
    /// Key ids of the objects being read, innermost last (reused scratch).
    private var idStack: [Int] = []
    /// Entries the last object at each depth had: sibling objects tend to
    /// be alike, so reserving that many saves regrowing the array.
    private var sizeHints: [Int] = []

    private(set) var line = 1
    private var lineStart = 0
    /// Whether the current line has a non-ASCII byte before `index`; until
    /// it does, a column is a subtraction.
    private var lineHasNonASCII = false
    private var columnMarkOffset = 0
    private var columnMarkValue = 1
    /// Lists and mappings open around `index`; the list of deals is level 1.
    var depth = 0

    init(buffer: UnsafeBufferPointer<UInt8>, limits: DataLimits, sink: DataDiagnosticSink) {
        self.buffer = buffer
        self.index = 0
        self.end = buffer.count
        self.limits = limits
        self.sink = sink
    }

    /// Restricts reading to `start..<stop`, which begins line `line`.
    /// `lineStart` is where that line begins when `start` is mid-line.
    mutating func reposition(start: Int, stop: Int, line: Int, lineStart: Int? = nil) {
        index = start
        end = min(stop, buffer.count)
        self.line = line
        self.lineStart = lineStart ?? start
        lineHasNonASCII = false
        var position = self.lineStart
        while position < start, position < buffer.count, !lineHasNonASCII {
            lineHasNonASCII = buffer[position] >= 0x80
            position += 1
        }
        columnMarkOffset = self.lineStart
        columnMarkValue = 1
        depth = 1 // an NDJSON line is one item of the list of deals
        idStack.removeAll(keepingCapacity: true)
    }

    // MARK: Positions

    mutating func location(at offset: Int) -> SourceLocation {
        // Errors can point back at an opening bracket on an earlier line.
        if offset < lineStart { return sink.location(ofOffset: offset) }
        return sink.location(line: line, column: column(at: offset))
    }

    private mutating func column(at offset: Int) -> Int {
        guard lineHasNonASCII else { return offset - lineStart + 1 }
        if offset < columnMarkOffset {
            columnMarkOffset = lineStart
            columnMarkValue = 1
        }
        var position = columnMarkOffset
        var column = columnMarkValue
        while position < offset, position < buffer.count {
            if buffer[position] & 0xC0 != 0x80 { column += 1 }
            position += 1
        }
        columnMarkOffset = offset
        columnMarkValue = column
        return column
    }

    /// Reports a syntax error at `offset` and stops.
    mutating func fail(_ message: String, at offset: Int, code: DataDiagnosticCode = .jsonSyntax) -> JSONStop {
        sink.report(code, message, at: location(at: offset))
        return JSONStop()
    }

    mutating func skipWhitespace() {
        while index < end {
            let byte = buffer[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                index += 1
            } else if byte == 0x0A {
                index += 1
                line += 1
                lineStart = index
                lineHasNonASCII = false
                columnMarkOffset = index
                columnMarkValue = 1
            } else {
                return
            }
        }
    }

    var current: UInt8? { index < end ? buffer[index] : nil }

    /// What an error message calls the byte at `index`.
    func describeCurrent() -> String {
        guard index < end else { return "the end of the data" }
        let byte = buffer[index]
        if byte >= 0x21 && byte < 0x7F { return "`\(Character(Unicode.Scalar(byte)))`" }
        return hexName(byte)
    }

    private func hexName(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "byte 0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }

    // MARK: Values

    /// Any JSON value; a figure object comes back with its provenance.
    mutating func parseValue() throws(JSONStop) -> (Value, Provenance?) {
        guard index < end else { throw fail("expected a value, found the end of the data", at: index) }
        switch buffer[index] {
        case UInt8(ascii: "{"):
            let place = location(at: index)
            let entries = try parseEntries()
            return assembler.value(of: entries, at: place, sink: &sink)
        case UInt8(ascii: "["):
            return (try parseList(), nil)
        case UInt8(ascii: "\""):
            let text = try parseString()
            return (DataScalar.quoted(text), nil)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return (.boolean(true), nil)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return (.boolean(false), nil)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return (.unknown, nil)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return (try parseNumber(), nil)
        default:
            throw fail("expected a value, found \(describeCurrent())", at: index)
        }
    }

    private mutating func enter(at offset: Int) throws(JSONStop) {
        depth += 1
        if depth > limits.maxDepth {
            throw fail("data nests deeper than \(limits.maxDepth) levels", at: offset, code: .tooDeep)
        }
    }

    /// An object's entries, keys folded and collisions removed; `index`
    /// is at its `{`.
    mutating func parseEntries() throws(JSONStop) -> [RecordEntry] {
        let open = index
        let start = idStack.count
        try enter(at: open)
        index += 1
        var entries: [RecordEntry] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return entries
        }
        let hintSlot = min(depth, 64)
        while sizeHints.count <= hintSlot { sizeHints.append(4) }
        entries.reserveCapacity(sizeHints[hintSlot])
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw fail("expected a key in double quotes, found \(describeCurrent())", at: index)
            }
            let keyLocation = location(at: index)
            let (key, folded) = try parseKey()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw fail("expected `:` after the key `\(key)`, found \(describeCurrent())", at: index)
            }
            index += 1
            skipWhitespace()
            let (value, provenance) = try parseValue()
            idStack.append(folded.id)
            entries.append(RecordEntry(key: folded.folded, originalKey: key, value: value, provenance: provenance, location: keyLocation))
            skipWhitespace()
            guard let byte = current else {
                throw fail("the object opened here is not closed", at: open)
            }
            index += 1
            if byte == UInt8(ascii: "}") { break }
            guard byte == UInt8(ascii: ",") else {
                index -= 1
                throw fail("expected `,` or `}` after a value, found \(describeCurrent())", at: index)
            }
        }
        sizeHints[hintSlot] = min(entries.count, 256)
        depth -= 1
        assembler.removeCollisions(&entries, ids: idStack[start...], sink: &sink)
        idStack.removeLast(idStack.count - start)
        return entries
    }

    private mutating func parseList() throws(JSONStop) -> Value {
        let open = index
        try enter(at: open)
        index += 1
        var items: [Value] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .list(items)
        }
        while true {
            skipWhitespace()
            let (value, _) = try parseValue()
            items.append(value)
            skipWhitespace()
            guard let byte = current else { throw fail("the list opened here is not closed", at: open) }
            index += 1
            if byte == UInt8(ascii: "]") { break }
            guard byte == UInt8(ascii: ",") else {
                index -= 1
                throw fail("expected `,` or `]` after a list item, found \(describeCurrent())", at: index)
            }
        }
        depth -= 1
        return .list(items)
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONStop) {
        let start = index
        let count = word.utf8CodeUnitCount
        let pointer = word.utf8Start
        guard end - index >= count else { throw fail("expected a value, found \(describeCurrent())", at: start) }
        for offset in 0..<count where buffer[index + offset] != pointer[offset] {
            throw fail("expected a value, found \(describeCurrent())", at: start)
        }
        index += count
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONStop) -> Value {
        let start = index
        var negative = false
        if buffer[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var significand: Int64 = 0
        var digitCount = 0
        var fractionDigits = 0
        guard let first = current, isDigit(first) else { throw fail("a number needs digits after `-`", at: start) }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = current, isDigit(next) { throw fail("numbers cannot start with 0 (write `\(next - 48)` or `0.\(next - 48)`)", at: start) }
        } else {
            while let byte = current, isDigit(byte) {
                if digitCount < 18 { significand = significand * 10 + Int64(byte - 48) }
                digitCount += 1
                index += 1
            }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, isDigit(byte) else { throw fail("a number needs digits after `.`", at: index) }
            while let byte = current, isDigit(byte) {
                if digitCount < 18 {
                    significand = significand * 10 + Int64(byte - 48)
                    fractionDigits += 1
                }
                digitCount += 1
                index += 1
            }
        }
        var hasExponent = false
        if let byte = current, byte | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let digit = current, isDigit(digit) else { throw fail("a number needs digits in its exponent", at: index) }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        if !hasExponent, digitCount <= 18 {
            let value = DecimalNumber(significand: negative ? -significand : significand, exponent: Int32(-fractionDigits))
            return .number(value)
        }
        // Long or exponent forms take the exact (slower) route.
        let text = Swift.String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        guard let value = DecimalNumber(parsing: text) else {
            sink.report(.numberOutOfRange, "the number \(text.prefix(40)) is too large or too small to hold", at: location(at: start))
            return .unknown
        }
        return .number(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    // MARK: Strings

    /// A key: plain ASCII keys (nearly all) go straight to the key cache
    /// from their bytes; others are read as strings. `index` is at the quote.
    private mutating func parseKey() throws(JSONStop) -> (String, (folded: String, id: Int)) {
        let start = index + 1
        var position = start
        while position < end {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                guard position - start <= limits.maxStringLength else { break }
                index = position + 1
                let key = assembler.intern(bytes: UnsafeBufferPointer(rebasing: buffer[start..<position]))
                return (key.raw, (key.folded, key.id))
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            position += 1
        }
        let key = try parseString()
        return (key, assembler.intern(key))
    }

    /// A string; `index` is at its opening quote.
    mutating func parseString() throws(JSONStop) -> Swift.String {
        let open = index
        let start = index + 1
        var position = start
        while position < end {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                try checkLength(position - start, at: open)
                index = position + 1
                return Swift.String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                index = position
                return try parseEscapedString(open: open, prefix: start..<position)
            }
            if byte < 0x20 {
                throw fail(byte == 0x0A ? "the string opened here is not closed on its line" : "control character in a string (escape it)", at: byte == 0x0A ? open : position)
            }
            if byte >= 0x80 {
                position = try skipScalar(at: position)
            } else {
                position += 1
            }
        }
        throw fail("the string opened here is not closed", at: open)
    }

    private mutating func checkLength(_ length: Int, at open: Int) throws(JSONStop) {
        if length > limits.maxStringLength {
            throw fail("a string is longer than \(limits.maxStringLength) bytes", at: open, code: .stringTooLong)
        }
    }

    /// Validates one multi-byte UTF-8 scalar at `position`; the offset after it.
    private mutating func skipScalar(at position: Int) throws(JSONStop) -> Int {
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
