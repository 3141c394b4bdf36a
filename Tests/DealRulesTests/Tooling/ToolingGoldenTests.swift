import DealRules
import Testing

/// `test`, `lint` and `explain` driven in-process on the fixtures in
/// `Golden/tooling/`, compared byte for byte with their golden output.
@Suite("Tooling golden files")
struct ToolingGoldenTests {
    // MARK: test

    @Test("test: text output with passing and failing tests")
    func testText() throws {
        let output = TestRun.execute(paths: [ToolingSupport.fixture("test/tests.rules")], format: .text)
        #expect(output.exitCode == 1)
        #expect(output.stdout.hasSuffix("2 passed, 2 failed\n"))
        try ToolingSupport.expectGolden(ToolingSupport.portable(output.stdout), named: "test/tests.txt")
    }

    @Test("test: JUnit output with passing and failing tests")
    func testJUnit() throws {
        let output = TestRun.execute(paths: [ToolingSupport.fixture("test/tests.rules")], format: .junit)
        #expect(output.exitCode == 1)
        // Timings vary from run to run; the golden file holds them as 0.
        try ToolingSupport.expectGolden(ToolingSupport.portable(output.stdout), named: "test/tests.junit.xml")
    }

    // MARK: lint

    @Test("lint: schema warnings W101, W102, W103, W105, W106, W107", arguments: [LintRun.Format.text, .json])
    func lintWarnings(_ format: LintRun.Format) throws {
        let request = LintRun.Request(rulePaths: [ToolingSupport.fixture("lint/warnings.rules")],
                                      dataPaths: [ToolingSupport.fixture("lint/deals.yaml")], format: format)
        let output = LintRun.execute(request)
        #expect(output.exitCode == 0)
        for code in ["W101", "W102", "W103", "W105", "W106", "W107"] {
            #expect(output.stdout.contains(code), "expected \(code)")
        }
        try ToolingSupport.expectGolden(ToolingSupport.portable(output.stdout), named: "lint/warnings.\(format == .text ? "txt" : "json")")
    }

    @Test("lint: W104 and W102 without a schema, and --strict exits 1")
    func lintWithoutSchema() throws {
        var request = LintRun.Request(rulePaths: [ToolingSupport.fixture("lint/noschema.rules")],
                                      dataPaths: [ToolingSupport.fixture("lint/deals.yaml")])
        let relaxed = LintRun.execute(request)
        #expect(relaxed.exitCode == 0)
        request.strict = true
        let strict = LintRun.execute(request)
        #expect(strict.exitCode == 1)
        #expect(strict.stdout == relaxed.stdout)
        #expect(strict.stdout.contains("warning[W104]: no deal in the data has the field `capasity`"))
        #expect(strict.stdout.contains("did you mean `capacity`?"))
        try ToolingSupport.expectGolden(ToolingSupport.portable(strict.stdout), named: "lint/noschema.txt")
    }

    @Test("lint: the schema-only warnings without --data")
    func lintWithoutData() throws {
        let output = LintRun.execute(LintRun.Request(rulePaths: [ToolingSupport.fixture("lint/warnings.rules")], strict: true))
        #expect(output.exitCode == 1)
        try ToolingSupport.expectGolden(ToolingSupport.portable(output.stdout), named: "lint/warnings-nodata.txt")
    }

    @Test("lint: checker errors exit 2 and are all listed")
    func lintErrors() throws {
        let output = LintRun.execute(LintRun.Request(rulePaths: [ToolingSupport.fixture("lint/errors.rules")]))
        #expect(output.exitCode == 2)
        #expect(output.stdout.contains("error[E201]"))
        try ToolingSupport.expectGolden(ToolingSupport.portable(output.stdout), named: "lint/errors.txt")
    }

    @Test("lint: a clean program exits 0, also with --strict")
    func lintClean() {
        let request = LintRun.Request(rulePaths: [ToolingSupport.fixture("explain/rules.rules")],
                                      dataPaths: [ToolingSupport.fixture("explain/deals.yaml")], strict: true)
        let output = LintRun.execute(request)
        #expect(output.exitCode == 0, "\(output.stdout)")
        #expect(output.stdout == "lint: no problems (5 rules, 2 definitions, 5 deals)\n")
    }

    // MARK: explain

    static let explanations: [(name: String, rule: String, subject: String)] = [
        ("firing", "timeline risk", "nvidia-openai-10gw"),
        ("clear", "Long exclusive commitment", "amazon-anthropic-2026"),
        ("undetermined", "TIMELINE RISK", "amazon-anthropic-2026"),
        ("not", "unverified figure", "nvidia-openai-10gw"),
        ("grouped", "concentration risk", "Amazon Web Services"),
        ("portfolio", "Portfolio roadmap exposure", "portfolio"),
    ]

    @Test("explain: text and JSON", arguments: explanations.indices)
    func explain(_ index: Int) throws {
        let (name, rule, subject) = Self.explanations[index]
        for format in ExplainRun.Format.allCases {
            let request = ExplainRun.Request(rule: rule, subject: subject, rulePaths: [ToolingSupport.fixture("explain/rules.rules")],
                                             dataPaths: [ToolingSupport.fixture("explain/deals.yaml")], asOf: ToolingSupport.asOf, format: format)
            let output = ExplainRun.execute(request)
            #expect(output.exitCode == 0, "\(output.stderr)")
            #expect(output.stderr.isEmpty)
            try ToolingSupport.expectGolden(ToolingSupport.portable(output.stdout), named: "explain/\(name).\(format == .text ? "txt" : "json")")
        }
    }
}
