import DealRulesModel

/// Builds a finding's message (LANGUAGE.md §8): the rule's `message` with
/// `{expression}` interpolated, or the condition as written followed by the
/// values it read.
enum MessageRenderer {
    static func render(_ rule: CheckedRule, evaluator: Evaluator, evidence: [Evidence]) -> String {
        guard let parts = rule.message else {
            guard !evidence.isEmpty else { return rule.conditionText }
            let values = evidence.map { item -> String in
                let status = item.status.flatMap { $0 == .confirmed ? nil : " (\($0.rawValue))" } ?? ""
                return "\(item.field): \(item.value)\(status)"
            }
            return "\(rule.conditionText) (\(values.joined(separator: "; ")))"
        }
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal):
                text += literal
            case .value(let node):
                text += evaluator.renderForMessage(node)
            }
        }
        return text
    }
}

extension Evaluator {
    /// A value for a message: a field keeps its provenance (`$100 billion (reported)`).
    func renderForMessage(_ node: Node) -> String {
        if case .field(let path, _) = node {
            let read = muted { self.read(path) }
            return ValueRendering.render(read.value, provenance: read.provenance)
        }
        return ValueRendering.render(muted { value(node) })
    }
}
