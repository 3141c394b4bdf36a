import DealRules
import DealRulesModel
import Foundation
import Testing

@Suite("Baselines")
struct BaselineTests {
    private func writeTemporary(_ text: String, name: String = "baseline.json") throws -> (URL, URL) {
        let directory = try ReportTestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return (directory, file)
    }

    private func failure(_ result: Result<[FindingKey], Diagnostic>) -> Diagnostic? {
        if case .failure(let diagnostic) = result { return diagnostic }
        return nil
    }

    @Test("a JSON report read back as a baseline gives its findings' keys")
    func roundTrip() throws {
        let earlier = ReportFixtures.plainReport()
        let json = ReportRenderer.render(earlier, format: .json, options: ReportOptions())
        let (directory, file) = try writeTemporary(json)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = try Baseline.read(path: file.path).get()
        #expect(keys == earlier.findings.map(\.key))
        #expect(keys.count == 14)
    }

    @Test("the same run against its own baseline: everything known, nothing new or resolved, nothing fails")
    func sameRun() throws {
        let report = ReportFixtures.plainReport()
        #expect(report.hasFailingFindings)
        let keys = try Baseline.parse(ReportRenderer.render(report, format: .json, options: ReportOptions()), path: "b.json").get()
        let compared = Baseline.apply(keys, path: "b.json", to: report)
        #expect(compared.findings.allSatisfy { $0.baseline })
        #expect(compared.baseline?.new == [])
        #expect(compared.baseline?.resolved == [])
        #expect(!compared.hasFailingFindings)
    }

    @Test("new and resolved findings are listed; only new ones fail")
    func newAndResolved() throws {
        let report = ReportFixtures.report()
        let comparison = try #require(report.baseline)
        #expect(comparison.baselinePath == "baseline.json")
        #expect(comparison.new.map(\.subject) == ["broadcom-openai-10gw", "nvidia-openai-10gw", "oracle-openai-4-5gw", "portfolio"])
        #expect(comparison.resolved == [FindingKey(rule: "long lock-in", flag: "long lock-in", subject: "amazon-anthropic-2026")])
        #expect(report.findings.filter { !$0.baseline }.map(\.key) == comparison.new)
        // The critical finding is known, the new high one fails.
        let failing = report.findings.filter { report.isFailing($0) }
        #expect(failing.map(\.subject) == ["broadcom-openai-10gw"])
    }

    @Test("matching uses rule, flag and subject together")
    func matchingKey() {
        let report = ReportFixtures.plainReport()
        let target = report.findings[0]
        let keys = [
            FindingKey(rule: target.rule.name, flag: "other flag", subject: target.subject),
            FindingKey(rule: "Other rule", flag: target.rule.flag, subject: target.subject),
            FindingKey(rule: target.rule.name, flag: target.rule.flag, subject: "someone else"),
        ]
        let compared = Baseline.apply(keys, path: "b.json", to: report)
        #expect(!compared.findings[0].baseline)
        #expect(compared.baseline?.resolved.count == 3)
    }

    @Test("duplicate keys in a baseline are resolved once")
    func duplicates() {
        let key = FindingKey(rule: "gone", flag: "gone", subject: "x")
        let compared = Baseline.apply([key, key], path: "b.json", to: ReportFixtures.plainReport())
        #expect(compared.baseline?.resolved == [key])
    }

    @Test("malformed baselines are diagnostics with a code and a location", arguments: [
        ("{\"version\": 1, \"findings\": [}", "E802", 1, 29),
        ("[]", "E803", 1, 1),
        ("{\"findings\": []}", "E803", 1, 1),
        ("{\"version\": 2, \"findings\": []}", "E803", 1, 13),
        ("{\"version\": 1}", "E803", 1, 1),
        ("{\"version\": 1, \"findings\": {}}", "E803", 1, 28),
        ("{\"version\": 1, \"findings\": [3]}", "E803", 1, 29),
        ("{\"version\": 1,\n \"findings\": [{\"rule\": \"r\", \"flag\": \"f\"}]}", "E803", 2, 15),
        ("{\"version\": 1,\n \"findings\": [{\"rule\": \"r\", \"flag\": \"f\", \"subject\": 7}]}", "E803", 2, 53),
    ])
    func malformed(_ text: String, _ code: String, _ line: Int, _ column: Int) throws {
        let diagnostic = try #require(failure(Baseline.parse(text, path: "baseline.json")))
        #expect(diagnostic.code == code)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.resolvedLocation == SourceLocation(path: "baseline.json", line: line, column: column))
    }

    @Test("a syntax error keeps the offending line for the caret")
    func syntaxErrorSourceLine() throws {
        let diagnostic = try #require(failure(Baseline.parse("{\n  \"version\": 1,,\n}", path: "b.json")))
        #expect(diagnostic.code == "E802")
        #expect(diagnostic.sourceLine == "  \"version\": 1,,")
        #expect(diagnostic.message.hasPrefix("baseline is not valid JSON"))
    }

    @Test("unreadable baselines are E801 at the file")
    func unreadable() throws {
        let missing = try #require(failure(Baseline.read(path: "/nonexistent/dir/baseline.json")))
        #expect(missing.code == "E801")
        #expect(missing.resolvedLocation?.path == "/nonexistent/dir/baseline.json")

        let directory = try ReportTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let isDirectory = try #require(failure(Baseline.read(path: directory.path)))
        #expect(isDirectory.code == "E801")

        let binary = directory.appendingPathComponent("binary.json")
        try Data([0xFF, 0xFE, 0x00, 0x7B]).write(to: binary)
        let notText = try #require(failure(Baseline.read(path: binary.path)))
        #expect(notText.code == "E801")
    }

    @Test("extra members in a baseline are ignored (later report versions add keys)")
    func additiveKeys() throws {
        let text = """
        {"version": 1, "as_of": "2026-01-01", "extra": {"x": [1, 2]},
         "findings": [{"rule": "R", "flag": "f", "subject": "s", "new_member": true}], "summary": {}}
        """
        let keys = try Baseline.parse(text, path: "b.json").get()
        #expect(keys == [FindingKey(rule: "R", flag: "f", subject: "s")])
    }
}
