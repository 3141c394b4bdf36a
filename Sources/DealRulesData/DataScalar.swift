import DealRulesModel

/// How a scalar in deal data gets its type (LANGUAGE.md §5).
enum DataScalar {
    /// A JSON string or quoted YAML scalar: a literal (`"5 GW"`, `"$27B"`,
    /// `"unknown"`), else text.
    static func quoted(_ text: String) -> Value {
        ScalarLiteral.parse(text) ?? .text(text)
    }

    /// A YAML plain scalar or CSV cell: surrounding spaces are ignored;
    /// empty, `~` and `null` are unknown; JSON-style numbers (`-5`, `1e3`)
    /// are numbers; then literals; else text. Nil when the text is a number
    /// too large to hold (the caller reports it).
    static func plain(_ raw: String) -> Value? {
        let text = trimmed(raw)
        switch text {
        case "", "~", "null", "Null", "NULL": return .unknown
        default: break
        }
        if isJSONNumber(text) {
            guard let number = DecimalNumber(parsing: text) else { return nil }
            return .number(number)
        }
        return ScalarLiteral.parse(text) ?? .text(text)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    static func isJSONNumber<S: StringProtocol>(_ text: S) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
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
