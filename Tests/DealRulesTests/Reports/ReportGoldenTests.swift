import DealRules
import Testing

/// Every format rendered from the realistic fixture, compared byte for
/// byte with `Golden/reports/`. `UPDATE_GOLDEN=1` rewrites the files.
@Suite("Report golden files")
struct ReportGoldenTests {
    @Test("each format matches its golden file", arguments: ReportFormat.allCases)
    func goldenFormat(_ format: ReportFormat) throws {
        let output = ReportRenderer.render(ReportFixtures.report(), format: format, options: ReportOptions())
        try ReportTestSupport.expectGolden(output, named: "fixture.\(format.fileExtension)")
    }

    @Test("coloured text matches its golden file")
    func goldenColorText() throws {
        let output = ReportRenderer.render(ReportFixtures.report(), format: .text, options: ReportOptions(color: true))
        try ReportTestSupport.expectGolden(output, named: "fixture-color.txt")
    }

    @Test("--show-clear variants match their golden files", arguments: [ReportFormat.text, .json, .ndjson])
    func goldenShowClear(_ format: ReportFormat) throws {
        let output = ReportRenderer.render(ReportFixtures.report(showClear: true), format: format, options: ReportOptions())
        try ReportTestSupport.expectGolden(output, named: "fixture-clear.\(format.fileExtension)")
    }

    @Test("the report without a baseline matches its golden files", arguments: [ReportFormat.json, .sarif, .text])
    func goldenWithoutBaseline(_ format: ReportFormat) throws {
        let output = ReportRenderer.render(ReportFixtures.plainReport(), format: format, options: ReportOptions())
        try ReportTestSupport.expectGolden(output, named: "plain.\(format.fileExtension)")
    }

    @Test("rendering is deterministic", arguments: ReportFormat.allCases)
    func deterministic(_ format: ReportFormat) {
        let first = ReportRenderer.render(ReportFixtures.report(showClear: true), format: format, options: ReportOptions(color: true))
        let second = ReportRenderer.render(ReportFixtures.report(showClear: true), format: format, options: ReportOptions(color: true))
        #expect(first == second)
        #expect(!first.isEmpty)
    }
}
