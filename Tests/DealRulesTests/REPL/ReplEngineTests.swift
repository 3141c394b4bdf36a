import Foundation
import Testing
@testable import DealRules
import DealRulesModel

/// The REPL engine driven in-process: statements, expressions, continuation
/// and errors.
@Suite("REPL engine")
struct ReplEngineTests {
    @Test func definitionIsKeptAndThenEvaluatedForEveryDeal() {
        let engine = ReplFixture.started()
        let kept = engine.submit("define huge as capacity is at least 6 GW.")
        #expect(!kept.failed)
        #expect(kept.output == "defined huge: boolean\n")
        let table = engine.submit("huge")
        #expect(!table.failed)
        let lines = table.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("deal ") == true)
        #expect(lines.contains { $0.hasPrefix("nextera-gas-buildout") && $0.contains("true") && $0.hasSuffix("reported") })
        #expect(lines.contains { $0.hasPrefix("amazon-anthropic-2026") && $0.contains("false") })
        #expect(lines.contains { $0.hasPrefix("meta-entergy-hyperion") && $0.contains("unknown (missing capacity)") })
    }

    @Test func ruleIsKeptWithATrialRunAndListedAndRun() {
        let engine = ReplFixture.started()
        let before = engine.session.program.rules.count
        let kept = engine.submit("if capacity is at least 9 GW, flag giant.")
        #expect(kept.output.hasPrefix("kept rule \"giant\" (flag giant, medium): 3 findings"))
        #expect(engine.session.program.rules.count == before + 1)
        #expect(engine.submit(":rules").output.contains("giant   "))
        let run = engine.submit(":run").output
        #expect(run.contains("giant") && run.contains("nvidia-openai-10gw"))
    }

    @Test func statementThatBreaksTheProgramIsRejectedAndNotKept() {
        let engine = ReplFixture.started()
        let before = engine.session.program.rules.count
        let wrongType = engine.submit("if capacity is at least $5 billion, flag odd.")
        #expect(wrongType.failed)
        #expect(wrongType.errors.contains("error[E301]"))
        #expect(wrongType.errors.contains("<repl:1>:1:25"))
        #expect(wrongType.errors.hasSuffix("not kept: the session is unchanged\n"))
        #expect(engine.session.program.rules.count == before)

        // A second definition of a name the loaded rules define.
        let duplicate = engine.submit("define long commitment as term is at least 1 years.")
        #expect(duplicate.failed)
        #expect(duplicate.errors.contains("error[E203]"))
        #expect(engine.session.typedFiles.isEmpty)
    }

    @Test func unknownFieldInAnExpressionGetsACaretAndDidYouMean() {
        let engine = ReplFixture.started()
        let reply = engine.submit("capacity tagret is known")
        #expect(reply.failed)
        #expect(reply.output.isEmpty)
        #expect(reply.errors.contains("<repl:1>:1:1: error[E201]"))
        #expect(reply.errors.contains(" 1 | capacity tagret is known"))
        #expect(reply.errors.contains("   | ^^^^^^^^^^^^^^^"))
        #expect(reply.errors.contains("did you mean `capacity target`?"))
    }

    @Test func syntaxErrorPointsAtTheOffendingWord() {
        let engine = ReplFixture.started()
        _ = engine.submit(":deals")
        let reply = engine.submit("capacity is at least 5 GW and , kind is power")
        #expect(reply.failed)
        // The second input of the session.
        #expect(reply.errors.contains("<repl:2>:1:31"))
        #expect(reply.errors.contains("^"))
    }

    @Test func currentDealGivesOneValueWithItsEvidence() {
        let engine = ReplFixture.started()
        #expect(engine.submit(":deal amazon-anthropic-2026").output.hasPrefix("current deal: amazon-anthropic-2026"))
        let reply = engine.submit("deal value / capacity")
        #expect(reply.output.hasPrefix("$20 billion per GW (reported)\n"))
        #expect(reply.output.contains("  deal value = $100 billion (reported, headline reports"))
        #expect(reply.output.contains("  capacity = 5 GW (confirmed, Anthropic announcement)"))
    }

    @Test func portfolioExpressionIsEvaluatedOnce() {
        let engine = ReplFixture.started()
        let reply = engine.submit("count of deals where kind is compute")
        #expect(reply.output.hasPrefix("portfolio: "))
        #expect(!reply.output.contains("amazon-anthropic-2026"))
    }

    @Test func incompleteInputContinuesOnTheNextLine() {
        let engine = ReplFixture.started()
        #expect(engine.prompt == "dealrules> ")
        let first = engine.submit("capacity is at least")
        #expect(first == ReplReply())
        #expect(engine.isContinuing)
        #expect(engine.prompt == "      ...> ")
        let second = engine.submit("  9 GW")
        #expect(!engine.isContinuing)
        #expect(second.output.contains("nextera-gas-buildout         true"))
    }

    @Test func blockRuleEndsAtABlankLine() {
        let engine = ReplFixture.started()
        for line in ["rule \"Big nuclear\"", "  when power source is nuclear", "   and capacity is at least 900 MW", "  flag big nuclear"] {
            #expect(engine.submit(line) == ReplReply())
        }
        #expect(engine.submit("  severity low") == ReplReply())
        let done = engine.submit("")
        #expect(done.output.hasPrefix("kept rule \"Big nuclear\" (flag big nuclear, low): 1 finding"))
        #expect(!engine.isContinuing)
    }

    @Test func blankLineEndsAnIncompleteInputWithAnError() {
        let engine = ReplFixture.started()
        _ = engine.submit("capacity is at least")
        let reply = engine.submit("")
        #expect(reply.failed)
        #expect(reply.errors.contains("the input ended"))
        #expect(!engine.isContinuing)
    }

    @Test func interruptAbandonsMultiLineInputAndTheSessionGoesOn() {
        let engine = ReplFixture.started()
        _ = engine.submit("rule \"Half typed\"")
        _ = engine.submit("  when capacity is known")
        #expect(engine.interrupt())
        #expect(!engine.isContinuing)
        #expect(!engine.interrupt())
        #expect(engine.submit(":rules").output.contains("Half typed") == false)
        #expect(!engine.submit("1 + 2").failed)
    }

    @Test func typedTestIsKeptAndRunAtOnce() {
        let engine = ReplFixture.started()
        _ = engine.submit("if capacity is at least 9 GW, flag giant.")
        for line in ["test \"ten gigawatts is giant\"", "  given deal { capacity: 10 GW }", "  expect giant"] {
            #expect(engine.submit(line) == ReplReply())
        }
        #expect(engine.submit("").output == "kept test \"ten gigawatts is giant\": passes\n")
        _ = engine.submit("test \"one gigawatt is giant\"")
        _ = engine.submit("  given deal { capacity: 1 GW }")
        _ = engine.submit("  expect giant")
        let failing = engine.finish()
        #expect(!failing.failed)
        #expect(failing.output.hasPrefix("kept test \"one gigawatt is giant\": fails\n  "))
        #expect(engine.session.program.tests.count >= 2)
    }

    @Test func metaCommandEndsAPendingBlock() {
        let engine = ReplFixture.started()
        _ = engine.submit("rule \"Quick\" when capacity is at least 9 GW")
        _ = engine.submit("  flag quick")
        let reply = engine.submit(":rules")
        #expect(reply.output.hasPrefix("kept rule \"Quick\""))
        #expect(reply.output.contains("quick"))
    }

    @Test func withoutDataConstantsStillEvaluate() {
        let engine = ReplFixture.started(rules: [], data: [])
        #expect(engine.submit("2 + 3").output == "5\n")
        #expect(engine.submit("2026-11-24 is after 2026-01").output == "true\n")
    }

    @Test func utf8InputIsKeptAndCaretsLineUp() {
        let engine = ReplFixture.started(rules: [], data: [])
        let kept = engine.submit("define café as \"naïve\" is \"naïve\".")
        #expect(kept.output == "defined café: boolean\n")
        #expect(engine.submit("café").output == "true\n")
        let error = engine.submit("\"é\" is at least , 3")
        #expect(error.errors.contains("<repl:3>:1:17"))
    }

    @Test func colourOnlyWhenAskedFor() {
        let plain = ReplFixture.started()
        #expect(!plain.submit(":rules").output.contains("\u{1B}["))
        #expect(!plain.submit(":nope").errors.contains("\u{1B}["))
        let coloured = ReplEngine(ReplConfiguration(rulePaths: [ReplFixture.rules], dataPaths: [ReplFixture.deals],
                                                    asOf: ReplFixture.asOf, color: true))
        _ = coloured.start()
        #expect(coloured.submit(":rules").output.hasPrefix("\u{1B}[1mrule"))
        #expect(coloured.submit(":nope").errors.contains("\u{1B}[1;31merror[E701]"))
    }

    @Test func driverExitStatusIsTwoWhenAnyLineFailed() {
        #expect(ReplFixture.session(["1 + 1", ":deals"]).status == 0)
        #expect(ReplFixture.session(["1 +", "", "1 + 1"]).status == 2)
        #expect(ReplFixture.session([":nope"]).status == 2)
        // :quit stops reading: the failing line after it is never read.
        #expect(ReplFixture.session([":quit", ":nope"]).status == 0)
    }

    @Test func controlCInTheDriverKeepsTheSession() {
        let session = ReplFixture.session(["capacity is", nil, ":as-of"])
        #expect(session.status == 0)
        #expect(session.transcript.contains("      ...> ^C\ndealrules> :as-of\nas of 2026-11-24\n"))
    }
}
