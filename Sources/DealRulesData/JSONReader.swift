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
    var lineHasNonASCII = false
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
}
