import DealRules
import Foundation
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("keys keep insertion order and layout is two-space pretty")
    func prettyLayout() {
        let value = JSONValue.object([
            "zeta": .integer(1),
            "alpha": .array([.bool(true), .null]),
            "empty": .array([]),
            "nested": .object([:]),
        ])
        let expected = """
        {
          "zeta": 1,
          "alpha": [
            true,
            null
          ],
          "empty": [],
          "nested": {}
        }
        """
        #expect(JSONWriter.write(value) == expected)
        #expect(JSONWriter.write(value, layout: .compact) == #"{"zeta":1,"alpha":[true,null],"empty":[],"nested":{}}"#)
    }

    @Test("quotes, backslashes and control characters are escaped")
    func controlCharacters() {
        #expect(JSONWriter.quote("say \"hi\"\\") == #""say \"hi\"\\""#)
        #expect(JSONWriter.quote("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(JSONWriter.quote("\u{08}\u{0C}") == #""\b\f""#)
        #expect(JSONWriter.quote("\u{00}\u{01}\u{1F}\u{7F}") == #""\u0000\u0001\u001f\u007f""#)
        #expect(JSONWriter.quote("line\u{2028}para\u{2029}") == #""line\u2028para\u2029""#)
        #expect(JSONWriter.quote("/") == #""/""#)
        #expect(JSONWriter.quote("\u{FEFF}x") == #""\ufeffx""#)
        // Only those three of the scalars that share their lead bytes.
        #expect(JSONWriter.quote("\u{2029}") == #""\u2029""#)
        #expect(JSONWriter.quote("a—b \u{2027}\u{202A}\u{FEFE}") == "\"a—b \u{2027}\u{202A}\u{FEFE}\"")
        #expect(JSONWriter.quote("x\u{2028}") == #""x\u2028""#)
    }

    @Test("non-ASCII is kept as UTF-8, or escaped with surrogate pairs in ASCII mode")
    func nonASCII() {
        #expect(JSONWriter.quote("Société — 5 GW 🚀") == "\"Société — 5 GW 🚀\"")
        #expect(JSONWriter.quote("é—🚀", asciiOnly: true) == #""\u00e9\u2014\ud83d\ude80""#)
    }

    @Test("output parses back to the same strings with Foundation")
    func roundTripThroughFoundation() throws {
        let tricky = "q\"b\\s/\n\r\t\u{00}\u{1B}[31m é 漢字 🚀 \u{2028}"
        for ascii in [false, true] {
            let text = JSONWriter.write(.object(["k": .string(tricky), "n": .integer(-42)]), asciiOnly: ascii)
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect(parsed?["k"] as? String == tricky)
            #expect(parsed?["n"] as? Int == -42)
        }
    }

    /// Past the depths whose line starts are made once, lines are still
    /// indented two spaces a level.
    @Test("deep nesting is indented two spaces a level")
    func deepNesting() {
        var value = JSONValue.integer(7)
        for _ in 0..<30 { value = .array([value]) }
        let lines = JSONWriter.write(value).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 61)
        #expect(lines[30] == Substring(String(repeating: "  ", count: 30) + "7"))
        #expect(lines[29] == Substring(String(repeating: "  ", count: 29) + "["))
        #expect(lines[60] == "]")
        #expect(JSONWriter.write(value, layout: .compact) == String(repeating: "[", count: 30) + "7" + String(repeating: "]", count: 30))
    }

    @Test("output parses back to the same value with JSONReader")
    func roundTripThroughReader() throws {
        let value = JSONValue.object([
            "s": .string("a\u{0}b\"🚀"),
            "list": .array([.integer(1), .number("2.5e3"), .bool(false), .null, .object(["x": .string("")])]),
        ])
        for layout in [JSONWriter.Layout.pretty, .compact] {
            let parsed = try JSONReader.parse(JSONWriter.write(value, layout: layout), path: "t.json").get()
            #expect(parsed.value == value)
        }
    }
}

@Suite("JSON reader")
struct JSONReaderTests {
    private func failure(_ text: String) -> JSONSyntaxError? {
        if case .failure(let error) = JSONReader.parse(text, path: "b.json") { return error }
        return nil
    }

    @Test("values carry their line and column")
    func locations() throws {
        let root = try JSONReader.parse("{\n  \"a\": [1,\n    \"x\"]\n}", path: "b.json").get()
        let array = try #require(root["a"])
        #expect(array.location.line == 2)
        #expect(array.location.column == 8)
        guard case .array(let items) = array.kind, items.count == 2 else {
            Issue.record("expected an array of two")
            return
        }
        #expect(items[1].location.line == 3)
        #expect(items[1].location.column == 5)
        #expect(items[1].stringValue == "x")
    }

    @Test("escapes, surrogate pairs and numbers are decoded")
    func decoding() throws {
        let root = try JSONReader.parse(#"["\u00e9\ud83d\ude80\n\/", -0, 12, 1.5, 1e400, 99999999999999999999]"#, path: "b.json").get()
        #expect(root.value == .array([.string("é🚀\n/"), .integer(0), .integer(12), .number("1.5"), .number("1e400"),
                                     .number("99999999999999999999")]))
    }

    @Test("syntax errors name the place", arguments: [
        ("{\"a\": }", 1, 7, "expected a JSON value"),
        ("[1, 2", 1, 6, "expected `,` or `]` in an array"),
        ("{\"a\" 1}", 1, 6, "expected `:` after the member name"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[01]", 1, 3, "expected `,` or `]` in an array"),
        ("{} x", 1, 4, "unexpected text after the JSON value"),
        ("\"\\ud800\"", 1, 2, "unpaired surrogate in a \\u escape"),
        ("\"a\tb\"", 1, 3, "control character in a string (write it as an escape)"),
        ("", 1, 1, "expected a JSON value, found the end of the file"),
        ("[tru]", 1, 2, "expected `true`"),
        ("\n\n  {,}", 3, 4, "expected a member name in quotes"),
    ])
    func syntaxErrors(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message == message)
        #expect(error.location.line == line)
        #expect(error.location.column == column)
        #expect(error.location.path == "b.json")
    }

    @Test("deep nesting is an error, not a crash")
    func depthLimit() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(failure(deep))
        #expect(error.message.contains("nested more than \(JSONReader.maximumDepth)"))
        let allowed = String(repeating: "[", count: JSONReader.maximumDepth) + String(repeating: "]", count: JSONReader.maximumDepth)
        #expect(failure(allowed) == nil)
    }

    @Test("a byte-order mark is skipped")
    func byteOrderMark() throws {
        let root = try JSONReader.parse("\u{FEFF}{\"version\": 1}", path: "b.json").get()
        #expect(root["version"]?.value == .integer(1))
    }
}
