import DealRulesModel

/// One node of an explanation: a part of a rule's condition with what it
/// came out as for one subject, the fields it read, and whether it decided
/// its parent's result.
public struct ExplainNode: Sendable {
    public enum Kind: String, Sendable {
        case and, or, not, comparison, definition, field, quantifier, aggregate, item, value, more
    }

    /// The rule text of this part, on one line (or an item's label).
    public var text: String
    public var kind: Kind
    /// For conditions: true, false or unknown.
    public var truth: Truth?
    /// For values: the value rendered as in messages.
    public var value: String?
    /// Fields read directly by this node.
    public var evidence: [Evidence]
    /// Why an unknown leaf is unknown (from the outcome's reasons).
    public var reasons: [UndeterminedReason]
    /// On the path that decided the outcome.
    public var deciding: Bool
    public var children: [ExplainNode]
    /// `no P where C`: true when its items are false, so deciding items are the opposite.
    var negatesChildren = false

    public init(text: String, kind: Kind, truth: Truth? = nil, value: String? = nil, evidence: [Evidence] = [],
                reasons: [UndeterminedReason] = [], deciding: Bool = false, children: [ExplainNode] = []) {
        self.text = text
        self.kind = kind
        self.truth = truth
        self.value = value
        self.evidence = evidence
        self.reasons = reasons
        self.deciding = deciding
        self.children = children
    }

    /// Marks the deciding nodes below a node already marked: for `and`,
    /// `or` and quantifiers, the children whose truth is the parent's (the
    /// false children of a false `and`, the true children of a true `or`,
    /// the unknown children of an unknown one); `no` inverts.
    mutating func markDeciding(_ deciding: Bool) {
        self.deciding = deciding
        let parentTruth = truth
        let inverted = negatesChildren
        for index in children.indices {
            var child = children[index]
            var childDeciding = false
            if deciding {
                switch kind {
                case .and, .or, .quantifier:
                    if let parentTruth, let childTruth = child.truth {
                        childDeciding = childTruth == (inverted ? parentTruth.negated : parentTruth)
                    }
                case .not, .definition:
                    childDeciding = child.truth != nil
                case .item:
                    childDeciding = child.truth != nil
                default:
                    childDeciding = false
                }
            }
            child.markDeciding(childDeciding)
            children[index] = child
        }
    }
}
