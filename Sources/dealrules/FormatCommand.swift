import ArgumentParser
import DealRules
import DealRulesModel
import Foundation

struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite rule files in canonical layout (comments kept).",
        discussion: """
        With --check nothing is written: the files that would change are listed and the
        exit status is 1. Files with syntax errors are never rewritten (exit 2).

        Examples:
          dealrules fmt Rules
          dealrules fmt --check Rules
        """
    )

    @Flag(help: "Change nothing; exit 1 and list the files that would change.")
    var check = false

    @Argument(help: "Rule files or directories; default the current directory.")
    var files: [String] = []

    @OptionGroup var color: ColorOptions

    func run() throws {
        let outcome = FormatRunner.run(paths: files.isEmpty ? ["."] : files, check: check)
        let stderr = outcome.diagnostics.isEmpty ? "" : DiagnosticRenderer.render(outcome.diagnostics, color: color.enabled(for: STDERR_FILENO))
        try finish(CommandOutput(stdout: outcome.stdout, stderr: stderr, exitCode: outcome.exitCode))
    }
}
