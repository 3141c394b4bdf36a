import DealRules
import DealRulesModel
import Foundation
import Testing

/// The bundled demo (`Rules/` over `data/deals.yaml`) in every report
/// format, compared with `Golden/demo/`, through the real binary.
@Suite("demo reports")
struct DemoReportGoldenTests {
    /// Runs `dealrules check Rules --data data/deals.yaml --as-of 2026-11-24`
    /// from the repository root, so reports name files as a user sees them.
    static func run(_ format: ReportFormat, _ extra: [String] = []) throws -> Command.Result {
        try Command.dealrules(["check", "Rules", "--data", "data/deals.yaml", "--as-of", "2026-11-24", "--format", format.rawValue] + extra)
    }

    @Test("every format matches its golden file", arguments: ReportFormat.allCases)
    func format(_ format: ReportFormat) throws {
        let output = try Self.run(format)
        #expect(output.status == 1, "the demo has high-severity findings, so check exits 1")
        #expect(output.stderr.isEmpty, "no diagnostics expected: \(output.stderr)")
        let ext: String
        switch format {
        case .text: ext = "txt"
        case .json: ext = "json"
        case .ndjson: ext = "ndjson"
        case .junit: ext = "junit.xml"
        case .sarif: ext = "sarif"
        case .github: ext = "github.txt"
        case .markdown: ext = "md"
        case .html: ext = "html"
        }
        try Golden.expect(output.stdout, area: "demo", name: "check.\(ext)")
    }

    @Test("the JSON report of the demo has the documented shape and real provenance")
    func jsonShape() throws {
        let output = try Self.run(.json)
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let report = try #require(object)
        #expect(report["version"] as? Int == 1)
        #expect(report["as_of"] as? String == "2026-11-24")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let headline = try #require(findings.first { $0["flag"] as? String == "unconfirmed mega-deal" && $0["subject"] as? String == "amazon-anthropic-2026" })
        #expect(headline["basis"] as? String == "reported")
        #expect(headline["severity"] as? String == "high")
        let evidence = try #require(headline["evidence"] as? [[String: Any]])
        #expect(evidence.contains { $0["field"] as? String == "deal value" && $0["value"] as? String == "$100 billion" && $0["status"] as? String == "reported" })
        let undetermined = try #require(report["undetermined"] as? [[String: Any]])
        let timeline = try #require(undetermined.first { $0["flag"] as? String == "timeline risk" && $0["subject"] as? String == "amazon-anthropic-2026" })
        let reasons = try #require(timeline["reasons"] as? [[String: Any]])
        #expect(reasons.contains { $0["field"] as? String == "capacity target" && $0["problem"] as? String == "imprecise" })
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["deals"] as? Int == 15)
    }

    @Test("--fail-on none never fails on findings; --fail-on-undetermined does")
    func failOn() throws {
        #expect(try Self.run(.json, ["--fail-on", "none"]).status == 0)
        #expect(try Self.run(.json, ["--fail-on", "critical"]).status == 0)
        #expect(try Self.run(.json, ["--fail-on", "none", "--fail-on-undetermined"]).status == 1)
        #expect(try Self.run(.json, ["--fail-on", "low"]).status == 1)
    }

    @Test("--rule and --deal restrict the run")
    func restrict() throws {
        let output = try Self.run(.json, ["--rule", "Timeline risk", "--deal", "broadcom-openai-10gw"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["flag"] as? String == "timeline risk")
        #expect(findings.first?["subject"] as? String == "broadcom-openai-10gw")
    }

    @Test("an unknown --rule is a warning with a suggestion")
    func unknownRule() throws {
        let output = try Self.run(.json, ["--rule", "Timline risk"])
        #expect(output.stderr.contains("W501"))
        #expect(output.stderr.contains("did you mean `Timeline risk`?"))
    }
}
