import DealRulesModel
@testable import DealRulesSyntax
import Foundation
import Testing

/// Rendered syntax errors, compared with `Golden/syntax/errors/*.expected`
/// (`UPDATE_GOLDEN=1` regenerates them).
@Suite struct DiagnosticGoldenTests {
    static let directory = SyntaxFixtures.goldenDirectory.appendingPathComponent("errors")

    @Test func renderedErrorsMatchGoldenFiles() throws {
        let inputs = SyntaxGoldenFiles.inputs(in: Self.directory, suffixes: [".rules", ".rules.md"])
        #expect(inputs.count >= 8)
        for url in inputs {
            let source = try #require(SyntaxFixtures.read(url))
            let parsed = Parser.parse(SourceFile(path: url.lastPathComponent, text: source.text))
            #expect(!parsed.diagnostics.isEmpty, "\(url.lastPathComponent) has no errors")
            let rendered = DiagnosticRenderer.render(parsed.diagnostics, color: false) + "\n"
            SyntaxGoldenFiles.check(rendered, against: url.appendingPathExtension("expected"))
        }
    }

    @Test func colourOnlyWhenAsked() {
        let parsed = SyntaxFixtures.parse("if a and, flag b.")
        let plain = DiagnosticRenderer.render(parsed.diagnostics, color: false)
        let coloured = DiagnosticRenderer.render(parsed.diagnostics, color: true)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;31merror[E111]"))
        #expect(coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) == plain)
    }

    @Test func locationOnlyDiagnosticsGetACaretUnderTheColumn() {
        let diagnostic = Diagnostic(.error, code: "E301", message: "bad value",
                                    location: SourceLocation(path: "deals.yaml", line: 4, column: 12),
                                    sourceLine: "  capacity: 5 GX", notes: ["in deal `x`"], help: ["units are W kW MW GW TW"])
        #expect(DiagnosticRenderer.render(diagnostic, color: false) == """
            deals.yaml:4:12: error[E301]: bad value
             4 |   capacity: 5 GX
               |            ^
            note: in deal `x`
            help: units are W kW MW GW TW
            """)
    }

    @Test func diagnosticWithoutLocation() {
        #expect(DiagnosticRenderer.render(Diagnostic(code: "E190", message: "no such file"), color: false) == "error[E190]: no such file")
    }

    @Test func longLinesAreCutAroundTheCaret() {
        let text = String(repeating: "a ", count: 5_000) + "and, flag b."
        let rendered = DiagnosticRenderer.render(SyntaxFixtures.parse("if " + text).diagnostics, color: false)
        let lines = rendered.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].count < 200)
        #expect(lines[2].hasSuffix("^"))
        #expect(lines[1].contains("and,"))
    }
}
