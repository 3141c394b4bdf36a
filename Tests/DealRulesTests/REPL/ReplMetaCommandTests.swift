import Foundation
import Testing
@testable import DealRules
import DealRulesModel

/// Every meta-command, through the engine.
@Suite("REPL meta-commands")
struct ReplMetaCommandTests {
    @Test func helpListsEveryCommandAndExplainsOne() {
        let engine = ReplFixture.started()
        let all = engine.submit(":help").output
        for command in ReplMetaCommand.allCases { #expect(all.contains("  " + command.usage)) }
        let one = engine.submit(":help deal")
        #expect(one.output.hasPrefix(":deal [ID]\n"))
        let unknown = engine.submit(":help rnu")
        #expect(unknown.failed && unknown.errors.contains("did you mean `:run`?"))
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let engine = ReplFixture.started()
        let reply = engine.submit(":dael amazon")
        #expect(reply.failed)
        #expect(reply.errors.contains("error[E701]: unknown command `:dael`"))
        #expect(reply.errors.contains(" 1 | :dael amazon\n   | ^^^^^\n"))
        #expect(reply.errors.contains("did you mean `:deal`?"))
    }

    @Test func loadAddsRulesAndReplacesAFileLoadedAgain() {
        let engine = ReplFixture.started(rules: [], data: [])
        let first = engine.submit(":load \(ReplFixture.rules)/power.rules")
        #expect(first.output == "loaded 2 files: 3 rules in the session (3 new)\n")
        let again = engine.submit(":load \(ReplFixture.rules)/power.rules")
        #expect(again.output == "loaded 2 files: 3 rules in the session\n")
        let missing = engine.submit(":load nowhere.rules")
        #expect(missing.failed && missing.errors.contains("nowhere.rules"))
        #expect(engine.submit(":load").errors.contains("`:load` needs PATH..."))
    }

    @Test func loadThatConflictsWithTypedStatementsIsRejected() {
        let engine = ReplFixture.started(rules: [], data: [])
        _ = engine.submit("if capacity is known, flag stranded gas build-out.")
        let reply = engine.submit(":load \(ReplFixture.rules)/power.rules")
        #expect(reply.failed)
        #expect(reply.errors.contains("error[E204]"))
        #expect(engine.session.program.rules.count == 1)
    }

    @Test func dataAddsDealsAndRejectsBadFiles() throws {
        let folder = try replTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let extra = folder.appendingPathComponent("extra.json").path
        try Data(#"[{"id": "tiny", "capacity": "5 MW"}]"#.utf8).write(to: URL(fileURLWithPath: extra))
        let broken = folder.appendingPathComponent("broken.json").path
        try Data("[{".utf8).write(to: URL(fileURLWithPath: broken))

        let engine = ReplFixture.started()
        #expect(engine.submit(":data \(extra)").output == "loaded 1 deal; 16 deals in the session\n")
        #expect(engine.submit(":data \(extra)").output == "loaded 1 deal; 16 deals in the session\n")
        let bad = engine.submit(":data \(broken)")
        #expect(bad.failed && bad.errors.contains("not loaded: the data is unchanged"))
        #expect(engine.session.deals.count == 16)
    }

    /// Rule runs read kept columns (`DealColumns`): deals added after a run
    /// are seen by the next one, and so are fields a new rule reads.
    @Test func runsSeeDealsAndFieldsAddedAfterEarlierRuns() throws {
        let folder = try replTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let extra = folder.appendingPathComponent("extra.json").path
        try Data(#"[{"id": "huge-one", "capacity": "50 GW", "term": "30 years"}]"#.utf8).write(to: URL(fileURLWithPath: extra))

        let engine = ReplFixture.started()
        #expect(engine.submit("if capacity is at least 40 GW, flag colossal.").output
                == "kept rule \"colossal\" (flag colossal, medium): 0 findings, 5 undetermined over 15 deals\n")
        #expect(!engine.submit(":run").output.contains("huge-one"))
        _ = engine.submit(":data \(extra)")
        let found = { (flag: String) in
            engine.submit(":run").output.split(separator: "\n").contains { $0.hasPrefix(flag + " ") && $0.contains(" huge-one ") }
        }
        #expect(found("colossal"))
        // A field no earlier run read.
        #expect(engine.submit("if term is at least 25 years, flag lasting.").output
                .hasPrefix("kept rule \"lasting\" (flag lasting, medium): 1 finding"))
        #expect(found("lasting"))
    }

    @Test func dealsListsIdsAndNamesAndMarksTheCurrentOne() {
        let engine = ReplFixture.started()
        let list = engine.submit(":deals").output
        #expect(list.hasPrefix("id "))
        #expect(list.contains("stargate                     Stargate Project (OpenAI, SoftBank, Oracle, MGX)"))
        _ = engine.submit(":deal stargate")
        let marked = engine.submit(":deals").output
        #expect(marked.contains("\n* stargate "))
        #expect(marked.contains("\n  amazon-anthropic-2026 "))
    }

    @Test func dealSelectsClearsAndSuggests() {
        let engine = ReplFixture.started()
        #expect(engine.submit(":deal google-kairos-smr").output.hasPrefix("current deal: google-kairos-smr ("))
        #expect(engine.session.currentDeal == "google-kairos-smr")
        let typo = engine.submit(":deal google-kairos-smx")
        #expect(typo.failed && typo.errors.contains("did you mean `google-kairos-smr`?"))
        #expect(typo.errors.contains("error[E703]"))
        #expect(engine.session.currentDeal == "google-kairos-smr")
        #expect(engine.submit(":deal").output.hasPrefix("no current deal"))
        #expect(engine.session.currentDeal == nil)
    }

    @Test func rulesShowsFlagSeverityAndScope() {
        let engine = ReplFixture.started()
        let rules = engine.submit(":rules").output
        #expect(rules.hasPrefix("rule "))
        #expect(rules.contains("Compute concentration"))
        #expect(rules.contains("concentration risk"))
        #expect(rules.contains("for each hyperscaler"))
        #expect(rules.contains("for all deals"))
        #expect(rules.contains("per deal"))
    }

    @Test func runListsFindingsAndTheUndeterminedCount() {
        let engine = ReplFixture.started()
        let run = engine.submit(":run").output
        #expect(run.hasPrefix("rule "))
        #expect(run.contains("subject"))
        #expect(run.contains("Stranded gas build-out"))
        let summary = run.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.contains("undetermined"))
        #expect(summary.hasSuffix("over 15 deals as of 2026-11-24"))
    }

    @Test func explainShowsTheConditionTreeForTheCurrentDeal() {
        let engine = ReplFixture.started()
        _ = engine.submit(":deal nextera-gas-buildout")
        let fired = engine.submit(":explain Stranded gas build-out").output
        #expect(fired.contains("rule \"Stranded gas build-out\""))
        #expect(fired.contains("subject nextera-gas-buildout, as of 2026-11-24"))
        #expect(fired.contains("capacity = 10 GW"))
        #expect(!fired.contains("amazon-anthropic-2026"))
        // By flag too, case ignored.
        _ = engine.submit(":deal amazon-anthropic-2026")
        let undetermined = engine.submit(":explain TIMELINE RISK").output
        #expect(undetermined.contains("subject amazon-anthropic-2026"))
        #expect(undetermined.contains("unknown"))
    }

    @Test func explainWithoutADealTabulatesOutcomes() {
        let engine = ReplFixture.started()
        let table = engine.submit(":explain Stranded gas build-out").output
        #expect(table.contains("\nnextera-gas-buildout         fires\n"))
        #expect(table.contains("\nmeta-entergy-hyperion        undetermined: missing capacity\n"))
        #expect(table.contains("\ngoogle-kairos-smr            clear\n"))
        // A grouped rule is explained group by group.
        let grouped = engine.submit(":explain Portfolio roadmap exposure").output
        #expect(grouped.contains("subject portfolio"))
    }

    @Test func explainOfAnUnknownRuleSuggests() {
        let engine = ReplFixture.started()
        let unknown = engine.submit(":explain Stranded gas")
        #expect(unknown.failed && unknown.errors.contains("error[E704]"))
        #expect(unknown.errors.contains("did you mean `Stranded gas build-out`?"))
        #expect(engine.submit(":explain").errors.contains("`:explain` needs RULE"))
    }

    @Test func asOfChangesEvaluation() {
        let engine = ReplFixture.started()
        #expect(engine.submit(":as-of").output == "as of 2026-11-24\n")
        _ = engine.submit(":deal google-kairos-smr")
        #expect(engine.submit("capacity target is beyond 5 years").output.hasPrefix("true"))
        #expect(engine.submit(":as-of 2031-01-01").output == "as of 2031-01-01\n")
        #expect(engine.submit("capacity target is beyond 5 years").output.hasPrefix("false"))
        let bad = engine.submit(":as-of soon")
        #expect(bad.failed && bad.errors.contains("error[E705]"))
    }

    @Test func typeShowsStaticAndDynamicTypes() {
        let engine = ReplFixture.started()
        let reply = engine.submit(":type capacity")
        #expect(reply.output.hasPrefix("static:  GW\n") || reply.output.hasPrefix("static:  power"))
        #expect(reply.output.contains("dynamic: "))
        #expect(reply.output.contains("unknown ("))
        let text = engine.submit(":type name").output
        #expect(text == "static:  text\ndynamic: text (15 deals)\n")
        #expect(engine.submit(":type capacity is").failed)
    }

    @Test func saveWritesAFormattedRuleFileThatLoadsAgain() throws {
        let folder = try replTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = ReplFixture.started()
        #expect(engine.submit(":save \(folder.path)/nothing.rules").output.hasPrefix("nothing to save"))
        _ = engine.submit("define giant as capacity is at least 9 GW.")
        _ = engine.submit("# typed comments are kept")
        _ = engine.submit("if   giant and kind is power ,   flag giant power.")
        let path = folder.appendingPathComponent("session.rules").path
        #expect(engine.submit(":save \(path)").output == "saved 2 statements to \(path)\n")
        let saved = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        #expect(saved.contains("define giant as capacity is at least 9 GW"))
        #expect(saved.contains("if giant and kind is power, flag giant power"))
        // Saving over it again replaces it whole; no temporary files stay.
        #expect(!engine.submit(":save \(path)").failed)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names == ["session.rules"])

        // The saved file loads beside the vocabulary it was typed against.
        let fresh = ReplFixture.started()
        #expect(!fresh.submit(":load \(path)").failed)
    }

    @Test func saveReportsIOErrorsAndLeavesFilesAlone() throws {
        let folder = try replTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = ReplFixture.started()
        _ = engine.submit("define giant as capacity is at least 9 GW.")
        let missingFolder = engine.submit(":save \(folder.path)/no/such/folder/x.rules")
        #expect(missingFolder.failed)
        #expect(missingFolder.errors.contains("error[E706]: cannot save to"))
        #expect(missingFolder.errors.contains("No such file or directory"))
        let intoFolder = engine.submit(":save \(folder.path)")
        #expect(intoFolder.failed && intoFolder.errors.contains("it is a folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func resetGoesBackToTheStart() {
        let engine = ReplFixture.started()
        let rules = engine.session.program.rules.count
        _ = engine.submit("if capacity is known, flag sized.")
        _ = engine.submit(":deal stargate")
        _ = engine.submit(":as-of 2030-01-01")
        let reply = engine.submit(":reset")
        #expect(reply.output == "session reset: \(rules) rules, 15 deals, as of 2026-11-24\n")
        #expect(engine.session.program.rules.count == rules)
        #expect(engine.session.currentDeal == nil)
        #expect(engine.session.typedFiles.isEmpty)
    }

    @Test func quitAndItsAliasesEndTheSession() {
        let engine = ReplFixture.started()
        #expect(engine.submit(":quit").quit)
        #expect(engine.submit(":q").quit)
        #expect(engine.submit(":exit").quit)
        #expect(!engine.submit(":deals").quit)
    }
}
