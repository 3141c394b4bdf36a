import Foundation
import Testing
@testable import DealRules
import DealRulesData
import DealRulesModel
import DealRulesSyntax

/// Every limit of LANGUAGE.md §10 and of the data loaders, each exceeded by
/// one and met exactly, through the same entry points the commands use.
@Suite("Robustness: limits")
struct RobustnessLimitTests {
    static func nested(_ depth: Int) -> String {
        "if " + String(repeating: "(", count: depth) + "capacity is at least 1 GW" + String(repeating: ")", count: depth) + ", flag deep."
    }

    @Test func expressionNestingDepthThroughTheWholePipeline() throws {
        let over = RobustnessFixtures.check(Self.nested(SyntaxLimits.maximumNestingDepth + 1))
        #expect(over.program == nil)
        #expect(RobustnessFixtures.codes(over.diagnostics).contains("E120"))
        let message = try #require(over.diagnostics.first { $0.code == "E120" })
        #expect(message.resolvedLocation?.line == 1)

        // Just inside the limit the checker and the evaluator cope too.
        let within = try #require(RobustnessFixtures.run(Self.nested(SyntaxLimits.maximumNestingDepth - 2), data: "- {id: a, capacity: 2 GW}\n"))
        #expect(RobustnessFixtures.outcome(within.report, rule: "deep", subject: "a") == "finding")
    }

    /// Flat chains and chains of definitions are depth too: evaluating them
    /// recurses just as deeply as parentheses would. Flat chains count in
    /// the file (E120); definitions are counted through their uses (E208).
    @Test func longChainsAndDefinitionChainsMeetTheSameLimit() {
        let terms = (0..<20_000).map { "capacity is at least \($0) MW" }
        let chain = RobustnessFixtures.check("if " + terms.joined(separator: " and ") + ", flag long chain.")
        #expect(RobustnessFixtures.codes(chain.diagnostics) == ["E120"])

        var definitions = ["define d0 as capacity."]
        for index in 1..<1_000 { definitions.append("define d\(index) as d\(index - 1) + 1 MW.") }
        definitions.append("if d999 is more than 1 GW, flag deep definitions.")
        // Counted through the definitions used, a condition may nest 512 levels (E208).
        let deep = RobustnessFixtures.check(definitions.joined(separator: "\n"))
        #expect(deep.program == nil)
        #expect(Set(RobustnessFixtures.codes(deep.diagnostics)) == ["E208"])
        let deepError = deep.diagnostics.first { $0.code == "E208" }
        #expect(deepError?.message.contains("512") == true)

        let shallow = RobustnessFixtures.check(definitions.prefix(100).joined(separator: "\n") + "\nif d99 is more than 1 GW, flag fine.")
        #expect(shallow.diagnostics.isEmpty)
    }

    @Test func ruleFileSizeOnDiskAndInMemory() throws {
        let folder = RobustnessFixtures.scratchFolder("size")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/huge.rules"
        let bytes = Data(repeating: UInt8(ascii: "#"), count: ProgramLoader.maximumFileSize + 1)
        _ = FileManager.default.createFile(atPath: path, contents: bytes)
        let onDisk = ProgramLoader.load(paths: [path])
        #expect(RobustnessFixtures.codes(onDisk.diagnostics) == ["E215"])
        #expect(onDisk.diagnostics.first?.message.contains("16 MiB") == true)

        let inMemory = RobustnessFixtures.check(String(repeating: "#", count: SyntaxLimits.maximumFileBytes + 1))
        #expect(RobustnessFixtures.codes(inMemory.diagnostics) == ["E121"])
    }

    @Test func tenThousandRulesPerProgram() throws {
        func rules(_ count: Int) -> String {
            (0..<count).map { "if capacity is at least \($0) MW, flag cap\($0)." }.joined(separator: "\n")
        }
        let atLimit = RobustnessFixtures.check(rules(Checker.maximumRules))
        #expect(!RobustnessFixtures.codes(atLimit.diagnostics).contains("E209"))
        #expect(atLimit.program?.rules.count == Checker.maximumRules)

        let over = RobustnessFixtures.check(rules(Checker.maximumRules + 1))
        #expect(RobustnessFixtures.codes(over.diagnostics) == ["E209"])
        let error = try #require(over.diagnostics.first)
        // Pointed at the first rule too many.
        #expect(error.resolvedLocation?.line == Checker.maximumRules + 1)
    }

    /// f0 uses f1 uses f2 …: a chain of `files` files.
    static func useChain(_ files: Int, in folder: String) -> String {
        for index in 0..<files {
            let use = index + 1 < files ? "use \"f\(index + 1).rules\"\n" : ""
            RobustnessFixtures.write(use + "if capacity is at least \(index) MW, flag f\(index).\n", to: folder + "/f\(index).rules")
        }
        return folder + "/f0.rules"
    }

    @Test func useDepthSixtyFour() throws {
        let folder = RobustnessFixtures.scratchFolder("use-depth")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fine = ProgramLoader.load(paths: [Self.useChain(ProgramLoader.maximumUseDepth, in: folder + "/fine")])
        #expect(fine.diagnostics.isEmpty)
        #expect(fine.program?.rules.count == ProgramLoader.maximumUseDepth)

        let deep = ProgramLoader.load(paths: [Self.useChain(ProgramLoader.maximumUseDepth + 1, in: folder + "/deep")])
        #expect(RobustnessFixtures.codes(deep.diagnostics) == ["E214"])
        let error = try #require(deep.diagnostics.first)
        #expect(error.message.contains("64"))
        #expect(error.resolvedLocation?.path.hasSuffix("f63.rules") == true)
    }

    @Test func useCycleIsAnErrorNotARecursion() {
        let folder = RobustnessFixtures.scratchFolder("use-cycle")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        RobustnessFixtures.write("use \"b.rules\"\nif exclusive, flag a.\n", to: folder + "/a.rules")
        RobustnessFixtures.write("use \"a.rules\"\nif exclusive, flag b.\n", to: folder + "/b.rules")
        let loaded = ProgramLoader.load(paths: [folder + "/a.rules"])
        #expect(RobustnessFixtures.codes(loaded.diagnostics) == ["E213"])
    }

    @Test func dataNestingStringLengthAndDealCount() {
        let limits = DataLimits(maxDeals: 3, maxDepth: 8, maxStringLength: 16)
        func codes(_ text: String, _ format: DataFormat) -> [String] {
            DataLoader.load(bytes: Array(text.utf8), path: "limits", format: format, limits: limits).diagnostics.map(\.code)
        }
        let deepJSON = "[{\"x\": " + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "}]"
        #expect(codes(deepJSON, .json).contains("E430"))
        #expect(codes("{\"x\": " + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "}\n", .ndjson).contains("E430"))
        #expect(codes("- x: " + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "\n", .yaml).contains("E430"))
        #expect(codes("[{\"id\": \"\(String(repeating: "x", count: 17))\"}]", .json) == ["E431"])
        #expect(codes("- {id: a}\n- {id: b}\n- {id: c}\n- {id: d}\n", .yaml) == ["E432"])
    }

    /// A data "file" that never ends stops at the file-size limit, in bounded memory.
    @Test func endlessDataStopsAtTheSizeLimit() {
        let loaded = DataLoader.load(path: "/dev/zero", format: .json, limits: DataLimits(maxFileSize: 1 << 20))
        #expect(loaded.diagnostics.map(\.code) == ["E403"])
        #expect(loaded.deals.isEmpty)
    }

    /// `--max-deals` sets `DataLimits.maxDeals` for `check`.
    @Test func maxDealsThroughCheck() throws {
        let folder = RobustnessFixtures.scratchFolder("max-deals")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        RobustnessFixtures.write("if exclusive, flag exclusive deal.\n", to: folder + "/r.rules")
        RobustnessFixtures.write((1...5).map { "{\"id\": \"d\($0)\", \"exclusive\": true}" }.joined(separator: "\n") + "\n", to: folder + "/d.ndjson")
        var request = CheckRun.Request(rulePaths: [folder + "/r.rules"], dataPaths: [folder + "/d.ndjson"], asOf: RobustnessFixtures.asOf)
        request.limits.maxDeals = 3
        let limited = CheckRun.execute(request)
        #expect(limited.exitCode == 2)
        #expect(limited.stderr.contains("E432"))

        request.limits.maxDeals = 5
        let enough = CheckRun.execute(request)
        #expect(!enough.stderr.contains("E432"))
        #expect(enough.stdout.contains("d5"))
    }

    /// The flag itself, through the executable.
    @Test func maxDealsFlagOnTheCommandLine() throws {
        let folder = RobustnessFixtures.scratchFolder("max-deals-flag")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        RobustnessFixtures.write("if exclusive, flag exclusive deal.\n", to: folder + "/r.rules")
        RobustnessFixtures.write((1...5).map { "{\"id\": \"d\($0)\", \"exclusive\": true}" }.joined(separator: "\n") + "\n", to: folder + "/d.ndjson")
        let arguments = ["check", folder + "/r.rules", "--data", folder + "/d.ndjson", "--as-of", "2026-11-24"]
        let limited = try Command.dealrules(arguments + ["--max-deals", "3"])
        #expect(limited.status == 2)
        #expect(limited.stderr.contains("E432"))
        let enough = try Command.dealrules(arguments + ["--max-deals", "5"])
        #expect(enough.status == 0) // medium findings do not fail the default `--fail-on high`
        #expect(enough.stdout.contains("d5"))
        #expect(!enough.stderr.contains("E432"))
        let invalid = try Command.dealrules(arguments + ["--max-deals", "0"])
        #expect(invalid.status != 0 && invalid.status != 1)
        #expect(invalid.stderr.contains("--max-deals"))
    }
}
