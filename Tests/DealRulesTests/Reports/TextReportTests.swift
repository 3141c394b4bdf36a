import DealRules
import DealRulesModel
import Testing

@Suite("Text report")
struct TextReportTests {
    private func render(_ report: CheckReport, color: Bool = false) -> String {
        ReportRenderer.render(report, format: .text, options: ReportOptions(color: color))
    }

    @Test("no escape sequences without colour, even from hostile data")
    func plainHasNoANSI() {
        for report in [ReportFixtures.report(showClear: true), ReportEdgeFixtures.hostileReport()] {
            #expect(!render(report).contains("\u{1B}"))
        }
        #expect(render(ReportEdgeFixtures.hostileReport()).contains("\\u{1b}[31mred"))
    }

    @Test("severities are coloured when colour is on")
    func colours() {
        let text = render(ReportFixtures.report(), color: true)
        #expect(text.contains("\u{1B}[1;31mcritical"))
        #expect(text.contains("\u{1B}[31mhigh"))
        #expect(text.contains("\u{1B}[33mmedium"))
        #expect(text.contains("\u{1B}[34mlow"))
        #expect(text.contains("\u{1B}[2minfo"))
    }

    @Test("the last line is the summary")
    func summaryLine() {
        let lines = render(ReportFixtures.plainReport()).split(separator: "\n")
        let expected = "14 findings (1 critical, 2 high, 8 medium, 1 low, 2 info), 4 undetermined, 15 deals, 8 rules, "
            + "2 data problems, as of 2026-11-24"
        #expect(lines.last.map(String.init) == expected)
        #expect(render(ReportEdgeFixtures.emptyReport()).hasSuffix("\n0 findings, 0 undetermined, 0 deals, 0 rules, as of 2026-11-24\n"))
    }

    @Test("findings are grouped under their subject with evidence and location")
    func grouping() {
        let text = render(ReportFixtures.report())
        let block = text.components(separatedBy: "\n\n").first { $0.hasPrefix("microsoft-constellation-tmi\n") }
        #expect(block?.contains("low         long lock-in  [baseline]") == true)
        #expect(block?.contains("critical    regulatory risk (rule \"Regulatory timing\")") == true)
        #expect(block?.contains("term = 20 years [confirmed, Constellation press release, 2024-09-20]") == true)
        #expect(block?.contains("at Rules/power.rules:3:1") == true)
    }

    @Test("undetermined reasons name the problem")
    func reasons() {
        let text = render(ReportFixtures.report())
        #expect(text.contains("imprecise capacity target: 2028 may fall before or after 2028-11-24"))
        #expect(text.contains("missing chip roadmap\n    missing capacity target"))
        #expect(text.contains("error in capacity: division by zero (capacity is 0 GW)"))
    }

    @Test("clear outcomes only with --show-clear")
    func clearOutcomes() {
        #expect(!render(ReportFixtures.report()).contains("  clear  "))
        let withClear = render(ReportFixtures.report(showClear: true))
        #expect(withClear.contains("clear       timeline risk (rule \"Timeline risk\")"))
    }

    @Test("an empty run says so")
    func empty() {
        #expect(render(ReportEdgeFixtures.emptyReport()).contains("\nNo findings.\n"))
    }
}
