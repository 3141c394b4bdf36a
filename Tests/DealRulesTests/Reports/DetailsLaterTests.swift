@testable import DealRules
import DealRulesModel
import Testing

/// `check` lists outcomes without their details (message, evidence,
/// reasons) and works each out as the report writes it. Whatever the rules,
/// data, filters and baseline, the reports must be the ones a full report
/// gives.
@Suite("outcome details worked out while writing")
struct DetailsLaterTests {
    static let asOf = KernelAgreementTests.asOf

    static func reports(_ program: CheckedProgram, _ deals: [Deal], options: RuleRunner.Options) -> (full: CheckReport, later: CheckReport) {
        let outcomes = RuleRunner.evaluate(program, deals: deals, options: options)
        return (outcomes.report(includeClear: false), outcomes.report(includeClear: false, detailsLater: true))
    }

    /// A bundled rule directory, or one of the kernel tests' rule sets.
    static func program(_ rules: String) throws -> CheckedProgram {
        switch rules {
        case "kernel rules": return try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules)
        case "portfolio rules": return try KernelAgreementTests.program(rules: KernelAgreementTests.portfolioRules)
        default: return try KernelAgreementTests.program(directory: rules)
        }
    }

    @Test("the completed report equals the full one, and every format renders the same bytes",
          arguments: ["Rules", "Benchmarks/rules", "kernel rules", "portfolio rules"])
    func sameReports(_ rules: String) throws {
        let program = try Self.program(rules)
        var random = RandomDeals(seed: 404)
        let deals = random.deals(300)
        let (full, later) = Self.reports(program, deals, options: RuleRunner.Options(asOf: Self.asOf))
        #expect(!full.findings.isEmpty && !full.undetermined.isEmpty)
        #expect(later.findings.contains { $0.pending != nil }, "details are left for later")
        let completed = later.completed()
        #expect(completed.findings == full.findings)
        #expect(completed.undetermined == full.undetermined)
        #expect(completed.details == nil)
        #expect(later.countsBySeverity == full.countsBySeverity)
        for format in ReportFormat.allCases {
            #expect(ReportRenderer.render(later, format: format, options: ReportOptions()) == ReportRenderer.render(full, format: format, options: ReportOptions()),
                    "\(rules) \(format)")
        }
    }

    @Test("with clear outcomes listed (JUnit, HTML, --show-clear) too",
          arguments: ["Rules", "Benchmarks/rules", "kernel rules", "portfolio rules"])
    func sameReportsWithClearOutcomes(_ rules: String) throws {
        let program = try Self.program(rules)
        var random = RandomDeals(seed: 405)
        let outcomes = RuleRunner.evaluate(program, deals: random.deals(200), options: RuleRunner.Options(asOf: Self.asOf))
        var full = outcomes.report(includeClear: true)
        var later = outcomes.report(includeClear: true, detailsLater: true)
        #expect(!full.clear.isEmpty)
        if rules != "portfolio rules" {
            // (Portfolio rules the evaluator decides come with their evidence.)
            #expect(later.clear.contains { $0.pending != nil }, "clear outcomes are listed without their evidence")
        }
        #expect(later.clear.count == full.clear.count)
        #expect(later.clear.map(\.subject) == full.clear.map(\.subject))
        let completed = later.completed()
        #expect(completed.clear == full.clear, "completing gives each clear outcome its evidence")
        #expect(completed.findings == full.findings)
        for showClear in [false, true] {
            full.showClear = showClear
            later.showClear = showClear
            for format in ReportFormat.allCases {
                #expect(ReportRenderer.render(later, format: format, options: ReportOptions()) == ReportRenderer.render(full, format: format, options: ReportOptions()),
                        "\(rules) \(format) show-clear \(showClear)")
            }
        }
    }

    @Test("filters and a baseline give the same reports too")
    func filtersAndBaseline() throws {
        let program = try KernelAgreementTests.program(rules: KernelAgreementTests.kernelRules)
        var random = RandomDeals(seed: 77)
        let deals = random.deals(120)
        let options = RuleRunner.Options(asOf: Self.asOf, rules: ["k1", "k15", "k33"], subjects: deals.prefix(40).map(\.subject))
        var (full, later) = Self.reports(program, deals, options: options)
        let keys = Array(full.findings.prefix(full.findings.count / 2).map(\.key))
        full = Baseline.apply(keys, path: "baseline.json", to: full)
        later = Baseline.apply(keys, path: "baseline.json", to: later)
        #expect(later.baseline?.new == full.baseline?.new)
        #expect(later.hasFailingFindings == full.hasFailingFindings)
        for format in ReportFormat.allCases {
            #expect(ReportRenderer.render(later, format: format, options: ReportOptions()) == ReportRenderer.render(full, format: format, options: ReportOptions()),
                    "\(format)")
        }
    }

    @Test("an outcome that already has its details is left as it is")
    func completeOutcomesStay() throws {
        let program = try KernelAgreementTests.program(directory: "Rules")
        var random = RandomDeals(seed: 9)
        let (full, later) = Self.reports(program, random.deals(40), options: RuleRunner.Options(asOf: Self.asOf))
        for finding in full.findings { #expect(later.complete(finding) == finding) }
        for outcome in full.undetermined { #expect(later.complete(outcome) == outcome) }
    }

    @Test("every report, written two stretches at a time on two lanes, is the text written on one",
          arguments: ["Rules", "Benchmarks/rules", "portfolio rules"])
    func twoLanesWriteTheSameText(_ rules: String) throws {
        let program = try Self.program(rules)
        var random = RandomDeals(seed: 406)
        let outcomes = RuleRunner.evaluate(program, deals: random.deals(300), options: RuleRunner.Options(asOf: Self.asOf))
        for showClear in [false, true] {
            var report = outcomes.report(includeClear: showClear, detailsLater: true)
            report.showClear = showClear
            var serial = ""
            TextReport.write(report, options: ReportOptions(), chunks: ReportChunks(nil), into: &serial, lanes: 1, batch: 1 << 20)
            let fullText = ReportRenderer.render(outcomes.report(includeClear: showClear).with(showClear: showClear), format: .text, options: ReportOptions())
            #expect(serial == fullText)
            // Stretches that split subjects, a lone last stretch, and chunks handed on as they fill.
            for batch in [1, 7, 64] {
                var pieces: [String] = []
                var parallel = ""
                TextReport.write(report, options: ReportOptions(), chunks: ReportChunks({ pieces.append($0) }, size: 256),
                                 into: &parallel, lanes: 2, batch: batch)
                #expect(pieces.count > 1)
                #expect(pieces.joined() == serial, "\(rules) batch \(batch) show-clear \(showClear)")
            }
            // NDJSON lines, GitHub annotations, JUnit cases, the HTML page and Markdown tables, the same way.
            let lineFormats: [(ReportFormat, (inout String, ReportChunks, Int, Int) -> Void)] = [
                (.ndjson, { NDJSONReport.write(report, chunks: $1, into: &$0, lanes: $2, batch: $3) }),
                (.github, { GitHubReport.write(report, chunks: $1, into: &$0, lanes: $2, batch: $3) }),
                (.junit, { JUnitReport.write(report, options: ReportOptions(), chunks: $1, into: &$0, lanes: $2, batch: $3) }),
                (.html, { HTMLReport.write(report, options: ReportOptions(), chunks: $1, into: &$0, lanes: $2, batch: $3) }),
                (.markdown, { MarkdownReport.write(report, chunks: $1, into: &$0, lanes: $2, batch: $3) }),
            ]
            for (format, write) in lineFormats {
                var oneLane = ""
                write(&oneLane, ReportChunks(nil), 1, 1 << 20)
                #expect(oneLane == ReportRenderer.render(outcomes.report(includeClear: showClear).with(showClear: showClear), format: format, options: ReportOptions()), "\(format)")
                for batch in [1, 5, 64] {
                    var pieces: [String] = []
                    var twoLanes = ""
                    write(&twoLanes, ReportChunks({ pieces.append($0) }, size: 256), 2, batch)
                    #expect(pieces.count > 1)
                    #expect((pieces + [twoLanes]).joined() == oneLane, "\(rules) \(format) batch \(batch) show-clear \(showClear)")
                }
            }
            // The JSON and SARIF documents' outcome arrays, the same way.
            let documents: [(String, JSONWriter.Streamed, ReportFormat)] = [
                ("json", JSONReport.streamed(report), .json),
                ("sarif", SARIFReport.streamed(report, options: ReportOptions()), .sarif),
            ]
            for (name, document, format) in documents {
                var oneLane = ""
                JSONWriter.write(document, chunks: ReportChunks(nil), into: &oneLane, lanes: 1)
                #expect(oneLane + "\n" == ReportRenderer.render(outcomes.report(includeClear: showClear).with(showClear: showClear), format: format, options: ReportOptions()), "\(name)")
                for batch in [1, 5, 64] {
                    var pieces: [String] = []
                    var twoLanes = ""
                    JSONWriter.write(document, chunks: ReportChunks({ pieces.append($0) }, size: 256), into: &twoLanes, lanes: 2, batch: batch)
                    #expect((pieces + [twoLanes]).joined() == oneLane, "\(rules) \(name) batch \(batch) show-clear \(showClear)")
                }
            }
        }
    }

    @Test("a share rule gives each group the same reasons whichever group is decided first")
    func shareReasonsDoNotHangOnOrder() throws {
        let program = try Self.program("Benchmarks/rules")
        var random = RandomDeals(seed: 406)
        let outcomes = RuleRunner.evaluate(program, deals: random.deals(300), options: RuleRunner.Options(asOf: Self.asOf))
        var checked = 0
        for (position, entry) in outcomes.entries.enumerated() {
            guard case .grouped(let rule, _, let groups) = entry,
                  outcomes.program.rules[rule].info.name == "Hyperscaler concentration" else { continue }
            func reasons(inOrder order: [Int]) -> [Int: [UndeterminedReason]] {
                var replay = OutcomeReplay(outcomes)
                var found: [Int: [UndeterminedReason]] = [:]
                for group in order {
                    _ = replay.decide(OutcomeOrigin(entry: position, position: group))
                    found[group] = replay.evaluator.reasons
                }
                return found
            }
            // Whichever group is decided first computes the total (with its
            // own reasons already there); every group must come out alike.
            let forward = reasons(inOrder: Array(groups.indices))
            for first in groups.indices {
                let order = [first] + groups.indices.filter { $0 != first }
                #expect(reasons(inOrder: order) == forward, "group \(groups[first].subject) first")
            }
            #expect(forward.values.contains { !$0.isEmpty }, "some group is undetermined")
            checked += groups.count
        }
        #expect(checked > 1)
    }
}

private extension CheckReport {
    func with(showClear: Bool) -> CheckReport {
        var report = self
        report.showClear = showClear
        return report
    }
}
