import DealRules
import DealRulesModel
import Testing

@Suite("GitHub workflow commands")
struct GitHubReportTests {
    @Test("one annotation per finding; the command follows --fail-on and the baseline")
    func commands() {
        let report = ReportFixtures.report()
        let lines = ReportRenderer.render(report, format: .github, options: ReportOptions()).split(separator: "\n").map(String.init)
        let findingLines = lines.prefix(report.findings.count)
        #expect(findingLines.allSatisfy { $0.hasPrefix("::") })
        let commands = findingLines.map { $0.dropFirst(2).prefix { $0 != " " } }
        // Only the new high finding fails; the known critical is a warning, low/info are notices.
        #expect(commands.filter { $0 == "error" }.count == 1)
        #expect(commands.filter { $0 == "notice" }.count == 3)
        #expect(commands.filter { $0 == "warning" }.count == 10)
        #expect(lines[0].hasPrefix("::error file=Rules/timeline.rules,line=1,col=1,title=timeline risk%3A broadcom-openai-10gw::[high] "))
        #expect(lines.last == report.summaryLine)
    }

    @Test("data escaping: % CR LF")
    func dataEscaping() {
        #expect(GitHubCommands.escapeData("100% a\r\nb:c,d") == "100%25 a%0D%0Ab:c,d")
    }

    @Test("property escaping: also : and ,")
    func propertyEscaping() {
        #expect(GitHubCommands.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
    }

    @Test("hostile text cannot end or inject a command")
    func hostile() {
        let output = ReportRenderer.render(ReportEdgeFixtures.hostileReport(), format: .github, options: ReportOptions())
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("::error file=Rules/odd name%2C 100%25.rules,line=7,col=3,title=flag|x <y>%3A deal <1> & \"co\"::[high] "))
        #expect(!output.contains("\r"))
        #expect(lines[1].hasPrefix("::error file=d<a>ta.csv,line=2,col=1,title=dealrules E999::"))
    }
}
