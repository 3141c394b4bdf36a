import DealRules
import DealRulesData
import DealRulesModel
import Foundation
import Testing

/// Fixtures and golden files of the analyst tooling (`test`, `lint`,
/// `explain`) under `Golden/tooling/`. `UPDATE_GOLDEN=1` rewrites them.
enum ToolingSupport {
    static let golden: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden/tooling")

    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture that should be there is not.
    struct Missing: Error, CustomStringConvertible {
        var what: String
        var description: String { "missing: \(what)" }
    }

    static let asOf = DateValue(year: 2026, month: 11, day: 24) ?? DateValue.todayUTC

    /// Absolute path of a fixture under `Golden/tooling/`.
    static func fixture(_ name: String) -> String {
        golden.appendingPathComponent(name).path
    }

    /// Output with the fixture folder removed from paths, so golden files
    /// do not depend on where the repository is checked out.
    static func portable(_ text: String) -> String {
        text.replacingOccurrences(of: golden.path + "/", with: "")
    }

    static func expectGolden(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try Golden.expect(actual, area: "tooling", name: name, sourceLocation: sourceLocation)
    }

    /// A checked program from rule text; records an issue when it has errors.
    static func program(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CheckedProgram? {
        let loaded = ProgramLoader.load(sources: [SourceFile(path: "test.rules", text: text)])
        if loaded.hasErrors {
            Issue.record("rules do not check: \(DiagnosticRenderer.render(loaded.diagnostics, color: false))", sourceLocation: sourceLocation)
        }
        return loaded.program
    }

    /// Deals from YAML text.
    static func deals(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Deal] {
        let loaded = DataLoader.load(bytes: Array(yaml.utf8), path: "deals.yaml", format: .yaml)
        if loaded.hasErrors {
            Issue.record("data does not load: \(DiagnosticRenderer.render(loaded.diagnostics, color: false))", sourceLocation: sourceLocation)
        }
        return loaded.deals
    }

    /// The warnings for rule text (and data) — the checker's and lint's — as codes.
    static func lintCodes(_ rules: String, data: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        let loaded = ProgramLoader.load(sources: [SourceFile(path: "test.rules", text: rules)])
        guard let program = loaded.program, !loaded.hasErrors else {
            Issue.record("rules do not check: \(DiagnosticRenderer.render(loaded.diagnostics, color: false))", sourceLocation: sourceLocation)
            return []
        }
        let warnings = loaded.diagnostics + LintRun.lint(program, deals: data.map { deals($0, sourceLocation: sourceLocation) })
        return warnings.map(\.code)
    }
}
