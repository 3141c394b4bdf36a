import DealRulesModel

/// The text form of an explanation: a header, the condition as an
/// indented tree (deciding nodes marked `▶`, and bold with colour), then
/// the outcome.
///
///     ▶ unknown  and
///         true     kind is one of compute, chips
///                    · kind = compute
///       ▶ unknown  capacity target is beyond 2 years
///                    · capacity target = 2028 (confirmed; Anthropic announcement)
enum ExplainText {
    static func render(_ explanation: ExplainRun.Explanation, color: Bool) -> String {
        let style = ANSIStyle(enabled: color)
        let rule = explanation.rule
        var lines: [String] = []
        let scope = rule.scopeDescription.map { ", \($0)" } ?? ""
        lines.append(style.apply(.bold, "rule \"\(rule.name)\"") + " (flag \(rule.flag), severity \(rule.severity.rawValue)\(scope)) at \(rule.location)")
        lines.append("subject \(explanation.subject), as of \(explanation.asOf)")
        if let deals = explanation.groupDeals {
            lines.append("\(deals.count) deal\(deals.count == 1 ? "" : "s") in this \(explanation.subject == "portfolio" ? "portfolio" : "group"): \(deals.joined(separator: ", "))")
        }
        lines.append("")
        if let tree = explanation.tree {
            append(tree, depth: 0, to: &lines, style: style)
            lines.append("")
        }
        lines.append(contentsOf: outcome(explanation.outcome, style: style))
        return lines.joined(separator: "\n") + "\n"
    }

    private static let labelWidth = 8

    private static func append(_ node: ExplainNode, depth: Int, to lines: inout [String], style: ANSIStyle) {
        let indent = String(repeating: "  ", count: depth)
        let marker = node.deciding && node.truth != nil ? "▶ " : "  "
        var label: String
        if let truth = node.truth {
            label = truth.rawValue.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            label = paint(truth, label, style: style)
        } else {
            let sign = node.kind == .item || node.kind == .more ? "" : "="
            label = sign.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        }
        var text = describe(node)
        if node.deciding && node.truth != nil { text = style.apply(.bold, text) }
        lines.append(indent + marker + label + " " + text)
        let detailIndent = indent + String(repeating: " ", count: 2 + labelWidth + 1) + "  "
        for item in node.evidence {
            lines.append(detailIndent + "· " + evidence(item))
        }
        for reason in node.reasons {
            lines.append(detailIndent + "· " + style.apply(.yellow, ExplainText.reason(reason)))
        }
        for child in node.children {
            append(child, depth: depth + 1, to: &lines, style: style)
        }
    }

    private static func describe(_ node: ExplainNode) -> String {
        switch node.kind {
        case .and: return "and"
        case .or: return "or"
        case .not: return "not"
        case .definition:
            return "\(node.text) (definition)" + (node.value.map { " = \($0)" } ?? "")
        case .item:
            return "item \(node.text)" + (node.value.map { ": \($0)" } ?? "")
        case .more:
            return node.text
        default:
            if node.truth == nil, let value = node.value { return "\(node.text) = \(value)" }
            return node.text
        }
    }

    static func evidence(_ item: Evidence) -> String {
        var details: [String] = []
        if let status = item.status { details.append(status.rawValue) }
        if let source = item.source { details.append("source: \(source)") }
        return "\(item.field) = \(item.value)" + (details.isEmpty ? "" : " (\(details.joined(separator: "; ")))")
    }

    static func reason(_ reason: UndeterminedReason) -> String {
        let head = [reason.field, reason.problem.rawValue].compactMap { $0 }.joined(separator: " is ")
        return head + (reason.message.map { ": \($0)" } ?? "")
    }

    private static func paint(_ truth: Truth, _ text: String, style: ANSIStyle) -> String {
        switch truth {
        case .true: return style.apply(.green, text)
        case .false: return style.apply(.red, text)
        case .unknown: return style.apply(.yellow, text)
        }
    }

    private static func outcome(_ outcome: ExplainRun.Outcome, style: ANSIStyle) -> [String] {
        switch outcome {
        case .finding(let finding):
            return [style.severity(finding.severity, "finding") + ": \(finding.rule.flag) (\(finding.severity.rawValue)) for \(finding.subject)",
                    "  message: \(finding.message)",
                    "  basis: \(finding.basis.rawValue)"]
        case .clear(let clear):
            return [style.apply(.green, "clear") + ": the condition is false for \(clear.subject), so \(clear.rule.flag) is not flagged"]
        case .undetermined(let undetermined):
            return [style.apply(.yellow, "undetermined") + ": the condition is unknown for \(undetermined.subject), so \(undetermined.rule.flag) can be neither flagged nor cleared"]
                + undetermined.reasons.map { "  because \(reason($0))" }
        }
    }
}
