import DealRules
import DealRulesModel
import Foundation
import Testing

@Suite("SARIF report")
struct SARIFReportTests {
    /// The official schema, kept in the `shared/` folder beside the repository.
    private func schemaPath() -> String {
        ReportTestSupport.repositoryRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json").path
    }

    private func parse(_ report: CheckReport) throws -> [String: Any] {
        let text = ReportRenderer.render(report, format: .sarif, options: ReportOptions(toolVersion: "9.8.7"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func run(_ report: CheckReport) throws -> [String: Any] {
        let runs = try #require(try parse(report)["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    @Test("validates against the SARIF 2.1.0 schema with Python jsonschema")
    func validatesAgainstSchema() throws {
        let directory = try ReportTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = ReportTestSupport.repositoryRoot.appendingPathComponent("scripts/validate_sarif.py").path
        let reports = [("fixture", ReportFixtures.report()), ("plain", ReportFixtures.plainReport()),
                       ("hostile", ReportEdgeFixtures.hostileReport()), ("empty", ReportEdgeFixtures.emptyReport())]
        for (name, report) in reports {
            let file = directory.appendingPathComponent("\(name).sarif")
            try Data(ReportRenderer.render(report, format: .sarif, options: ReportOptions()).utf8).write(to: file)
            let result = try ReportTestSupport.run("python3", [script, schemaPath(), file.path])
            #expect(result.status == 0, "\(name).sarif does not validate: \(result.standardError)")
            #expect(result.standardOutput.hasPrefix("valid SARIF 2.1.0"))
        }
    }

    @Test("the validator really rejects invalid SARIF")
    func validatorRejects() throws {
        let directory = try ReportTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.sarif")
        try Data(#"{"version": "2.1.0", "runs": [{"results": [{"level": "fatal"}]}]}"#.utf8).write(to: file)
        let script = ReportTestSupport.repositoryRoot.appendingPathComponent("scripts/validate_sarif.py").path
        let result = try ReportTestSupport.run("python3", [script, schemaPath(), file.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("tool"))
    }

    @Test("one descriptor per rule with flag, severity and location")
    func descriptors() throws {
        let run = try run(ReportFixtures.report())
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "dealrules")
        #expect(driver["version"] as? String == "9.8.7")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ReportFixtures.rules.map(\.name))
        let timeline = try #require(rules.first)
        let properties = try #require(timeline["properties"] as? [String: Any])
        #expect(properties["flag"] as? String == "timeline risk")
        #expect(properties["severity"] as? String == "high")
        #expect((properties["location"] as? [String: Any])?["file"] as? String == "Rules/timeline.rules")
        #expect((timeline["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
    }

    @Test("results: level by severity, rule index, location, properties, baseline state")
    func results() throws {
        let report = ReportFixtures.report()
        let results = try #require(try run(report)["results"] as? [[String: Any]])
        #expect(results.count == report.findings.count)
        var levels: [String: String] = [:]
        for (result, finding) in zip(results, report.findings) {
            levels[finding.severity.rawValue] = result["level"] as? String
            #expect(result["ruleId"] as? String == finding.rule.name)
            #expect(result["ruleIndex"] as? Int == ReportFixtures.rules.firstIndex { $0.name == finding.rule.name })
            #expect(result["baselineState"] as? String == (finding.baseline ? "unchanged" : "new"))
            let properties = try #require(result["properties"] as? [String: Any])
            #expect(properties["subject"] as? String == finding.subject)
            #expect(properties["basis"] as? String == finding.basis.rawValue)
            #expect((properties["evidence"] as? [Any])?.count == finding.evidence.count)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == finding.rule.location.path)
            #expect((location["region"] as? [String: Any])?["startLine"] as? Int == finding.rule.location.line)
        }
        #expect(levels == ["critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"])
    }

    @Test("no baselineState without a baseline; paths are URI-encoded")
    func withoutBaseline() throws {
        let results = try #require(try run(ReportEdgeFixtures.hostileReport())["results"] as? [[String: Any]])
        let result = try #require(results.first)
        #expect(result["baselineState"] == nil)
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "Rules/odd%20name%2C%20100%25.rules")
    }
}
