import Foundation
import Testing
import DealRules

/// Whole sessions on the bundled rules and deals, compared with the
/// transcripts in Golden/repl/ (`UPDATE_GOLDEN=1` rewrites them). The
/// tutorial in REPL.md is the first of these.
@Suite("REPL golden transcripts")
struct ReplGoldenTests {
    static let tutorial: [String?] = [
        ":deals",
        ":deal nextera-gas-buildout",
        "capacity",
        "power source is one of gas, coal, oil",
        ":deal",
        "deal value is at least $50 billion",
        "count of deals where kind is power",
        "define mega deal as deal value is at least $50 billion.",
        "if mega deal and deal value is not confirmed,",
        "  flag unconfirmed headline.",
        "rule \"Big bet on unproven chips\"",
        "  when chip roadmap is unvalidated",
        "   and capacity is at least 5 GW",
        "  flag big chip bet",
        "  severity high",
        "",
        ":rules",
        ":run",
        ":deal amazon-anthropic-2026",
        ":explain Timeline risk",
        ":type deal value / capacity",
        ":quit",
    ]

    static let mistakes: [String?] = [
        ":dael stargate",
        ":deal stargat",
        "capacity tagret is known",
        "capacity is at least 5 GW and , kind is power",
        "if capacity is at least $5 billion, flag odd.",
        "define long commitment as term is at least 1 years.",
        "capacity is at least",
        "",
        "kind is",
        nil,
        ":explain Stranded gas",
        ":as-of next year",
        ":load",
        ":help rnu",
    ]

    @Test func tutorialSession() throws {
        let session = ReplFixture.session(Self.tutorial)
        #expect(session.status == 0)
        try ReplGolden.expect(session.transcript, name: "tutorial.txt")
    }

    @Test func mistakesAreReportedAndTheSessionGoesOn() throws {
        let session = ReplFixture.session(Self.mistakes)
        #expect(session.status == 2)
        try ReplGolden.expect(session.transcript, name: "mistakes.txt")
    }
}
