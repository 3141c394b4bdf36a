import Foundation
import Testing
@testable import DealRules
import DealRulesData
import DealRulesModel

/// A batch run reports exactly one outcome for every rule and subject,
/// whatever the data looks like: deals without ids, deals sharing an id
/// (warned about, both kept and evaluated) and malformed records
/// (reported with their place; the rest of the file is still evaluated).
@Suite("Robustness: nothing lost")
struct RobustnessNothingLostTests {
    static let generated = GeneratedDeals(seed: 0xDEA1_5EED, count: 300)

    static var bundledRules: CheckedProgram? {
        ProgramLoader.load(paths: [RobustnessFixtures.repositoryRoot + "/Rules"]).program
    }

    static func text(_ format: DataFormat) -> String {
        switch format {
        case .ndjson: return generated.ndjson
        case .json: return generated.json
        case .csv: return generated.csv
        case .yaml: return generated.json // JSON is YAML too; the YAML reader must agree
        }
    }

    /// Where the loader must report each malformed record: the line.
    static func malformedLines(_ format: DataFormat) -> [Int] {
        switch format {
        case .ndjson: return generated.malformedPositions
        case .json, .yaml: return generated.malformedPositions.map { $0 + 1 }
        case .csv: return generated.malformedPositions.map { $0 + 1 }
        }
    }

    @Test(arguments: [DataFormat.ndjson, .json, .csv, .yaml])
    func everyRuleAndSubjectHasExactlyOneOutcome(format: DataFormat) throws {
        let program = try #require(Self.bundledRules)
        let loaded = DataLoader.load(bytes: Array(Self.text(format).utf8), path: "generated.\(format.rawValue)", format: format)

        // Every good record is kept, in order, with the subject it must have.
        #expect(loaded.deals.map(\.subject) == Self.generated.subjects)
        // Every malformed record is reported where it is.
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.compactMap { $0.resolvedLocation?.line } == Self.malformedLines(format), "\(errors.map(\.description))")
        #expect(errors.allSatisfy { $0.resolvedLocation?.path == "generated.\(format.rawValue)" })
        // Every repeated id is warned about, once per repeat.
        let subjects = Self.generated.subjects
        let repeats = subjects.count - Set(subjects).count
        #expect(loaded.diagnostics.filter { $0.code == "E440" }.count == repeats)
        #expect(repeats > 5)
        #expect(subjects.contains { $0.hasPrefix("#") })

        let report = RuleRunner.run(program, deals: loaded.deals, options: RuleRunner.Options(asOf: RobustnessFixtures.asOf))
        var outcomes: [String: [String]] = [:]
        for finding in report.findings { outcomes[finding.rule.name, default: []].append(finding.subject) }
        for outcome in report.undetermined { outcomes[outcome.rule.name, default: []].append(outcome.subject) }
        for outcome in report.clear { outcomes[outcome.rule.name, default: []].append(outcome.subject) }

        var expectedTotal = 0
        for rule in program.rules {
            let got = outcomes[rule.info.name] ?? []
            switch rule.scope {
            case .perDeal:
                // One outcome per deal: a subject shared by two deals appears twice.
                #expect(got.sorted() == subjects.sorted(), "\(rule.info.name)")
                expectedTotal += subjects.count
            case .forAllDeals:
                #expect(got == ["portfolio"], "\(rule.info.name)")
                expectedTotal += 1
            case .forEach:
                // One outcome per group, and one for each deal that joins no group.
                let groups = got.filter { !subjects.contains($0) }
                #expect(Set(groups).count == groups.count, "\(rule.info.name): \(groups)")
                // CSV has no list of parties, so no deal has a hyperscaler there.
                #expect(groups.isEmpty == (format == .csv), "\(rule.info.name): \(groups)")
                expectedTotal += got.count
            }
        }
        #expect(report.findings.count + report.undetermined.count + report.clear.count == expectedTotal)
        #expect(!report.findings.isEmpty && !report.undetermined.isEmpty && !report.clear.isEmpty)
    }

    /// The same through `check --show-clear --format json`: the summary adds up.
    @Test func showClearCountsAddUpInTheJSONReport() throws {
        let folder = RobustnessFixtures.scratchFolder("nothing-lost")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        RobustnessFixtures.write(Self.generated.ndjson, to: folder + "/deals.ndjson")
        let rules = """
        if capacity is at least 2 GW, flag big.
        if deal value / capacity is more than $20 billion per GW, flag costly.
        if capacity target is beyond 2 years, flag distant.
        """
        RobustnessFixtures.write(rules, to: folder + "/r.rules")
        var request = CheckRun.Request(rulePaths: [folder + "/r.rules"], dataPaths: [folder + "/deals.ndjson"],
                                       asOf: RobustnessFixtures.asOf, format: .json)
        request.showClear = true
        let output = CheckRun.execute(request)
        #expect(output.exitCode == 2) // malformed records are errors; the run still reports
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        let findings = try #require(summary["findings"] as? Int)
        let undetermined = try #require(summary["undetermined"] as? Int)
        let clear = try #require(summary["clear"] as? Int)
        let deals = Self.generated.subjects.count
        #expect(summary["deals"] as? Int == deals)
        #expect(findings + undetermined + clear == 3 * deals)
        #expect((object["findings"] as? [Any])?.count == findings)
        #expect((object["undetermined"] as? [Any])?.count == undetermined)
        #expect((object["clear"] as? [Any])?.count == clear)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.filter { $0["code"] as? String == "E410" }.count == Self.generated.malformedPositions.count)
        #expect(output.stderr.contains("E440"))
    }
}
