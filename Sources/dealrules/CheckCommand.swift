import ArgumentParser
import DealRules
import DealRulesData
import DealRulesModel
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate rule files against deal data and report findings.",
        discussion: """
        Exit status: 0 no failing findings, 1 a finding at or above --fail-on (or an undetermined
        outcome with --fail-on-undetermined), 2 the input is wrong.

        Examples:
          dealrules check Rules --data data/deals.yaml --as-of 2026-11-24
          dealrules check Rules --data deals.csv --format sarif --output dealrules.sarif
          dealrules check Rules --data data/deals.yaml --baseline baseline.json --fail-on medium
          cat deals.ndjson | dealrules check Rules --data - --data-format ndjson --format json
        """
    )

    @Argument(help: "Rule files or directories (every *.rules and *.rules.md inside).")
    var rules: [String] = []

    @OptionGroup var dealData: DealDataOptions

    @Option(help: "text, json, ndjson, junit, sarif, github, markdown or html.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding has this severity or higher: info, low, medium, high, critical or none.")
    var failOn: String = "high"

    @Flag(name: .customLong("fail-on-undetermined"), help: "Also exit 1 when any rule is undetermined.")
    var failOnUndetermined = false

    @Option(help: "An earlier --format json report: findings already there are marked and do not fail the run.")
    var baseline: String?

    @Option(name: .customLong("rule"), help: "Only this rule (name or flag). Repeatable.")
    var ruleNames: [String] = []

    @Option(name: .customLong("deal"), help: "Only this subject (deal id, group key or portfolio). Repeatable.")
    var deals: [String] = []

    @Flag(name: .customLong("show-clear"), help: "Also list clear (false) outcomes.")
    var showClear = false

    @Option(name: .customLong("max-deals"), help: "Refuse data with more deals than this (default 1000000).")
    var maxDeals: Int?

    @OptionGroup var color: ColorOptions

    func validate() throws {
        if rules.isEmpty { throw ValidationError("name at least one rule file or directory") }
        if failOn != "none" && Severity(rawValue: failOn.lowercased()) == nil {
            throw ValidationError("--fail-on takes info, low, medium, high, critical or none, not \(failOn)")
        }
        if let maxDeals, maxDeals < 1 { throw ValidationError("--max-deals must be at least 1") }
    }

    func run() throws {
        var request = CheckRun.Request(rulePaths: rules, dataPaths: dealData.data, asOf: dealData.date, format: format)
        request.dataFormat = dealData.dataFormat
        request.output = output
        request.failOn = failOn == "none" ? nil : Severity(rawValue: failOn.lowercased())
        request.failOnUndetermined = failOnUndetermined
        request.baseline = baseline
        request.rules = ruleNames
        request.deals = deals
        request.showClear = showClear
        request.color = color.enabled() && output == nil
        if let maxDeals { request.limits.maxDeals = maxDeals }
        if !dealData.data.contains("-") { request.progress = ProgressReporter.forStandardError(dataPaths: dealData.data) }
        try finish(CheckRun.execute(request, stdout: writeStandardOutput))
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension DataFormat: ExpressibleByArgument {}
