import DealRules
import DealRulesModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Collects the JUnit structure with Foundation's XML parser.
private final class JUnitOutline: NSObject, XMLParserDelegate {
    struct SuiteOutline { var name: String; var attributes: [String: String]; var cases: [[String: String]] = []; var results: [String] = [] }
    var suites: [SuiteOutline] = []
    var rootAttributes: [String: String] = [:]
    var caseResults: [String: String] = [:]
    private var currentCase: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch elementName {
        case "testsuites": rootAttributes = attributes
        case "testsuite": suites.append(SuiteOutline(name: attributes["name"] ?? "", attributes: attributes))
        case "testcase":
            if !suites.isEmpty { suites[suites.count - 1].cases.append(attributes) }
            currentCase = "\(attributes["classname"] ?? "")/\(attributes["name"] ?? "")"
            if let currentCase { caseResults[currentCase] = "passed" }
        case "failure", "skipped", "error", "system-out":
            if let currentCase {
                caseResults[currentCase] = elementName
                if !suites.isEmpty { suites[suites.count - 1].results.append(elementName) }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "testcase" { currentCase = nil }
    }
}

@Suite("JUnit report")
struct JUnitReportTests {
    private func outline(_ xml: String) throws -> JUnitOutline {
        let parser = XMLParser(data: Data(xml.utf8))
        let outline = JUnitOutline()
        parser.delegate = outline
        let parsed = parser.parse()
        #expect(parsed, "XMLParser rejected the document: \(String(describing: parser.parserError))")
        return outline
    }

    @Test("one suite per rule file, one case per rule × subject, results by kind")
    func structure() throws {
        let report = ReportFixtures.report()
        let outline = try outline(ReportRenderer.render(report, format: .junit, options: ReportOptions()))
        #expect(outline.suites.map(\.name) == ["Rules/timeline.rules", "Rules/provenance.rules", "Rules/lockin.rules",
                                               "Rules/power.rules", "Rules/portfolio.rules", "data problems"])
        let ruleCases = outline.suites.dropLast().reduce(0) { $0 + $1.cases.count }
        #expect(ruleCases == report.findings.count + report.undetermined.count + report.clear.count)
        #expect(outline.rootAttributes["tests"] == "\(ruleCases + 2)")
        #expect(outline.rootAttributes["failures"] == "1")
        #expect(outline.rootAttributes["skipped"] == "4")
        #expect(outline.caseResults["Timeline risk/broadcom-openai-10gw"] == "failure")
        #expect(outline.caseResults["Timeline risk/amazon-anthropic-2026"] == "skipped")
        #expect(outline.caseResults["Timeline risk/nvidia-openai-10gw"] == "passed")
        // Below --fail-on, and a known critical one: notes, not failures.
        #expect(outline.caseResults["Value per gigawatt/oracle-openai-4-5gw"] == "system-out")
        #expect(outline.caseResults["Regulatory timing/microsoft-constellation-tmi"] == "system-out")
        for suite in outline.suites {
            #expect(suite.attributes["tests"] == "\(suite.cases.count)")
            #expect(suite.attributes["failures"] == "\(suite.results.filter { $0 == "failure" }.count)")
            #expect(suite.attributes["skipped"] == "\(suite.results.filter { $0 == "skipped" }.count)")
        }
    }

    @Test("--fail-on none makes no failures; --fail-on low fails every new finding at low or above")
    func failOnLevels() throws {
        var report = ReportFixtures.plainReport()
        report.failOn = nil
        #expect(try outline(ReportRenderer.render(report, format: .junit, options: ReportOptions())).rootAttributes["failures"] == "0")
        report.failOn = .low
        let expected = report.findings.filter { $0.severity >= .low }.count
        #expect(try outline(ReportRenderer.render(report, format: .junit, options: ReportOptions())).rootAttributes["failures"] == "\(expected)")
    }

    @Test("hostile text stays well-formed XML")
    func escaping() throws {
        let xml = ReportRenderer.render(ReportEdgeFixtures.hostileReport(), format: .junit, options: ReportOptions())
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("\u{1B}"))
        let outline = try outline(xml)
        #expect(outline.suites.first?.cases.first?["name"] == "deal <1> & \"co\"")
        #expect(outline.suites.first?.cases.first?["classname"] == "Rule, with: \"quotes\" & <tags>")
        #expect(outline.rootAttributes["errors"] == "1")
    }

    @Test("XML escaping helpers")
    func escapingHelpers() {
        #expect(XMLEscaping.text("a<b>&c\"'") == "a&lt;b&gt;&amp;c\"'")
        #expect(XMLEscaping.attribute("a<b>&c\"'\n\t") == "a&lt;b&gt;&amp;c&quot;&#39;&#10;&#9;")
        #expect(XMLEscaping.text("x\u{0}y\u{1B}z\u{FFFE}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        #expect(XMLEscaping.text("é 🚀\r") == "é 🚀&#13;")
    }

    @Test("text with nothing to escape comes back as it is; every character is escaped as one at a time would be")
    func escapingFastPathAgrees() {
        // What each scalar becomes, written out apart from the escaper.
        func expected(_ text: String, attribute: Bool) -> String {
            var output = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": output += "&amp;"
                case "<": output += "&lt;"
                case ">": output += "&gt;"
                case "\r": output += "&#13;"
                case "\"" where attribute: output += "&quot;"
                case "'" where attribute: output += "&#39;"
                case "\t" where attribute: output += "&#9;"
                case "\n" where attribute: output += "&#10;"
                default: output.unicodeScalars.append(XMLEscaping.isAllowed(scalar) ? scalar : "\u{FFFD}")
                }
            }
            return output
        }
        let pieces = ["plain words", "Trainium2–4", "café", "🚀", "\t", "\n", "\r", "&", "<", ">", "\"", "'", "\u{0}", "\u{1F}",
                      "\u{7F}", "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{E000}", "\u{2028}"]
        for first in pieces {
            for second in pieces {
                let text = "a" + first + "b" + second
                #expect(XMLEscaping.text(text) == expected(text, attribute: false), "\(text.debugDescription)")
                #expect(XMLEscaping.attribute(text) == expected(text, attribute: true), "\(text.debugDescription)")
            }
        }
        #expect(XMLEscaping.text("Amazon–Anthropic, 5 GW\nby 2028") == "Amazon–Anthropic, 5 GW\nby 2028")
    }

    @Test("a standard JUnit consumer (junitparser) loads the report")
    func junitparserLoads() throws {
        let directory = try ReportTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = ReportTestSupport.repositoryRoot.appendingPathComponent("scripts/check_junit.py").path
        for (name, report) in [("fixture", ReportFixtures.report()), ("hostile", ReportEdgeFixtures.hostileReport())] {
            let file = directory.appendingPathComponent("\(name).xml")
            try Data(ReportRenderer.render(report, format: .junit, options: ReportOptions()).utf8).write(to: file)
            let result = try ReportTestSupport.run("python3", [script, file.path])
            try #require(result.status == 0, "python3 scripts/check_junit.py failed (pip install -r Tests/requirements.txt): \(result.standardError)")
            let loaded = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            let cases = try #require(loaded["cases"] as? [[String: Any]])
            let suites = try #require(loaded["suites"] as? [[String: Any]])
            if name == "fixture" {
                #expect(suites.count == 6)
                let failing = cases.filter { $0["kind"] as? String == "failure" }
                #expect(failing.map { $0["name"] as? String } == ["broadcom-openai-10gw"])
                #expect(cases.filter { $0["kind"] as? String == "skipped" }.count == 4)
                let note = cases.first { $0["classname"] as? String == "Value per gigawatt" && $0["name"] as? String == "oracle-openai-4-5gw" }
                #expect((note?["system_out"] as? String)?.hasPrefix("medium finding (below --fail-on)") == true)
            } else {
                #expect(cases.first?["name"] as? String == "deal <1> & \"co\"")
                #expect(cases.first?["kind"] as? String == "failure")
            }
        }
    }
}
