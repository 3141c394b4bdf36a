import Foundation
import Testing
@testable import DealRules

/// Whatever is typed, the session answers and goes on.
@Suite("REPL hostile input")
struct ReplHostileInputTests {
    static let lines: [String] = [
        ":", "::", ": deal", ":-", ":help :help", ":deal \u{1B}[31mred", ":explain \u{0}", ":as-of 9999-99-99",
        ":as-of 0000-01-01", ":load /dev/null", ":data /dev/null", ":save /", ":save /dev/null/x.rules", ":type",
        ":type (((", "\u{0}", "\u{7F}\u{1B}[A", String(repeating: "(", count: 5000), String(repeating: "not ", count: 5000) + "true",
        "\"unterminated", "`quoted", "rule", "test", "define", "field", "use", "use \"/etc/passwd\"", "if", "when",
        String(repeating: "é", count: 3000), "capacity is at least 99999999999999999999999999999999 GW",
        "deal value / 0", "count of deals where count of deals where true is at least 1",
        String(repeating: "a and ", count: 3000) + "a", "define x as x.", "define y as z. define z as y.",
    ]

    @Test func everyLineGetsAnAnswerAndTheSessionGoesOn() {
        let engine = ReplFixture.started()
        for line in Self.lines {
            _ = engine.submit(line)
            engine.interrupt()
            _ = engine.completions(lineBeforeCursor: line, word: String(line.suffix(3)))
        }
        #expect(engine.submit("1 + 1").output == "2\n")
        #expect(!engine.submit(":run").failed)
    }
}
