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
        // Room for the whole message at once: appended piece by piece, a
        // string grows (and copies itself) several times.
        var room = 0
        for part in parts {
            switch part {
            case .text(let literal): room &+= literal.utf8.count
            case .value: room &+= MessageRenderer.roomForValue
            }
        }
        var text = ""
        text.reserveCapacity(room)
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

    /// Bytes set aside for each interpolated value (`$66.667 billion (reported)`).
    static let roomForValue = 24

    /// `condition (field: value (status); field: value)`: a non-confirmed
    /// status follows its value. Written into one string made large enough
    /// first: pieces interpolated and then joined were each built up from
    /// a small string, and appending to those cost several times the copy.
    static func conditionWithValues(_ condition: String, _ evidence: [Evidence]) -> String {
        // By index: iterating would copy each evidence whole (five
        // reference-counted parts) to read two of them.
        let values = evidence.indices.map { evidence[$0].value }
        var room = condition.utf8.count &+ 3
        for index in evidence.indices {
            room &+= evidence[index].field.utf8.count &+ values[index].utf8.count &+ 4
            if let status = evidence[index].status, status != .confirmed { room &+= status.rawValue.utf8.count &+ 3 }
        }
        var text = ""
        text.reserveCapacity(room)
        text += condition
        text += " ("
        for index in evidence.indices {
            if index > 0 { text += "; " }
            text += evidence[index].field
            text += ": "
            text += values[index]
            if let status = evidence[index].status, status != .confirmed {
                text += " ("
                text += status.rawValue
                text += ")"
            }
        }
        text += ")"
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
