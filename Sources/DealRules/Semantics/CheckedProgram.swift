import DealRulesModel
import DealRulesSyntax

// The checked program: what the checker hands to evaluation. Names are
// resolved (definitions to indices, everything else to data-field paths)
// and the condition of every rule is lowered to `Node`, so evaluation never
// looks a definition up by name.

/// A data-field path as the rule wrote it: normalised keys, outermost first.
public struct FieldPath: Sendable, Hashable {
    public let keys: [String]
    /// As written in the rule (`capacity target`, `power.source`), for evidence.
    public let display: String
    /// The first key's spellings as `Record.index(ofField:)` tries them,
    /// with their numbers (`FoldedKeys`): worked out once, so that reading
    /// the field out of a record compares integers, not strings.
    let firstKey: FieldSpellingNumbers

    public init(keys: [String], display: String) {
        self.keys = keys
        self.display = display
        self.firstKey = FieldSpellingNumbers(keys.first ?? "")
    }

    // The spellings follow from the keys.
    public static func == (lhs: FieldPath, rhs: FieldPath) -> Bool {
        lhs.keys == rhs.keys && lhs.display == rhs.display
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(display)
    }
}

/// Evaluation form of an expression.
public indirect enum Node: Sendable {
    case constant(Value, Span)
    /// A bare-word symbol in value position.
    case symbol(String, Span)
    case field(FieldPath, Span)
    case definition(Int, Span)
    case not(Node, Span)
    case and(Node, Node)
    case or(Node, Node)
    case arithmetic(ArithmeticOperator, Node, Node, Span)
    case compare(CompareNode)
    case quantified(Quantifier, FieldPath, Node?, Span)
    case aggregate(AggregateKind, Node?, FieldPath?, Node?, Span)
    case projection(Node, FieldPath, Node?, Span)

    public var span: Span {
        switch self {
        case .constant(_, let span), .symbol(_, let span), .field(_, let span), .definition(_, let span),
             .not(_, let span), .arithmetic(_, _, _, let span), .quantified(_, _, _, let span),
             .aggregate(_, _, _, _, let span), .projection(_, _, _, let span):
            return span
        case .and(let lhs, let rhs), .or(let lhs, let rhs): return lhs.span.through(rhs.span)
        case .compare(let compare): return compare.span
        }
    }
}

public struct CompareNode: Sendable {
    public enum Operator: Sendable {
        case equals(Node)
        case oneOf([Node])
        case greaterThan(Node)
        case atLeast(Node)
        case lessThan(Node)
        case atMost(Node)
        case between(Node, Node)
        case contains(Node)
        case status(ProvenanceStatus)
        case before(Node)
        case after(Node)
        case beyond(Node)
        case within(Node)
        case known
        case unknown
    }

    public var subject: Node
    public var negated: Bool
    public var op: Operator
    public var span: Span
}

public struct CheckedDefinition: Sendable {
    public var name: String
    public var key: String
    public var body: Node
    public var declaration: Definition
}

public enum CheckedScope: Sendable {
    case perDeal
    /// Group by the value of this node (a field path or a definition).
    case forEach(Node, display: String)
    case forAllDeals

    public var isPerDeal: Bool {
        if case .perDeal = self { return true }
        return false
    }
}

public struct CheckedRule: Sendable {
    public var info: RuleInfo {
        get { sharedInfo.info }
        set { sharedInfo = SharedRuleInfo(newValue) }
    }
    /// `info` as its outcomes hold it: one copy for all of them.
    private(set) var sharedInfo: SharedRuleInfo
    public var declaration: RuleDecl
    public var scope: CheckedScope
    public var condition: Node
    /// Message parts with interpolations lowered; nil means the default message.
    public var message: [CheckedMessagePart]?
    /// The condition as written, for default messages and explanations.
    public var conditionText: String

    public init(info: RuleInfo, declaration: RuleDecl, scope: CheckedScope, condition: Node, message: [CheckedMessagePart]?, conditionText: String) {
        self.sharedInfo = SharedRuleInfo(info)
        self.declaration = declaration
        self.scope = scope
        self.condition = condition
        self.message = message
        self.conditionText = conditionText
    }
}

public enum CheckedMessagePart: Sendable {
    case text(String)
    case value(Node)
}

/// A `test` block with the file it came from (for `given deals from`).
public struct CheckedTest: Sendable {
    public var declaration: TestDecl
    public var file: String
}

public struct CheckedProgram: Sendable {
    public var files: [ParsedFile]
    public var rules: [CheckedRule]
    public var definitions: [CheckedDefinition]
    public var schema: Schema
    public var tests: [CheckedTest]
    /// Directory that `use` and `given deals from` paths must stay inside.
    public var root: String?

    public func definitionIndex(named key: String) -> Int? {
        definitions.firstIndex { $0.key == key }
    }
}
