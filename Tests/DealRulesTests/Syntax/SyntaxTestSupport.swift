import DealRulesModel
@testable import DealRulesSyntax
import Foundation

/// Shared helpers for the syntax tests: sources, dumps, and the rule files
/// every parser test runs over.
enum SyntaxFixtures {
    static func source(_ text: String, path: String = "test.rules") -> SourceFile {
        SourceFile(path: path, text: text)
    }

    static func parse(_ text: String, path: String = "test.rules") -> ParsedFile {
        Parser.parse(source(text, path: path))
    }

    /// The dump of a whole file's statements, or of the errors if any.
    static func dump(_ text: String) -> String {
        let parsed = parse(text)
        if !parsed.diagnostics.isEmpty { return parsed.diagnostics.map(\.description).joined(separator: "\n") }
        return SyntaxDump.dump(parsed.statements)
    }

    /// The dump of one condition.
    static func dumpExpression(_ text: String) -> String {
        let (expression, diagnostics) = Parser.parseExpression(source(text))
        if let expression, diagnostics.isEmpty { return SyntaxDump.dump(expression) }
        return diagnostics.map(\.description).joined(separator: "\n")
    }

    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldenDirectory = testsDirectory.deletingLastPathComponent().appendingPathComponent("Golden/syntax")
    static let samplesDirectory = goldenDirectory.appendingPathComponent("fmt")

    /// Every rule file of the shared conformance cases, the repository's
    /// `Rules/` directory, and this suite's samples.
    static func corpusFiles() -> [URL] {
        let roots = [
            URL(fileURLWithPath: "/work/shared/conformance/cases"),
            repositoryRoot.appendingPathComponent("Rules"),
            samplesDirectory,
        ]
        var files: [URL] = []
        for root in roots {
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator {
                let path = url.path
                if path.hasSuffix(".rules.md") || (path.hasSuffix(".rules") && !path.contains("/14-syntax-error-located/")) {
                    files.append(url)
                }
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    static func read(_ url: URL) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return SourceFile(path: url.path, text: String(decoding: data, as: UTF8.self))
    }
}
