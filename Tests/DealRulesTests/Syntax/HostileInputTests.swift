import DealRulesModel
@testable import DealRulesSyntax
import Foundation
import Testing

/// Inputs meant to break a parser. None may crash, hang or recurse without
/// bound; each gets diagnostics with codes.
@Suite struct HostileInputTests {
    /// Parses, prints and dumps, as `check` and `fmt` would.
    static func survive(_ text: String, path: String = "hostile.rules") -> ParsedFile {
        let parsed = Parser.parse(SourceFile(path: path, text: text))
        _ = DiagnosticRenderer.render(parsed.diagnostics, color: true)
        _ = SyntaxDump.dump(parsed.statements)
        if parsed.diagnostics.isEmpty { _ = Printer.format(parsed) }
        _ = Parser.parseInteractive(SourceFile(path: "<repl>", text: String(text.prefix(100_000))))
        return parsed
    }

    @Test func tenThousandNestedParentheses() {
        let text = "if " + String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000) + ", flag f.\nif b, flag g.\n"
        let parsed = Self.survive(text)
        #expect(parsed.diagnostics.map(\.code) == ["E120"])
        #expect(parsed.statements.count == 1)
        let (_, diagnostics) = Parser.parseExpression(SourceFile(path: "x", text: String(repeating: "(", count: 10_000)))
        #expect(diagnostics.map(\.code) == ["E120"])
    }

    @Test func nestingAtTheLimitIsAccepted() {
        let depth = SyntaxLimits.maximumNestingDepth - 1
        let text = "if " + String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth) + ", flag f."
        let parsed = Self.survive(text)
        #expect(parsed.diagnostics.isEmpty)
        #expect(Printer.format(parsed) == text + "\n")
    }

    @Test func deepNotsWheresAndRecordsAreBounded() {
        #expect(Self.survive("if " + String(repeating: "not ", count: 10_000) + "a, flag f.").diagnostics.map(\.code) == ["E120"])
        #expect(Self.survive("if " + String(repeating: "any a where ", count: 10_000) + "b, flag f.").diagnostics.map(\.code) == ["E120"])
        #expect(Self.survive("test \"t\" given deal " + String(repeating: "{ a: ", count: 10_000)).diagnostics.map(\.code) == ["E120"])
        #expect(Self.survive("test \"t\" given deal { a: " + String(repeating: "[", count: 10_000)).diagnostics.map(\.code) == ["E120"])
        #expect(Self.survive("field x: " + String(repeating: "list of ", count: 10_000) + "text").diagnostics.map(\.code) == ["E120"])
        #expect(Self.survive("if a" + String(repeating: " and a", count: 10_000) + ", flag f.").diagnostics.map(\.code) == ["E120"])
        #expect(Self.survive("if a" + String(repeating: " + a", count: 10_000) + " is 1, flag f.").diagnostics.map(\.code) == ["E120"])
    }

    @Test func chainsInsideNestedOperandsAreBounded() {
        var text = "a"
        for _ in 0..<5 { text = "(" + text + String(repeating: " and a", count: 200) + ")" }
        let parsed = Self.survive("if " + text + ", flag f.")
        #expect(parsed.diagnostics.map(\.code) == ["E120"])
        let message = Self.survive("rule \"r\" when a flag f message \"{" + text + "}\"")
        #expect(message.diagnostics.map(\.code) == ["E120"])
        var shallow = "a"
        for _ in 0..<2 { shallow = "(" + shallow + String(repeating: " and a", count: 100) + ")" }
        let accepted = Self.survive("if " + shallow + ", flag f.")
        #expect(accepted.diagnostics.isEmpty)
        if case .rule(let rule)? = accepted.statements.first {
            #expect(ExpressionDepth.depth(of: rule.condition) <= ExpressionDepth.maximumTreeDepth)
        }
    }

    @Test func unterminatedEverything() {
        for text in ["\"", "if a is \"x", "`", "rule \"", "if (", "test \"t\" given deal {", "field x: {", "rule \"r\" when a flag f message \"{"] {
            let parsed = Self.survive(text)
            #expect(!parsed.diagnostics.isEmpty, "\(text)")
        }
    }

    @Test func nulBytesAndControlCharacters() {
        let parsed = Self.survive("if a\u{0}is b, flag\u{0} c.\u{7}\u{1B}[31m")
        #expect(parsed.diagnostics.contains { $0.code == "E100" })
    }

    @Test func invalidUTF8DecodedLossily() {
        let bytes: [UInt8] = Array("if a is ".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82] + Array(", flag b.".utf8)
        let parsed = Self.survive(String(decoding: bytes, as: UTF8.self))
        #expect(parsed.diagnostics.contains { $0.code == "E100" })
    }

    @Test func sixteenMebibyteLine() {
        let limit = SyntaxLimits.maximumFileBytes
        let atLimit = "if a is " + String(repeating: "b", count: limit - 20) + ", flag c."
        #expect(atLimit.utf8.count <= limit)
        let parsed = Parser.parse(SourceFile(path: "big.rules", text: atLimit))
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.statements.count == 1)

        let over = String(repeating: "#", count: limit + 1)
        let tooBig = Parser.parse(SourceFile(path: "big.rules", text: over))
        #expect(tooBig.diagnostics.map(\.code) == ["E121"])
        #expect(DiagnosticRenderer.render(tooBig.diagnostics, color: false).count < 1_000)
    }

    @Test func randomByteSoup() {
        var generator = SyntaxSoupGenerator(seed: 0x5EED)
        let alphabet = Array("if when rule define use test field is not and or of where flag ( ) [ ] { } , . : + - * / $ % # \" ` ' \n 0 1 2 9 _ a b GW years 2028-06 é".utf8)
        for round in 0..<200 {
            let length = Int(generator.next() % 400)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                let pick = generator.next()
                bytes.append(pick % 5 == 0 ? UInt8(truncatingIfNeeded: pick >> 8) : alphabet[Int(pick >> 16) % alphabet.count])
            }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = Self.survive(text, path: round % 2 == 0 ? "soup.rules" : "soup.rules.md")
            _ = Parser.parseExpression(SourceFile(path: "soup", text: text))
        }
    }

    @Test func tenThousandRulesWithCommentsFormatQuickly() {
        var text = ""
        for index in 0..<10_000 {
            text += "# rule \(index)\nif capacity is at least \(index) MW and chip roadmap is unvalidated, flag big n\(index) # trailing\n"
        }
        let start = Date()
        let parsed = Self.survive(text)
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.statements.count == 10_000)
        let formatted = Printer.format(parsed)
        #expect(formatted.components(separatedBy: "# trailing").count == 10_001)
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test func manyErrorsAreSummarised() {
        let text = String(repeating: "if a is, flag b.\n", count: 1_000)
        let parsed = Self.survive(text)
        #expect(parsed.diagnostics.count == SyntaxLimits.maximumDiagnostics + 1)
        #expect(parsed.diagnostics.last?.code == "E123")
    }
}

/// A small deterministic generator (xorshift) so failures reproduce.
struct SyntaxSoupGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 1 : seed }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
