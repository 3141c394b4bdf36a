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
            table.add([info.name, info.flag, style.severity(info.severity, info.severity.rawValue),
                       info.scopeDescription ?? "per deal", info.location.description])
        }
        return .text(table.render(style: style))
    }

    func runRules() -> ReplReply {
        let program = session.program
        guard !program.rules.isEmpty else { return .text("no rules in the session; type one, or :load FILE") }
        guard !session.deals.isEmpty else { return .text("no deals loaded; use :data FILE") }
        let report = RuleRunner.run(program, deals: session.deals, options: RuleRunner.Options(asOf: session.asOf))
        var lines: [String] = []
        if report.findings.isEmpty {
            lines.append("no findings")
        } else {
            var table = ReplTable(["rule", "subject", "severity", "message"])
            for finding in report.findings {
                table.add([finding.rule.name, finding.subject, style.severity(finding.severity, finding.severity.rawValue), finding.message])
            }
            lines.append(table.render(style: style))
        }
        let counts = report.countsBySeverity
        let bySeverity = Severity.allCases.reversed().compactMap { level -> String? in
            let count = counts[level] ?? 0
            return count > 0 ? "\(count) \(level.rawValue)" : nil
        }
        var summary = ReplWording.count(report.findings.count, "finding")
        if !bySeverity.isEmpty { summary += " (" + bySeverity.joined(separator: ", ") + ")" }
        summary += ", \(report.undetermined.count) undetermined; "
            + "\(ReplWording.count(report.rules.count, "rule")) over \(ReplWording.count(session.deals.count, "deal")) as of \(session.asOf)"
        lines.append("")
        lines.append(summary)
        return .text(lines.joined(separator: "\n"))
    }

    func explain(_ meta: MetaLine) -> ReplReply {
        let rules = session.program.rules
        let wanted = NameFolding.foldSymbol(meta.argument)
        guard let rule = rules.first(where: { NameFolding.foldSymbol($0.info.name) == wanted })
            ?? rules.first(where: { NameFolding.foldSymbol($0.info.flag) == wanted })
        else {
            let names = rules.map(\.info.name) + rules.map(\.info.flag)
            let help = Suggestions.closest(to: meta.argument, among: names).map { ["did you mean `\($0)`?"] } ?? [":rules lists the rules"]
            return failure(.error(ReplCode.unknownRule, "no rule `\(meta.argument)`", at: meta.argumentSpan, help: help))
        }
        guard !session.deals.isEmpty else { return .text("no deals loaded; use :data FILE") }
        var subjects: [String] = []
        if case .perDeal = rule.scope, let current = session.currentDeal { subjects = [current] }
        let report = RuleRunner.run(session.program, deals: session.deals,
                                    options: RuleRunner.Options(asOf: session.asOf, rules: [rule.info.name], subjects: subjects))
        var lines = ["rule \"\(rule.info.name)\" (flag \(rule.info.flag), \(rule.info.severity.rawValue), \(rule.info.scopeDescription ?? "per deal"))",
                     "when \(rule.conditionText)"]
        for subject in report.subjects where (subjects.isEmpty || subjects.contains(subject)) {
            lines += explanation(of: subject, in: report)
        }
        return .text(TerminalText.clean(lines.joined(separator: "\n")))
    }

    private func explanation(of subject: String, in report: CheckReport) -> [String] {
        if let finding = report.findings.first(where: { $0.subject == subject }) {
            return ["", "\(subject): fires (\(finding.severity.rawValue), basis \(finding.basis.rawValue))",
                    "  message: \(finding.message)"] + finding.evidence.map { "  read " + ReplText.evidence($0) }
        }
        if let outcome = report.undetermined.first(where: { $0.subject == subject }) {
            return ["", "\(subject): undetermined"] + outcome.evidence.map { "  read " + ReplText.evidence($0) }
                + outcome.reasons.map { "  because " + ReplText.reason($0) }
        }
        if let outcome = report.clear.first(where: { $0.subject == subject }) {
            return ["", "\(subject): clear (the condition is false)"] + outcome.evidence.map { "  read " + ReplText.evidence($0) }
        }
        return []
    }
}
