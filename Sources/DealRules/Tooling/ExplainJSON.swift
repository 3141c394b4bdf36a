import DealRulesModel

/// The JSON form of an explanation: the same tree as the text form.
enum ExplainJSON {
    static func encode(_ explanation: ExplainRun.Explanation) -> JSONValue {
        let rule = explanation.rule
        return .object([
            "version": .integer(1),
            "rule": .object([
                "name": .string(rule.name),
                "flag": .string(rule.flag),
                "severity": .string(rule.severity.rawValue),
                "scope": .string(orNull: rule.scopeDescription),
                "location": location(rule.location),
            ]),
            "subject": .string(explanation.subject),
            "as_of": .string(explanation.asOf.description),
            "deals": explanation.groupDeals.map { .array($0.map(JSONValue.string)) } ?? .null,
            "tree": explanation.tree.map(node) ?? .null,
            "outcome": outcome(explanation.outcome),
        ])
    }

    // The tree's depth is capped by `ExplainBuilder.maximumDepth`, so this recursion is bounded.
    static func node(_ node: ExplainNode) -> JSONValue {
        .object([
            "text": .string(node.text),
            "kind": .string(node.kind.rawValue),
            "truth": .string(orNull: node.truth?.rawValue),
            "value": .string(orNull: node.value),
            "deciding": .bool(node.deciding),
            "evidence": .array(node.evidence.map(evidence)),
            "reasons": .array(node.reasons.map(reason)),
            "children": .array(node.children.map(self.node)),
        ])
    }

    static func evidence(_ item: Evidence) -> JSONValue {
        .object([
            "field": .string(item.field),
            "value": .string(item.value),
            "status": .string(orNull: item.status?.rawValue),
            "source": .string(orNull: item.source),
        ])
    }

    static func reason(_ reason: UndeterminedReason) -> JSONValue {
        var members = [JSONMember("field", .string(orNull: reason.field)), JSONMember("problem", .string(reason.problem.rawValue))]
        if let message = reason.message { members.append(JSONMember("message", .string(message))) }
        return .object(members)
    }

    static func location(_ location: SourceLocation) -> JSONValue {
        .object(["file": .string(location.path), "line": .integer(location.line), "column": .integer(location.column)])
    }

    static func outcome(_ outcome: ExplainRun.Outcome) -> JSONValue {
        switch outcome {
        case .finding(let finding):
            return .object([
                "kind": .string("finding"),
                "truth": .string(Truth.true.rawValue),
                "severity": .string(finding.severity.rawValue),
                "message": .string(finding.message),
                "basis": .string(finding.basis.rawValue),
                "evidence": .array(finding.evidence.map(evidence)),
            ])
        case .clear(let clear):
            return .object([
                "kind": .string("clear"),
                "truth": .string(Truth.false.rawValue),
                "evidence": .array(clear.evidence.map(evidence)),
            ])
        case .undetermined(let undetermined):
            return .object([
                "kind": .string("undetermined"),
                "truth": .string(Truth.unknown.rawValue),
                "reasons": .array(undetermined.reasons.map(reason)),
                "evidence": .array(undetermined.evidence.map(evidence)),
            ])
        }
    }
}
