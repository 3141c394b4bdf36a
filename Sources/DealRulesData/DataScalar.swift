import DealRulesModel

/// How a scalar in deal data gets its type (LANGUAGE.md §5).
enum DataScalar {
    /// A JSON string or quoted YAML scalar: a literal (`"5 GW"`, `"$27B"`,
    /// `"unknown"`), else text.
    static func quoted(_ text: String) -> Value {
        text.withUTF8Bytes { typed($0) { text } }
    }

    /// `quoted` for a string's UTF-8 bytes (already checked), making a
    /// string only for text and for the shapes `ScalarLiteral.shape` leaves open.
    static func quoted(bytes: UnsafeBufferPointer<UInt8>) -> Value {
        typed(bytes) { String(decoding: bytes, as: UTF8.self) }
    }

    /// What `bytes` hold, typed from the bytes where `ScalarLiteral.shape`
    /// decides, else by `ScalarLiteral.parse`; `text` gives their string.
    private static func typed(_ bytes: UnsafeBufferPointer<UInt8>, text: () -> String) -> Value {
        switch ScalarLiteral.shape(of: bytes) {
        case .text: return .text(text())
        case .literal(let value): return value
        case .undecided:
            let text = text()
            return ScalarLiteral.parse(text) ?? .text(text)
        }
    }

    /// A YAML plain scalar or CSV cell: surrounding spaces are ignored;
    /// empty, `~` and `null` are unknown; JSON-style numbers (`-5`, `1e3`)
    /// are numbers; then literals; else text. Nil when the text is a number
    /// too large to hold (the caller reports it).
    static func plain(_ raw: String) -> Value? {
        let text = trimmed(raw)
        // The words for nothing are at most four bytes: longer text is not compared with them.
        if text.utf8.count <= 4 {
            switch text {
            case "", "~", "null", "Null", "NULL": return .unknown
            default: break
            }
        }
        if isJSONNumber(text) {
            guard let number = DecimalNumber(parsing: text) else { return nil }
            return .number(number)
        }
        return quoted(text)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    static func isJSONNumber<S: StringProtocol>(_ text: S) -> Bool {
        var state = NumberShape.start
        for byte in text.utf8 {
            guard let next = state.after(byte) else { return false }
            state = next
        }
        return state.isComplete
    }

    /// The states of the JSON number grammar, so that it is checked in one
    /// pass without copying the text.
    private enum NumberShape {
        case start, sign, zero, integer, point, fraction, exponentMark, exponentSign, exponent

        var isComplete: Bool {
            switch self {
            case .zero, .integer, .fraction, .exponent: return true
            case .start, .sign, .point, .exponentMark, .exponentSign: return false
            }
        }

        func after(_ byte: UInt8) -> NumberShape? {
            let digit = byte >= 48 && byte <= 57
            switch self {
            case .start:
                if byte == UInt8(ascii: "-") { return .sign }
                return digit ? (byte == 48 ? .zero : .integer) : nil
            case .sign:
                return digit ? (byte == 48 ? .zero : .integer) : nil
            case .zero, .integer:
                if digit { return self == .zero ? nil : .integer }
                if byte == UInt8(ascii: ".") { return .point }
                return byte | 0x20 == UInt8(ascii: "e") ? .exponentMark : nil
            case .point:
                return digit ? .fraction : nil
            case .fraction:
                if digit { return .fraction }
                return byte | 0x20 == UInt8(ascii: "e") ? .exponentMark : nil
            case .exponentMark:
                if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { return .exponentSign }
                return digit ? .exponent : nil
            case .exponentSign, .exponent:
                return digit ? .exponent : nil
            }
        }
    }

    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(text[start..<end])
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }
}
