import ArgumentParser
import CMemoryHints
import DealRules
import Foundation

/// The `dealrules` command. Each subcommand is a thin shell over the
/// library: it turns flags into a request, runs it, prints and exits.
@main
struct DealRulesCommand: ParsableCommand {
    static let version = DealRulesVersion.current

    static let configuration = CommandConfiguration(
        commandName: "dealrules",
        abstract: "Risk rules for AI-infrastructure deals: check, test, lint, explain, format and explore.",
        discussion: """
        Examples:
          dealrules check Rules --data data/deals.yaml --as-of 2026-11-24
          dealrules test Rules
          dealrules explain "Timeline risk" --deal amazon-anthropic-2026 Rules --data data/deals.yaml
          dealrules repl Rules --data data/deals.yaml
        """,
        version: version,
        subcommands: [CheckCommand.self, TestCommand.self, FormatCommand.self, ReplCommand.self, LintCommand.self, ExplainCommand.self]
    )

    /// Exit codes follow CLI.md: usage errors are 2, not ArgumentParser's 64.
    static func main() {
        // Large tables (columns, report pieces) are given back when freed.
        dr_return_large_blocks()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
