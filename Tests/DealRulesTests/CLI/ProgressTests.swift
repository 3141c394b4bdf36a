import Foundation
import Testing

/// Progress of long runs goes to standard error only when it is a terminal.
@Suite("progress", .serialized)
struct ProgressTests {
    @Test("a terminal sees the progress line, erased before the summary")
    func terminal() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: PseudoTerminal.dealrulesExecutable(),
            arguments: ["check", Command.repositoryRoot + "/Rules", "--data", Command.repositoryRoot + "/data/deals.yaml",
                        "--as-of", "2026-11-24", "--format", "json", "--fail-on", "none"],
            environment: ["DEALRULES_PROGRESS_AFTER": "0", "TERM": "xterm"])
        let seen = try terminal.readUntil("\"summary\"", timeout: 20)
        #expect(seen.contains("evaluating rules over 15 deals:"))
        #expect(seen.contains("\u{1B}[2K"), "the line is erased")
        #expect(try terminal.waitForExit(timeout: 20) == 0)
    }

    @Test("piped standard error never sees progress")
    func piped() throws {
        let result = try Command.dealrules(["check", "Rules", "--data", "data/deals.yaml", "--as-of", "2026-11-24",
                                            "--format", "json", "--fail-on", "none"],
                                           environment: ["DEALRULES_PROGRESS_AFTER": "0"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }
}
