import ArgumentParser
import DealRules
import DealRulesData
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rule files without evaluating them, and warn about likely mistakes.",
        discussion: """
        Reports every error the checker finds (exit status 2) and warnings with stable codes (docs/tooling.md):
          W101  unused definition
          W102  definition shadows a data field
          W103  condition that can never be true
          W104  field that no deal in --data has (with did-you-mean)
          W105  rule that no deal in --data can reach
          W106  data symbol outside the schema's `one of`
          W107  data value of the wrong type

        With --data the rules are compared with the deals, and the deals with the schema. Exit status: 0 clean (or only warnings), 1 warnings with --strict, 2 errors.

        Examples:
          dealrules lint Rules
          dealrules lint Rules --data data/deals.yaml --strict
          dealrules lint Rules/timeline.rules --format json
        """
    )

    @Argument(help: "Rule files or directories (every *.rules and *.rules.md inside).")
    var rules: [String] = []

    @Option(name: .customLong("data"), help: "Deal data to compare the rules and schema with. Repeatable.")
    var data: [String] = []

    @Option(name: .customLong("data-format"), help: "Read data as json, ndjson, yaml or csv whatever the file name says.")
    var dataFormat: DataFormat?

    @Flag(help: "Exit 1 when there is any warning.")
    var strict = false

    @Option(help: "text or json.")
    var format: LintRun.Format = .text

    @OptionGroup var color: ColorOptions

    func validate() throws {
        if rules.isEmpty { throw ValidationError("name at least one rule file or directory") }
    }

    func run() throws {
        var request = LintRun.Request(rulePaths: rules, dataPaths: data, strict: strict, format: format)
        request.dataFormat = dataFormat
        request.color = color.enabled() && format == .text
        try finish(LintRun.execute(request))
    }
}

extension LintRun.Format: ExpressibleByArgument {}
