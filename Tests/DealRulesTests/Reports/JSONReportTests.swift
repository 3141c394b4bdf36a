@testable import DealRules
import DealRulesModel
import Foundation
import Testing

@Suite("JSON and NDJSON reports")
struct JSONReportTests {
    private func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("JSON and SARIF written outcome by outcome are the document tree's text, byte for byte")
    func streamedTextEqualsTheTree() {
        let reports = [
            ReportFixtures.plainReport(), ReportFixtures.report(), ReportFixtures.report(showClear: true),
            ReportEdgeFixtures.hostileReport(),
            CheckReport(asOf: ReportFixtures.asOf, rules: [], subjects: [], dealCount: 0, findings: [], undetermined: [], clear: [], errors: []),
        ]
        for report in reports {
            #expect(JSONReport.render(report) == JSONWriter.write(JSONReport.streamed(report).tree, layout: .pretty) + "\n")
            let options = ReportOptions(toolVersion: "9.9.9")
            #expect(SARIFReport.render(report, options: options)
                == JSONWriter.write(SARIFReport.streamed(report, options: options).tree, layout: .pretty) + "\n")
        }
    }

    @Test("top-level keys follow CLI.md, with documented additions only")
    func topLevelKeys() throws {
        let plain = try JSONReader.parse(ReportRenderer.render(ReportFixtures.plainReport(), format: .json, options: ReportOptions()),
                                         path: "r.json").get()
        guard case .object(let members) = plain.kind else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["version", "as_of", "findings", "undetermined", "errors", "summary"])

        let full = try JSONReader.parse(ReportRenderer.render(ReportFixtures.report(showClear: true), format: .json,
                                                              options: ReportOptions()), path: "r.json").get()
        guard case .object(let fullMembers) = full.kind else { Issue.record("not an object"); return }
        #expect(fullMembers.map(\.key) == ["version", "as_of", "findings", "undetermined", "clear", "errors",
                                           "baseline_comparison", "summary"])
    }

    @Test("a finding has exactly the CLI.md members, with null for absent status and source")
    func findingShape() throws {
        let json = try parse(ReportRenderer.render(ReportFixtures.report(), format: .json, options: ReportOptions()))
        let findings = try #require(json["findings"] as? [[String: Any]])
        let first = try #require(findings.first)
        #expect(Set(first.keys) == ["rule", "flag", "subject", "severity", "message", "location", "basis", "evidence", "baseline"])
        let location = try #require(first["location"] as? [String: Any])
        #expect(location["file"] as? String == "Rules/timeline.rules")
        #expect(location["line"] as? Int == 1)
        let evidence = try #require(first["evidence"] as? [[String: Any]])
        #expect(evidence[0]["status"] is NSNull)
        #expect(evidence[0]["source"] is NSNull)
        #expect(evidence[1]["status"] as? String == "confirmed")
        #expect(first["baseline"] as? Bool == false)
    }

    @Test("undetermined reasons carry a message only when there is one")
    func reasonShape() throws {
        let json = try parse(ReportRenderer.render(ReportFixtures.report(), format: .json, options: ReportOptions()))
        let undetermined = try #require(json["undetermined"] as? [[String: Any]])
        let stargate = try #require(undetermined.first { $0["subject"] as? String == "stargate" })
        let reasons = try #require(stargate["reasons"] as? [[String: Any]])
        #expect(Set(reasons[0].keys) == ["field", "problem"])
        let nebius = try #require(undetermined.first { $0["subject"] as? String == "microsoft-nebius" })
        let errorReason = try #require((nebius["reasons"] as? [[String: Any]])?.first)
        #expect(errorReason["problem"] as? String == "error")
        #expect(errorReason["message"] as? String == "division by zero (capacity is 0 GW)")
    }

    @Test("errors carry code, severity, message and a nullable position")
    func errorShape() throws {
        let json = try parse(ReportRenderer.render(ReportFixtures.report(), format: .json, options: ReportOptions()))
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors.count == 2)
        #expect(errors[0]["code"] as? String == "W401")
        #expect(errors[0]["file"] as? String == "data/deals.yaml")
        #expect(errors[0]["line"] as? Int == 29)
        #expect(errors[1]["file"] is NSNull)
        #expect(errors[1]["line"] is NSNull)
        #expect(errors[1]["column"] is NSNull)
    }

    @Test("summary counts every severity")
    func summary() throws {
        let json = try parse(ReportRenderer.render(ReportFixtures.report(), format: .json, options: ReportOptions()))
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["deals"] as? Int == 15)
        #expect(summary["rules"] as? Int == 8)
        #expect(summary["findings"] as? Int == 14)
        #expect(summary["undetermined"] as? Int == 4)
        let bySeverity = try #require(summary["by_severity"] as? [String: Int])
        #expect(bySeverity == ["info": 2, "low": 1, "medium": 8, "high": 2, "critical": 1])
    }

    @Test("hostile text survives a JSON round trip")
    func hostileRoundTrip() throws {
        let json = try parse(ReportRenderer.render(ReportEdgeFixtures.hostileReport(), format: .json, options: ReportOptions()))
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["message"] as? String == ReportEdgeFixtures.hostile)
    }

    @Test("NDJSON: one object per line, each with a kind, summary last")
    func ndjson() throws {
        let text = ReportRenderer.render(ReportFixtures.report(showClear: true), format: .ndjson, options: ReportOptions())
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        var kinds: [String: Int] = [:]
        for line in lines {
            let object = try parse(String(line))
            kinds[object["kind"] as? String ?? "?", default: 0] += 1
        }
        let report = ReportFixtures.report(showClear: true)
        #expect(kinds["finding"] == report.findings.count)
        #expect(kinds["undetermined"] == report.undetermined.count)
        #expect(kinds["clear"] == report.clear.count)
        #expect(kinds["error"] == 2)
        #expect(kinds["summary"] == 1)
        let last = try parse(String(try #require(lines.last)))
        #expect(last["kind"] as? String == "summary")
        #expect(last["as_of"] as? String == "2026-11-24")
    }

    @Test("hostile text never breaks an NDJSON line")
    func ndjsonLines() {
        let text = ReportRenderer.render(ReportEdgeFixtures.hostileReport(), format: .ndjson, options: ReportOptions())
        #expect(text.split(separator: "\n").count == 4)
    }
}
