/// Writes `JSONValue`s as text: keys in insertion order, strings escaped per
/// RFC 8259, the same bytes for the same value every time.
public enum JSONWriter {
    public enum Layout: Sendable {
        /// Two-space indentation, one member or element per line.
        case pretty
        /// One line, no spaces (NDJSON records).
        case compact
    }

    /// - Parameter asciiOnly: escape every non-ASCII scalar as `\uXXXX`
    ///   (surrogate pairs above U+FFFF) for consumers that mangle UTF-8.
    public static func write(_ value: JSONValue, layout: Layout = .pretty, asciiOnly: Bool = false) -> String {
        var output = ""
        append(value, to: &output, layout: layout, asciiOnly: asciiOnly, depth: 0)
        return output
    }

    /// A JSON string literal, quotes included.
    public static func quote(_ text: String, asciiOnly: Bool = false) -> String {
        var output = ""
        appendQuoted(text, to: &output, asciiOnly: asciiOnly)
        return output
    }

    /// A member of a document written by `writeDocument`: a value, or a
    /// long array whose elements are made one at a time as they are written.
    enum StreamedMember {
        case value(String, JSONValue)
        case array(String, count: Int, element: (Int) -> JSONValue)
    }

    /// An object's text, as `write(.object(…), layout: .pretty)` gives it,
    /// without holding every element of its long arrays as values at once
    /// (a report of many outcomes needs only one outcome's tree at a time),
    /// handed on to `chunks` as it grows.
    static func writeDocument(_ members: [StreamedMember], chunks: ReportChunks, into output: inout String) {
        guard !members.isEmpty else {
            output += "{}"
            return
        }
        output += "{"
        for (index, member) in members.enumerated() {
            if index > 0 { output += "," }
            newline(&output, layout: .pretty, depth: 1)
            switch member {
            case .value(let key, let value):
                appendQuoted(key, to: &output, asciiOnly: false)
                output += ": "
                append(value, to: &output, layout: .pretty, asciiOnly: false, depth: 1)
            case .array(let key, let count, let element):
                appendQuoted(key, to: &output, asciiOnly: false)
                output += ": "
                guard count > 0 else { output += "[]"; continue }
                output += "["
                for position in 0..<count {
                    if position > 0 { output += "," }
                    newline(&output, layout: .pretty, depth: 2)
                    append(element(position), to: &output, layout: .pretty, asciiOnly: false, depth: 2)
                    chunks.drain(&output)
                }
                newline(&output, layout: .pretty, depth: 1)
                output += "]"
            }
        }
        newline(&output, layout: .pretty, depth: 0)
        output += "}"
    }

    // Values come from our own code or from `JSONReader`, which caps the
    // nesting depth, so this recursion is bounded.
    private static func append(_ value: JSONValue, to output: inout String, layout: Layout, asciiOnly: Bool, depth: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .number(let literal): output += literal.isEmpty ? "0" : literal
        case .string(let text): appendQuoted(text, to: &output, asciiOnly: asciiOnly)
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                newline(&output, layout: layout, depth: depth + 1)
                append(item, to: &output, layout: layout, asciiOnly: asciiOnly, depth: depth + 1)
            }
            newline(&output, layout: layout, depth: depth)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                newline(&output, layout: layout, depth: depth + 1)
                appendQuoted(member.key, to: &output, asciiOnly: asciiOnly)
                output += layout == .pretty ? ": " : ":"
                append(member.value, to: &output, layout: layout, asciiOnly: asciiOnly, depth: depth + 1)
            }
            newline(&output, layout: layout, depth: depth)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, layout: Layout, depth: Int) {
        guard layout == .pretty else { return }
        output += "\n"
        output += String(repeating: "  ", count: depth)
    }

    private static func appendQuoted(_ text: String, to output: inout String, asciiOnly: Bool) {
        output += "\""
        if !needsEscaping(text, asciiOnly: asciiOnly) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += unicodeEscape(scalar.value)
                } else if scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    // Valid JSON, but line terminators in JavaScript source;
                    // U+FEFF is invisible and some readers drop it as a BOM.
                    output += unicodeEscape(scalar.value)
                } else if asciiOnly && scalar.value > 0x7F {
                    if scalar.value > 0xFFFF {
                        let offset = scalar.value - 0x10000
                        output += unicodeEscape(0xD800 + (offset >> 10))
                        output += unicodeEscape(0xDC00 + (offset & 0x3FF))
                    } else {
                        output += unicodeEscape(scalar.value)
                    }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// False when every byte can be copied as it is: no quote, backslash or
    /// control character, nothing beyond ASCII when `asciiOnly`, and no lead
    /// byte of U+2028, U+2029 or U+FEFF (0xE2, 0xEF: text with those takes
    /// the scalar-by-scalar path, which decides).
    private static func needsEscaping(_ text: String, asciiOnly: Bool) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2 || byte == 0xEF { return true }
            if asciiOnly && byte >= 0x80 { return true }
        }
        return false
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
