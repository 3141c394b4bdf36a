import DealRulesModel
import DealRulesSyntax

// `:rules`, `:run` and `:explain`: the session's rules over its data.
extension ReplEngine {
    func listRules() -> ReplReply {
        let rules = session.program.rules
        guard !rules.isEmpty else { return .text("no rules in the session; type one, or :load FILE") }
        var table = ReplTable(["rule", "flag", "severity", "scope", "defined at"])
        for rule in rules {
            let info = rule.info
            table.add([info.name, info.flag, info.severity.rawValue, info.scopeDescription ?? "per deal", info.location.description],
                      paint: [2: ReplTable.colour(of: info.severity)])
        }
        return .text(table.render(style: style))
    }

    func runRules() -> ReplReply {
        let program = session.program
        guard !program.rules.isEmpty else { return .text("no rules in the session; type one, or :load FILE") }
        guard !session.deals.isEmpty else { return .text("no deals loaded; use :data FILE") }
        // Clear outcomes are neither listed nor counted here: their
        // evidence is not worked out. Findings are listed without their
        // details and each one's message worked out as its row is made, so
        // a portfolio that flags hundreds of thousands of deals never holds
        // every finding's evidence at once.
        let report = RuleRunner.evaluate(program, columns: session.columns, options: RuleRunner.Options(asOf: session.asOf))
            .report(includeClear: false, detailsLater: true)
        // The table, then the summary, in one text: the table of a large
        // portfolio is tens of megabytes, and is not copied to add a line.
        var output = report.findingList.isEmpty ? "no findings" : findingsTable(report).render(style: style)
        let counts = report.countsBySeverity
        let bySeverity = Severity.allCases.reversed().compactMap { level -> String? in
            let count = counts[level] ?? 0
            return count > 0 ? "\(count) \(level.rawValue)" : nil
        }
        var summary = ReplWording.count(report.findingList.count, "finding")
        if !bySeverity.isEmpty { summary += " (" + bySeverity.joined(separator: ", ") + ")" }
        summary += ", \(report.undeterminedList.count) undetermined; "
            + "\(ReplWording.count(report.rules.count, "rule")) over \(ReplWording.count(session.deals.count, "deal")) as of \(session.asOf)"
        output += "\n\n" + summary + "\n"
        return ReplReply(output: output)
    }

    /// One row a finding, each finding's message worked out as its row is made.
    private func findingsTable(_ report: CheckReport) -> ReplTable {
        var table = ReplTable(["rule", "subject", "severity", "message"])
        for listed in report.findingList {
            let finding = report.complete(listed)
            table.add([finding.rule.name, finding.subject, finding.severity.rawValue, finding.message],
                      paint: [2: ReplTable.colour(of: finding.severity)])
        }
        return table
    }

    /// `:explain RULE`: the condition as a tree with values and evidence
    /// (`ExplainRun`, as `dealrules explain` shows it) for the current
    /// deal; a per-deal rule with no deal selected gets a table of outcomes,
    /// a grouped rule an explanation per group.
    func explain(_ meta: MetaLine) -> ReplReply {
        let rules = session.program.rules
        guard let rule = ExplainRun.findRule(meta.argument, in: session.program) else {
            let names = rules.map(\.info.name) + rules.map(\.info.flag)
            let help = ReplSuggestions.closest(to: meta.argument, among: names).map { ["did you mean `\($0)`?"] } ?? [":rules lists the rules"]
            return failure(.error(ReplCode.unknownRule, "no rule `\(meta.argument)`", at: meta.argumentSpan, help: help))
        }
        guard !session.deals.isEmpty else { return .text("no deals loaded; use :data FILE") }
        let report = RuleRunner.run(session.program, columns: session.columns,
                                    options: RuleRunner.Options(asOf: session.asOf, rules: [rule.info.name]))
        var subjects = report.subjects.filter { outcome(of: $0, in: report) != nil }
        if case .perDeal = rule.scope {
            guard let current = session.currentDeal else { return outcomeTable(rule, report: report) }
            subjects = [current]
        }
        var parts: [String] = []
        var problems: [Diagnostic] = []
        for subject in subjects.prefix(Self.maximumExplained) {
            switch ExplainRun.explain(session.program, deals: session.deals, rule: rule.info.name, subject: subject, asOf: session.asOf) {
            case .success(let explanation): parts.append(ExplainText.render(explanation, color: configuration.color))
            case .failure(let problem): problems.append(problem)
            }
        }
        if subjects.count > Self.maximumExplained {
            parts.append("(\(subjects.count - Self.maximumExplained) more subjects; select a deal with :deal ID)\n")
        }
        return ReplReply(output: parts.joined(separator: "\n"), errors: render(problems), failed: !problems.isEmpty)
    }

    static let maximumExplained = 20

    private func outcome(of subject: String, in report: CheckReport) -> String? {
        if report.findings.contains(where: { $0.subject == subject }) { return "fires" }
        if let undetermined = report.undetermined.first(where: { $0.subject == subject }) {
            return "undetermined: " + undetermined.reasons.map(ReplText.reason).joined(separator: "; ")
        }
        if report.clear.contains(where: { $0.subject == subject }) { return "clear" }
        return nil
    }

    private func outcomeTable(_ rule: CheckedRule, report: CheckReport) -> ReplReply {
        var table = ReplTable(["deal", "outcome"])
        for subject in report.subjects {
            guard let outcome = outcome(of: subject, in: report) else { continue }
            table.add([subject, outcome])
        }
        let head = "rule \"\(rule.info.name)\" (flag \(rule.info.flag), \(rule.info.severity.rawValue)) as of \(session.asOf)\nwhen \(rule.conditionText)\n\n"
        return .text(head + table.render(style: style) + "\n\n:deal ID, then :explain again, shows why for one deal")
    }
}
