import DealRules
import DealRulesModel
@testable import DealRulesSyntax
import Foundation
import Testing

/// `fmt` keeps meaning and is idempotent on every rule file we have, and
/// lays out the samples exactly as their golden files say.
@Suite struct FormatTests {
    @Test func corpusKeepsMeaningAndIsIdempotent() throws {
        let files = SyntaxFixtures.corpusFiles()
        #expect(files.count >= 20)
        for url in files {
            let source = try #require(SyntaxFixtures.read(url))
            let parsed = Parser.parse(source)
            #expect(parsed.diagnostics.isEmpty, "\(url.path): \(parsed.diagnostics.map(\.description))")
            let formatted = Printer.format(parsed)
            let reparsed = Parser.parse(SourceFile(path: source.path, text: formatted))
            #expect(reparsed.diagnostics.isEmpty, "\(url.path) formatted: \(reparsed.diagnostics.map(\.description))")
            #expect(SyntaxDump.dump(reparsed.statements) == SyntaxDump.dump(parsed.statements), "\(url.path) changed meaning")
            #expect(Printer.format(reparsed) == formatted, "\(url.path) is not idempotent")
            #expect(reparsed.comments.count <= parsed.comments.count)
        }
    }

    @Test func samplesMatchGoldenLayout() throws {
        let inputs = SyntaxGoldenFiles.inputs(in: SyntaxFixtures.samplesDirectory, suffixes: [".rules", ".rules.md"])
        #expect(!inputs.isEmpty)
        for url in inputs {
            let source = try #require(SyntaxFixtures.read(url))
            let parsed = Parser.parse(SourceFile(path: url.lastPathComponent, text: source.text))
            #expect(parsed.diagnostics.isEmpty, "\(url.lastPathComponent): \(parsed.diagnostics.map(\.description))")
            SyntaxGoldenFiles.check(Printer.format(parsed), against: url.appendingPathExtension("formatted"))
        }
    }

    @Test func commentsAreKept() {
        let text = "# head\nif a, flag b. # tail\n\n# before block\nrule \"R\"\n  # inside\n  when a\n  flag f # flagged\n# end\n"
        let formatted = Printer.format(SyntaxFixtures.parse(text))
        #expect(formatted == "# head\nif a, flag b. # tail\n\n# before block\nrule \"R\"\n  # inside\n  when a\n  flag f # flagged\n# end\n")
    }

    @Test func canonicalSpellings() {
        let formatted = Printer.format(SyntaxFixtures.parse("If X Exceeds 5 And y Are z , FLAG Big Deal Severity Critical"))
        #expect(formatted == "if X is more than 5 and y is z, flag Big Deal severity critical.\n")
    }

    @Test func renderStatementAndExpression() throws {
        let parsed = SyntaxFixtures.parse("rule \"R\" for each hyperscaler when share of capacity exceeds 40% flag f severity high tags a, b")
        let statement = try #require(parsed.statements.first)
        #expect(Printer.render(statement) == "rule \"R\" for each hyperscaler\n  when share of capacity is more than 40%\n  flag f\n  severity high\n  tags a, b")
        guard case .rule(let rule) = statement else { return }
        #expect(Printer.render(rule.condition) == "share of capacity is more than 40%")
    }

    @Test func crlfInputBecomesLF() {
        #expect(Printer.format(SyntaxFixtures.parse("if a, flag b.\r\n\r\nif c, flag d.\r\n")) == "if a, flag b.\n\nif c, flag d.\n")
    }
}

/// The `fmt` command's runner, on files in a temporary directory.
@Suite struct FormatRunnerTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-fmt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ url: URL) throws { try Data(text.utf8).write(to: url) }

    static func read(_ url: URL) -> String { String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self) }

    @Test func checkReportsAndWriteRewrites() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let messy = directory.appendingPathComponent("messy.rules")
        let tidy = directory.appendingPathComponent("tidy.rules")
        try Self.write("if a ,flag b", messy)
        try Self.write("if a, flag b.\n", tidy)

        let check = FormatRunner.run(paths: [directory.path], check: true)
        #expect(check.exitCode == 1)
        #expect(check.stdout == "would reformat \(messy.path)\n")
        #expect(Self.read(messy) == "if a ,flag b")

        let write = FormatRunner.run(paths: [directory.path], check: false)
        #expect(write.exitCode == 0)
        #expect(write.stdout == "reformatted \(messy.path)\n")
        #expect(Self.read(messy) == "if a, flag b.\n")
        #expect(FormatRunner.run(paths: [directory.path], check: true).exitCode == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func syntaxErrorsAreNeverWritten() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.rules")
        try Self.write("if a and ,flag b", broken)
        let outcome = FormatRunner.run(paths: [broken.path], check: false)
        #expect(outcome.exitCode == 2)
        #expect(outcome.diagnostics.map(\.code) == ["E111"])
        #expect(Self.read(broken) == "if a and ,flag b")
    }

    @Test func missingPathIsAnError() {
        let outcome = FormatRunner.run(paths: ["/nonexistent/dir/x.rules"], check: true)
        #expect(outcome.exitCode == 2)
        #expect(outcome.diagnostics.first?.code == "E190")
    }
}
