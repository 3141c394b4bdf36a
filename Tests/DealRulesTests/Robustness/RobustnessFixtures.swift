import Foundation
import Testing
@testable import DealRules
import DealRulesData
import DealRulesModel
import DealRulesSyntax

/// Shared helpers of the robustness tests: scratch folders, rule text in
/// memory, and a run of rules over data text.
enum RobustnessFixtures {
    static let asOf: DateValue = DateValue.parse("2026-11-24") ?? DateValue.epoch

    /// The repository (for the bundled `Rules/`).
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// A new empty folder under the system's temporary folder.
    static func scratchFolder(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "dealrules-robustness-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    static func check(_ rules: String, path: String = "robust.rules") -> ProgramLoader.Result {
        ProgramLoader.load(sources: [SourceFile(path: path, text: rules)])
    }

    static func codes(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map(\.code)
    }

    /// Checks the rules (which must check) and runs them over data text.
    static func run(_ rules: String, data: String, format: DataFormat = .yaml,
                    asOf: DateValue = RobustnessFixtures.asOf) -> (report: CheckReport, data: LoadedData)? {
        let checked = check(rules)
        guard let program = checked.program else {
            Issue.record("rules do not check: \(DiagnosticRenderer.render(checked.diagnostics, color: false))")
            return nil
        }
        let loaded = DataLoader.load(bytes: Array(data.utf8), path: "robust.\(format.rawValue)", format: format)
        let report = RuleRunner.run(program, deals: loaded.deals, options: RuleRunner.Options(asOf: asOf))
        return (report, loaded)
    }

    /// The one outcome of a rule for a subject, as a word.
    static func outcome(_ report: CheckReport, rule: String, subject: String) -> String {
        let finding = report.findings.filter { $0.rule.name == rule && $0.subject == subject }.count
        let unknown = report.undetermined.filter { $0.rule.name == rule && $0.subject == subject }.count
        let clear = report.clear.filter { $0.rule.name == rule && $0.subject == subject }.count
        switch (finding, unknown, clear) {
        case (1, 0, 0): return "finding"
        case (0, 1, 0): return "undetermined"
        case (0, 0, 1): return "clear"
        default: return "\(finding) findings, \(unknown) undetermined, \(clear) clear"
        }
    }
}
