import ArgumentParser
import DealRules
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the `test` blocks of rule files.",
        discussion: """
        Prints PASS or FAIL per test (with what was expected and what happened), then
        `N passed, N failed`. Exit status 1 if any test failed, 2 if a rule file has errors.

        Examples:
          dealrules test Rules
          dealrules test Rules/timeline.rules --format junit > rule-tests.xml
        """
    )

    @Argument(help: "Rule files or directories; default the current directory.")
    var rules: [String] = []

    @Option(help: "text or junit.")
    var format: TestRun.Format = .text

    @OptionGroup var color: ColorOptions

    func run() throws {
        try finish(TestRun.execute(paths: rules, format: format, color: color.enabled()))
    }
}

extension TestRun.Format: ExpressibleByArgument {}
