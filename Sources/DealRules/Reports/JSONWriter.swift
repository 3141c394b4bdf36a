import DealRulesModel

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
        var output = TextBuilder(capacity: 256)
        append(value, to: &output, layout: layout, asciiOnly: asciiOnly, depth: 0)
        return output.text
    }

    /// A JSON string literal, quotes included.
    public static func quote(_ text: String, asciiOnly: Bool = false) -> String {
        var output = TextBuilder(capacity: text.utf8.count + 2)
        appendQuoted(text, to: &output, asciiOnly: asciiOnly)
        return output.text
    }

    /// A document to write whose long arrays are made one element at a time
    /// as they are written: a report of many outcomes then needs only one
    /// outcome's tree at a time, not a tree of all of them.
    indirect enum Streamed {
        case value(JSONValue)
        case object([(key: String, value: Streamed)])
        case array([Streamed])
        /// `count` elements, the element at each position made when written,
        /// on a lane (`LanedText`): `element(position, lane)`.
        case elements(count: Int, element: @Sendable (Int, Int) -> JSONValue)

        /// The whole tree at once (what the streamed text must equal).
        var tree: JSONValue {
            switch self {
            case .value(let value): return value
            case .object(let members): return .object(members.map { JSONMember($0.key, $0.value.tree) })
            case .array(let items): return .array(items.map(\.tree))
            case .elements(let count, let element): return .array((0..<count).map { element($0, 0) })
            }
        }
    }

    /// The text `write(document.tree, layout: .pretty)` gives, handed on to
    /// `chunks` after each element of a long array.
    /// `lanes` and `batch`: see `LanedText` (tests set them; the text is the same).
    static func write(_ document: Streamed, chunks: ReportChunks, into output: inout String, depth: Int = 0,
                      lanes: Int = LanedText.lanes, batch: Int = LanedText.batch) {
        switch document {
        case .value(let value):
            output += write(value, depth: depth)
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                newline(&output, layout: .pretty, depth: depth + 1)
                output += quote(member.key)
                output += ": "
                write(member.value, chunks: chunks, into: &output, depth: depth + 1, lanes: lanes, batch: batch)
            }
            newline(&output, layout: .pretty, depth: depth)
            output += "}"
        case .array(let items):
            writeArray(count: items.count, chunks: chunks, into: &output, depth: depth) { position, output in
                write(items[position], chunks: chunks, into: &output, depth: depth + 1, lanes: lanes, batch: batch)
            }
        case .elements(let count, let element):
            // Each element after its separator and line break, stretch by
            // stretch (`LanedText`), the text of one element after another.
            guard count > 0 else { output += "[]"; return }
            output += "["
            LanedText.write(count: count, into: &output, chunks: chunks, lanes: lanes, batch: batch) { range, lane in
                var text = TextBuilder(capacity: 4_096)
                for position in range {
                    if position > 0 { text.append("," as StaticString) }
                    newline(&text, layout: .pretty, depth: depth + 1)
                    append(element(position, lane), to: &text, layout: .pretty, asciiOnly: false, depth: depth + 1)
                }
                return text.text
            }
            newline(&output, layout: .pretty, depth: depth)
            output += "]"
        }
    }

    private static func writeArray(count: Int, chunks: ReportChunks, into output: inout String, depth: Int,
                                   _ writeElement: (Int, inout String) -> Void) {
        guard count > 0 else { output += "[]"; return }
        output += "["
        for position in 0..<count {
            if position > 0 { output += "," }
            newline(&output, layout: .pretty, depth: depth + 1)
            writeElement(position, &output)
        }
        newline(&output, layout: .pretty, depth: depth)
        output += "]"
    }

    /// A value in the pretty layout, its nested lines indented from `depth`.
    private static func write(_ value: JSONValue, depth: Int) -> String {
        var output = TextBuilder(capacity: 256)
        append(value, to: &output, layout: .pretty, asciiOnly: false, depth: depth)
        return output.text
    }

    // Values come from our own code or from `JSONReader`, which caps the
    // nesting depth, so this recursion is bounded. The text goes into a
    // byte buffer (`TextBuilder`): appending to a `String` piece by piece
    // was half the work of writing a JSON report.
    private static func append(_ value: JSONValue, to output: inout TextBuilder, layout: Layout, asciiOnly: Bool, depth: Int) {
        switch value {
        case .null: output.append("null" as StaticString)
        case .bool(let flag): output.append(flag ? "true" as StaticString : "false")
        case .integer(let number): output.append(String(number))
        case .number(let literal): output.append(literal.isEmpty ? "0" : literal)
        case .string(let text): appendQuoted(text, to: &output, asciiOnly: asciiOnly)
        case .array(let items):
            guard !items.isEmpty else { output.append("[]" as StaticString); return }
            output.append("[" as StaticString)
            for index in items.indices {
                if index > 0 { output.append("," as StaticString) }
                newline(&output, layout: layout, depth: depth + 1)
                append(items[index], to: &output, layout: layout, asciiOnly: asciiOnly, depth: depth + 1)
            }
            newline(&output, layout: layout, depth: depth)
            output.append("]" as StaticString)
        case .object(let members):
            guard !members.isEmpty else { output.append("{}" as StaticString); return }
            output.append("{" as StaticString)
            for index in members.indices {
                if index > 0 { output.append("," as StaticString) }
                newline(&output, layout: layout, depth: depth + 1)
                appendQuoted(members[index].key, to: &output, asciiOnly: asciiOnly)
                output.append(layout == .pretty ? ": " as StaticString : ":")
                append(members[index].value, to: &output, layout: layout, asciiOnly: asciiOnly, depth: depth + 1)
            }
            newline(&output, layout: layout, depth: depth)
            output.append("}" as StaticString)
        }
    }

    private static func newline(_ output: inout TextBuilder, layout: Layout, depth: Int) {
        guard layout == .pretty else { return }
        output.append(lineStart(depth))
    }

    private static func newline(_ output: inout String, layout: Layout, depth: Int) {
        guard layout == .pretty else { return }
        output += lineStart(depth)
    }

    /// A line break and the indentation of `depth`.
    private static func lineStart(_ depth: Int) -> String {
        if depth >= 0 && depth < lineStarts.count { return lineStarts[depth] }
        return "\n" + String(repeating: "  ", count: Swift.max(0, depth))
    }

    /// A line break and the indentation of each of the first depths, made
    /// once: a large report starts millions of lines, and past a few levels
    /// the indentation is too long to be built without allocating.
    private static let lineStarts = (0..<24).map { "\n" + String(repeating: "  ", count: $0) }

    private static func appendQuoted(_ text: String, to output: inout TextBuilder, asciiOnly: Bool) {
        output.append("\"" as StaticString)
        if !needsEscaping(text, asciiOnly: asciiOnly) {
            output.append(text)
            output.append("\"" as StaticString)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"" as StaticString)
            case "\\": output.append("\\\\" as StaticString)
            case "\n": output.append("\\n" as StaticString)
            case "\r": output.append("\\r" as StaticString)
            case "\t": output.append("\\t" as StaticString)
            case "\u{08}": output.append("\\b" as StaticString)
            case "\u{0C}": output.append("\\f" as StaticString)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output.append(unicodeEscape(scalar.value))
                } else if scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    // Valid JSON, but line terminators in JavaScript source;
                    // U+FEFF is invisible and some readers drop it as a BOM.
                    output.append(unicodeEscape(scalar.value))
                } else if asciiOnly && scalar.value > 0x7F {
                    if scalar.value > 0xFFFF {
                        let offset = scalar.value - 0x10000
                        output.append(unicodeEscape(0xD800 + (offset >> 10)))
                        output.append(unicodeEscape(0xDC00 + (offset & 0x3FF)))
                    } else {
                        output.append(unicodeEscape(scalar.value))
                    }
                } else {
                    output.append(scalar)
                }
            }
        }
        output.append("\"" as StaticString)
    }

    /// False when every byte can be copied as it is: no quote, backslash or
    /// control character, nothing beyond ASCII when `asciiOnly`, and none
    /// of U+2028, U+2029 or U+FEFF (E2 80 A8, E2 80 A9, EF BB BF).
    private static func needsEscaping(_ text: String, asciiOnly: Bool) -> Bool {
        // Through the bytes at once (a report checks every key and string
        // it writes), small strings too: the UTF-8 view's iterator cost
        // several times as much.
        text.withUTF8Bytes { needsEscaping($0, asciiOnly: asciiOnly) }
    }

    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>, asciiOnly: Bool) -> Bool {
        var index = PrintableASCII.plainLength(bytes, excluding: JSONWriter.escapedASCII)
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
            if byte >= 0x80 {
                if asciiOnly { return true }
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    return true
                }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return true }
            }
            index += 1
        }
        return false
    }

    /// The printable ASCII bytes a JSON string escapes: quote, backslash.
    private static let escapedASCII: [UInt8] = [0x22, 0x5C]

    private static func unicodeEscape(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
