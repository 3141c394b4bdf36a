import ArgumentParser
import DealRules
import DealRulesData
import DealRulesModel
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why a rule fired, did not fire, or was undetermined for one deal, group or the portfolio.",
        discussion: """
        Prints the rule's condition as a tree: each part with its value (true, false or unknown) and the fields it read, with their status and source. The parts that decided the outcome are marked with ▶. For a `for each K` rule, --deal takes the group key; for a `for all deals` rule, `portfolio`. Exit status 2 when the rule or subject does not exist.

        Examples:
          dealrules explain "Timeline risk" --deal amazon-anthropic-2026 Rules --data data/deals.yaml --as-of 2026-11-24
          dealrules explain "concentration risk" --deal "Amazon Web Services" Rules --data data/deals.yaml
          dealrules explain "Portfolio roadmap exposure" --deal portfolio Rules --data data/deals.yaml --format json
        """
    )

    @Argument(help: "The rule: its name or its flag (case-insensitive).")
    var rule: String

    @Argument(help: "Rule files or directories (every *.rules and *.rules.md inside).")
    var rules: [String] = []

    @Option(name: .customLong("deal"), help: "The subject: a deal id, a group key, or portfolio.")
    var deal: String

    @OptionGroup var dealData: DealDataOptions

    @Option(help: "text or json.")
    var format: ExplainRun.Format = .text

    @OptionGroup var color: ColorOptions

    func validate() throws {
        if rules.isEmpty { throw ValidationError("name at least one rule file or directory") }
    }

    func run() throws {
        var request = ExplainRun.Request(rule: rule, subject: deal, rulePaths: rules, dataPaths: dealData.data, asOf: dealData.date, format: format)
        request.dataFormat = dealData.dataFormat
        request.color = color.enabled() && format == .text
        try finish(ExplainRun.execute(request))
    }
}

extension ExplainRun.Format: ExpressibleByArgument {}
