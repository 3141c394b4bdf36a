import DealRulesModel
@testable import DealRulesSyntax
import Testing

/// Which fenced blocks of a Markdown file are program text.
@Suite struct LiterateTests {
    static func programLines(_ markdown: String) -> [String] {
        let program = Literate.programText(of: SourceFile(path: "m.rules.md", text: markdown))
        #expect(program.bytes.count == markdown.utf8.count)
        return program.text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\r" } }
    }

    static let cases: [(String, [String])] = [
        ("```rules\nif a, flag b.\n```\n", ["if a, flag b."]),
        ("```Rules\nx\n```\n", ["x"]),
        ("~~~ rules\nx\n~~~\n", ["x"]),
        ("   ```rules\nx\n   ```\n", ["x"]),
        ("```rules {.numberLines}\nx\n```\n", ["x"]),
        ("````rules\nx\n```\ny\n````\n", ["x", "```", "y"]),
        ("```rules\nx\n~~~\ny\n```\n", ["x", "~~~", "y"]),
        ("```python\nif x:\n```\n", []),
        ("```\nrules\n```\n", []),
        ("    ```rules\nx\n    ```\n", []),
        ("Prose é ü\n```rules\nx\n```\nmore ```rules\n", ["x"]),
        ("```rules\nunclosed\n", ["unclosed"]),
        ("```rules\r\nx\r\n```\r\n", ["x\r"]),
    ]

    @Test(arguments: cases)
    func extractsRulesBlocks(_ markdown: String, _ expected: [String]) {
        #expect(Self.programLines(markdown) == expected)
    }
}
