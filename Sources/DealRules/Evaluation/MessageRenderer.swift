import DealRulesModel

/// Builds a finding's message (LANGUAGE.md §8): the rule's `message` with
/// `{expression}` interpolated, or the condition as written followed by the
/// values it read.
enum MessageRenderer {
    static func render(_ rule: CheckedRule, evaluator: Evaluator, evidence: [Evidence]) -> String {
        guard let parts = rule.message else {
            guard !evidence.isEmpty else { return rule.conditionText }
            return conditionWithValues(rule.conditionText, evidence)
        }
        var text = TextBuilder(capacity: MessageRenderer.room(for: parts))
        for part in parts {
            switch part {
            case .text(let literal):
                text.append(literal)
            case .value(let node):
                text.append(evaluator.renderForMessage(node))
            }
        }
        return text.text
    }

    /// About how long a template's message is.
    private static func room(for parts: [CheckedMessagePart]) -> Int {
        var room = 0
        for part in parts {
            switch part {
            case .text(let literal): room &+= literal.utf8.count
            case .value: room &+= roomForValue
            }
        }
        return room
    }

    /// Bytes set aside for each interpolated value (`$66.667 billion (reported)`).
    static let roomForValue = 24

    /// `condition (field: value (status); field: value)`: a non-confirmed
    /// status follows its value.
    static func conditionWithValues(_ condition: String, _ evidence: [Evidence]) -> String {
        var text = TextBuilder(capacity: condition.utf8.count &+ evidence.count &* (roomForValue &+ 24))
        text.append(condition)
        text.append(" (" as StaticString)
        // By index: iterating would copy each evidence whole (five
        // reference-counted parts) to read three of them.
        for index in evidence.indices {
            if index > 0 { text.append("; " as StaticString) }
            text.append(evidence[index].field)
            text.append(": " as StaticString)
            text.append(evidence[index].value)
            if let status = evidence[index].status, status != .confirmed {
                text.append(" (" as StaticString)
                text.append(status.rawValue)
                text.append(")" as StaticString)
            }
        }
        text.append(")" as StaticString)
        return text.text
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
