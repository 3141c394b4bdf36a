import DealRules
import DealRulesModel
import Foundation
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    private func render(_ report: CheckReport) -> String {
        ReportRenderer.render(report, format: .html, options: ReportOptions())
    }

    @Test("self-contained: no external resources or network references")
    func selfContained() {
        let html = render(ReportFixtures.report())
        for needle in ["http://", "https://", "src=", "<link", "@import", "url("] {
            #expect(!html.contains(needle), "found \(needle)")
        }
        #expect(html.contains("<style>"))
        #expect(html.contains("<script>"))
    }

    @Test("every piece of data is escaped")
    func escaping() {
        let html = render(ReportEdgeFixtures.hostileReport())
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("deal &lt;1&gt; &amp; &quot;co&quot;"))
        #expect(!html.contains("\u{1B}"))
        // Exactly the one inline script of the page.
        #expect(html.components(separatedBy: "<script>").count == 2)
    }

    @Test("rows are ordered by risk: most severe, then most findings")
    func rowOrder() {
        let html = render(ReportFixtures.report())
        let rows = html.split(separator: "\n").filter { $0.hasPrefix("<th scope=\"row\">") }
        let subjects = rows.map { row -> String in
            let text = row.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            return text
        }
        #expect(Array(subjects.prefix(5)) == ["microsoft-constellation-tmi", "broadcom-openai-10gw", "Amazon Web Services",
                                              "amazon-anthropic-2026", "meta-entergy-hyperion"])
        #expect(subjects.count == ReportFixtures.report().orderedSubjects.count)
    }

    @Test("undetermined cells are marked and link to their reasons")
    func undeterminedCells() {
        let html = render(ReportFixtures.report())
        #expect(html.contains("class=\"cell undetermined-cell\" data-rank=\"2\""))
        #expect(html.contains("<a href=\"#u1\">?</a>"))
        #expect(html.contains("id=\"u1\""))
    }

    @Test("renders in headless Chromium: screenshot and DOM with the matrix")
    func chromium() throws {
        guard let browser = ReportTestSupport.findExecutable(["chromium", "chromium-browser", "google-chrome"]) else {
            Issue.record("the `chromium` binary is not installed (apt-get install -y chromium; `make test` installs it)")
            return
        }
        let directory = try ReportTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try Data(render(ReportFixtures.report()).utf8).write(to: page)
        let screenshot = directory.appendingPathComponent("report.png")
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                      "--user-data-dir=\(directory.appendingPathComponent("profile").path)"]
        // `timeout` keeps a wedged browser from hanging the test run.
        let shot = try ReportTestSupport.run("timeout", ["120", browser] + common + ["--screenshot=\(screenshot.path)", "--window-size=1280,900",
                                                                 page.absoluteString])
        #expect(shot.status == 0, "chromium failed: \(shot.standardError)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.count > 20_000, "screenshot is only \(png.count) bytes")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

        let dump = try ReportTestSupport.run("timeout", ["120", browser] + common + ["--dump-dom", page.absoluteString])
        #expect(dump.status == 0, "chromium --dump-dom failed: \(dump.standardError)")
        #expect(dump.standardOutput.contains("<table class=\"matrix\" id=\"matrix\">"))
        #expect(dump.standardOutput.contains("broadcom-openai-10gw"))
        #expect(dump.standardOutput.contains("class=\"cell sev-critical\""))

        if ReportTestSupport.updatingGolden {
            let image = ReportTestSupport.repositoryRoot.appendingPathComponent("docs/images/report.png")
            try FileManager.default.createDirectory(at: image.deletingLastPathComponent(), withIntermediateDirectories: true)
            try png.write(to: image)
        }
    }
}
