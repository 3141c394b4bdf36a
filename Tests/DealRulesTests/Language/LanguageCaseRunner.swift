import DealRules
import DealRulesData
import DealRulesModel
import Foundation

/// Runs one language case through the real pipeline — files on disk,
/// `ProgramLoader`, `DataLoader`, `RuleRunner` — and lists every way the
/// result differs from the case's expectations.
enum LanguageCaseRunner {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("cases")

    static func caseNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".case") }.sorted()
    }

    static func run(named name: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: casesDirectory.appendingPathComponent(name).path) else {
            return ["cannot read \(name)"]
        }
        let languageCase = LanguageCase.parse(name: name, text: String(decoding: data, as: UTF8.self))
        if !languageCase.problems.isEmpty { return languageCase.problems }
        return run(languageCase)
    }

    static func run(_ languageCase: LanguageCase) -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-lang-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = languageCase.files
        if let main = files.firstIndex(where: { $0.path == "main.rules" }) {
            files[main].text += probeRules(languageCase)
        } else if !languageCase.truths.isEmpty || !languageCase.values.isEmpty {
            files.append(("main.rules", probeRules(languageCase)))
        }
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            } catch {
                return ["cannot write \(file.path): \(error)"]
            }
        }
        let loaded = ProgramLoader.load(paths: languageCase.loadPaths.map { directory.appendingPathComponent($0).path })
        var problems = compareDiagnostics(loaded.diagnostics, languageCase.expectations, directory: directory.path)
        guard let program = loaded.program else { return problems }

        var deals: [Deal] = []
        if let (format, text) = languageCase.deals {
            let data = DataLoader.load(bytes: Array(text.utf8), path: "deals.\(format.rawValue)", format: format)
            for diagnostic in data.diagnostics where diagnostic.severity == .error {
                problems.append("data: \(diagnostic)")
            }
            deals = data.deals
        } else {
            deals = [Deal(record: Record(entries: [RecordEntry(key: "id", originalKey: "id", value: .text("d"))]), position: 1)]
        }
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: languageCase.asOf))
        // The kernels must decide every outcome as the evaluator does.
        problems += outcomes.disagreementsWithEvaluator()
        let report = outcomes.report(includeClear: true)
        problems += OutcomeComparison(report: report, languageCase: languageCase).problems()
        return problems
    }

    /// Each truth and value probe becomes a rule of its own.
    static func probeRules(_ languageCase: LanguageCase) -> String {
        var text = "\n"
        for (index, probe) in languageCase.truths.enumerated() {
            text += "if \(probe.condition), flag truth_probe_\(index + 1).\n"
        }
        for (index, probe) in languageCase.values.enumerated() {
            text += "rule \"value probe \(index + 1)\"\n  when true\n  flag value_probe_\(index + 1)\n  message \"{\(probe.expression)}\"\n"
        }
        return text
    }

    static func compareDiagnostics(_ diagnostics: [Diagnostic], _ expectations: [LanguageExpectation], directory: String) -> [String] {
        var problems: [String] = []
        var unmatched = diagnostics.filter { $0.severity != .note }
        for expectation in expectations {
            guard case .diagnostic(let severity, let code, let position, let fragment, let line) = expectation else { continue }
            let index = unmatched.firstIndex { diagnostic in
                guard diagnostic.severity.rawValue == severity, diagnostic.code == code else { return false }
                if let (l, c) = position {
                    guard let location = diagnostic.resolvedLocation, location.line == l, location.column == c else { return false }
                }
                if let fragment, !(diagnostic.message + " " + diagnostic.help.joined(separator: " ") + " " + diagnostic.notes.joined(separator: " ")).contains(fragment) { return false }
                return true
            }
            if let index {
                unmatched.remove(at: index)
            } else {
                let where_ = position.map { " at \($0.0):\($0.1)" } ?? ""
                problems.append("line \(line): expected \(severity) \(code)\(where_)\(fragment.map { " mentioning \"\($0)\"" } ?? ""), not reported")
            }
        }
        for diagnostic in unmatched {
            problems.append("unexpected diagnostic: \(diagnostic.description.replacingOccurrences(of: directory + "/", with: "")) help: \(diagnostic.help) notes: \(diagnostic.notes)")
        }
        return problems
    }
}
