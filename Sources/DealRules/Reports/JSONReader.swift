import DealRulesModel

/// A parsed JSON value that remembers where it was, so that a problem in a
/// file we read back (a baseline report) can point at the offending value.
public struct JSONNode: Sendable {
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, node: JSONNode)])
    }

    public var kind: Kind
    public var location: SourceLocation

    /// The first member named `key`, when this is an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.node
    }

    public var stringValue: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    /// The node without locations (depth is bounded by the reader).
    public var value: JSONValue {
        switch kind {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .integer(let number): return .integer(number)
        case .number(let literal): return .number(literal)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(\.value))
        case .object(let members): return .object(members.map { JSONMember($0.key, $0.node.value) })
        }
    }
}

public struct JSONSyntaxError: Error, Sendable {
    public var message: String
    public var location: SourceLocation
    public var sourceLine: String
}

/// A strict RFC 8259 reader with a nesting limit, for files the tool reads
/// back (baselines). Never traps, whatever the input.
public enum JSONReader {
    public static let maximumDepth = 256

    public static func parse(_ text: String, path: String) -> Result<JSONNode, JSONSyntaxError> {
        var parser = JSONParser(source: SourceFile(path: path, text: text))
        return parser.parseDocument()
    }
}

private struct JSONParser {
    let source: SourceFile
    var index = 0

    init(source: SourceFile) {
        self.source = source
        if source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private var bytes: [UInt8] { source.bytes }

    mutating func parseDocument() -> Result<JSONNode, JSONSyntaxError> {
        do throws(JSONSyntaxError) {
            skipWhitespace()
            let node = try parseValue(depth: 0)
            skipWhitespace()
            if index < bytes.count { throw failure("unexpected text after the JSON value") }
            return .success(node)
        } catch {
            return .failure(error)
        }
    }

    private func failure(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let location = source.location(ofOffset: offset ?? index)
        return JSONSyntaxError(message: message, location: location, sourceLine: source.lineText(location.line))
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < JSONReader.maximumDepth else {
            throw failure("JSON nested more than \(JSONReader.maximumDepth) levels deep")
        }
        let start = index
        let location = source.location(ofOffset: start)
        guard let byte = peek() else { throw failure("expected a JSON value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "{"): return JSONNode(kind: try parseObject(depth: depth), location: location)
        case UInt8(ascii: "["): return JSONNode(kind: try parseArray(depth: depth), location: location)
        case UInt8(ascii: "\""): return JSONNode(kind: .string(try parseString()), location: location)
        case UInt8(ascii: "t"): try expectWord("true"); return JSONNode(kind: .bool(true), location: location)
        case UInt8(ascii: "f"): try expectWord("false"); return JSONNode(kind: .bool(false), location: location)
        case UInt8(ascii: "n"): try expectWord("null"); return JSONNode(kind: .null, location: location)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(kind: try parseNumber(), location: location)
        default:
            throw failure("expected a JSON value")
        }
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw failure("expected `\(word)`")
        }
        index += expected.count
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONNode.Kind {
        index += 1
        var members: [(key: String, node: JSONNode)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a member name in quotes") }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failure("expected `:` after the member name") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw failure("expected `,` or `}` in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONNode.Kind {
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(items)
            default: throw failure("expected `,` or `]` in an array")
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNode.Kind {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), isDigit(first) else { throw failure("expected digits in a number") }
        if first == UInt8(ascii: "0") { index += 1 } else { skipDigits() }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let next = peek(), isDigit(next) else { throw failure("expected digits after `.`") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard let next = peek(), isDigit(next) else { throw failure("expected digits in the exponent") }
            skipDigits()
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let number = Int(literal) { return .integer(number) }
        return .number(literal)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { index += 1 }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let opening = index
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while true {
            guard let byte = peek() else { throw failure("unterminated string", at: opening) }
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: String(decoding: bytes[runStart..<index], as: UTF8.self).unicodeScalars)
                index += 1
                return String(scalars)
            }
            if byte < 0x20 { throw failure("control character in a string (write it as an escape)") }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: String(decoding: bytes[runStart..<index], as: UTF8.self).unicodeScalars)
                scalars.append(try parseEscape())
                runStart = index
                continue
            }
            index += 1
        }
    }

    private mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let escapeStart = index
        index += 1
        guard let letter = peek() else { throw failure("unterminated escape", at: escapeStart) }
        index += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4(escapeStart)
            if (0xD800...0xDBFF).contains(high) {
                guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("unpaired surrogate in a \\u escape", at: escapeStart)
                }
                index += 2
                let low = try parseHex4(escapeStart)
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate in a \\u escape", at: escapeStart) }
                let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                if let scalar = Unicode.Scalar(combined) { return scalar }
                throw failure("invalid \\u escape", at: escapeStart)
            }
            guard let scalar = Unicode.Scalar(high) else { throw failure("unpaired surrogate in a \\u escape", at: escapeStart) }
            return scalar
        default:
            throw failure("unknown escape in a string", at: escapeStart)
        }
    }

    private mutating func parseHex4(_ escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("expected four hex digits after \\u", at: escapeStart) }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A")) + 10
            default: throw failure("expected four hex digits after \\u", at: escapeStart)
            }
            value = value * 16 + digit
        }
        index += 4
        return value
    }
}
