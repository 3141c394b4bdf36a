import DealRulesModel

// The syntax tree: what the parser produces and `fmt` prints. Value types
// only; every node keeps the span of the text it came from. Spellings that
// mean the same thing (`exceeds` / `is more than`) share one node, so the
// tree is what `fmt` must preserve.

/// A run of words naming a field, definition, flag or symbol, as written.
public struct Name: Sendable, CustomStringConvertible {
    public var words: [String]
    /// True for a backquoted name: `words` holds its text as one element.
    public var isQuoted: Bool
    public var span: Span

    public init(words: [String], isQuoted: Bool = false, span: Span) {
        self.words = words
        self.isQuoted = isQuoted
        self.span = span
    }

    /// The words joined by single spaces, as written.
    public var text: String { words.joined(separator: " ") }
    /// The normalised form used to match data keys (LANGUAGE.md §4).
    public var key: String { isQuoted ? NameFolding.normalizeKey(text) : NameFolding.normalizeKey(text) }
    public var description: String { text }
}

/// A field or definition reference, possibly nested: `capacity`,
/// `power.source`, `deal value's source` (segments outermost first).
public struct Reference: Sendable, CustomStringConvertible {
    public var segments: [Name]
    public var span: Span

    public init(segments: [Name], span: Span) {
        self.segments = segments
        self.span = span
    }

    public var description: String { segments.map(\.text).joined(separator: ".") }
}

public enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public enum Quantifier: String, Sendable {
    case any, every, no
}

public enum AggregateKind: String, Sendable {
    case count, sum, average, minimum, maximum, share
}

public indirect enum Expr: Sendable {
    /// Numbers, percentages, money, quantities, durations, dates, strings,
    /// booleans; the span's text is the literal as written.
    case literal(Value, Span)
    /// Bare words in value position: `is natural gas`, `one of gas, coal`.
    case symbol(Name)
    case reference(Reference)
    case not(Expr, Span)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case arithmetic(ArithmeticOperator, Expr, Expr)
    case comparison(Comparison)
    /// `any party where role is utility`
    case quantified(Quantified)
    /// `count of parties where …`, `sum of capacity of facilities`, `share of capacity`
    case aggregate(Aggregate)
    /// `name of parties where role is hyperscaler`, `source of deal value`
    case projection(Projection)
    /// Parentheses as written.
    case group(Expr, Span)

    public var span: Span {
        switch self {
        case .literal(_, let span), .not(_, let span), .group(_, let span): return span
        case .symbol(let name): return name.span
        case .reference(let reference): return reference.span
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .arithmetic(_, let lhs, let rhs):
            return lhs.span.through(rhs.span)
        case .comparison(let comparison): return comparison.span
        case .quantified(let quantified): return quantified.span
        case .aggregate(let aggregate): return aggregate.span
        case .projection(let projection): return projection.span
        }
    }
}

public struct Comparison: Sendable {
    public var subject: Expr
    /// `is not V`, `is not one of …`, `is not confirmed`.
    public var negated: Bool
    public var op: ComparisonOperator
    /// The operator words (`is at least`), for carets.
    public var operatorSpan: Span
    public var span: Span

    public init(subject: Expr, negated: Bool, op: ComparisonOperator, operatorSpan: Span, span: Span) {
        self.subject = subject
        self.negated = negated
        self.op = op
        self.operatorSpan = operatorSpan
        self.span = span
    }
}

public enum ComparisonOperator: Sendable {
    case equals(Expr)                 // is V / are V
    case oneOf([Expr])                // is one of a, b, c
    case greaterThan(Expr)            // is more than / exceeds / is greater than
    case atLeast(Expr)
    case lessThan(Expr)
    case atMost(Expr)
    case between(Expr, Expr)
    case contains(Expr)
    case status(ProvenanceStatus)     // is confirmed / reported / estimated
    case before(Expr)
    case after(Expr)
    case beyond(Expr)                 // is beyond N years (from the as-of date)
    case within(Expr)
    case known                        // is known
    case unknown(spelledMissing: Bool) // is unknown / is missing
}

public struct Quantified: Sendable {
    public var quantifier: Quantifier
    /// The collection as written (`party`, `parties`, `deal`).
    public var collection: Reference
    public var condition: Expr?
    public var span: Span

    public init(quantifier: Quantifier, collection: Reference, condition: Expr?, span: Span) {
        self.quantifier = quantifier
        self.collection = collection
        self.condition = condition
        self.span = span
    }
}

public struct Aggregate: Sendable {
    public var kind: AggregateKind
    /// The value aggregated (`capacity` in `sum of capacity of facilities`);
    /// nil for `count of P`.
    public var field: Reference?
    /// The collection (`parties`, `deals`); nil in grouped rules' `sum of F`.
    public var collection: Reference?
    public var condition: Expr?
    public var span: Span

    public init(kind: AggregateKind, field: Reference?, collection: Reference?, condition: Expr?, span: Span) {
        self.kind = kind
        self.field = field
        self.collection = collection
        self.condition = condition
        self.span = span
    }
}

public struct Projection: Sendable {
    public var field: Reference
    public var collection: Reference
    public var condition: Expr?
    public var span: Span

    public init(field: Reference, collection: Reference, condition: Expr?, span: Span) {
        self.field = field
        self.collection = collection
        self.condition = condition
        self.span = span
    }
}

// MARK: Statements

public enum RuleScope: Sendable {
    case perDeal
    case forEach(Reference)
    case forAllDeals(Span)
}

public struct MessageTemplate: Sendable {
    public enum Part: Sendable {
        case text(String)
        case interpolation(Expr)
    }

    public var parts: [Part]
    /// The string as written, quotes included.
    public var span: Span

    public init(parts: [Part], span: Span) {
        self.parts = parts
        self.span = span
    }
}

public struct RuleDecl: Sendable {
    public enum Form: Sendable {
        case ifFlag      // if C, flag F
        case whenThen    // when C then flag F
        case block       // rule "Name" … when C … flag F …
    }

    public var form: Form
    /// The block form's string name.
    public var title: String?
    public var titleSpan: Span?
    public var scope: RuleScope
    public var condition: Expr
    public var flag: Name
    public var severity: Severity?
    public var severitySpan: Span?
    public var message: MessageTemplate?
    public var tags: [Name]
    public var span: Span

    public init(form: Form, title: String?, titleSpan: Span?, scope: RuleScope, condition: Expr, flag: Name,
                severity: Severity?, severitySpan: Span?, message: MessageTemplate?, tags: [Name], span: Span) {
        self.form = form
        self.title = title
        self.titleSpan = titleSpan
        self.scope = scope
        self.condition = condition
        self.flag = flag
        self.severity = severity
        self.severitySpan = severitySpan
        self.message = message
        self.tags = tags
        self.span = span
    }

    /// The rule's name: its string, or for a quick rule its flag name.
    public var name: String { title ?? flag.text }
}

public struct Definition: Sendable {
    public var name: Name
    public var body: Expr
    public var span: Span

    public init(name: Name, body: Expr, span: Span) {
        self.name = name
        self.body = body
        self.span = span
    }
}

public struct UseDecl: Sendable {
    public var path: String
    public var pathSpan: Span
    public var span: Span

    public init(path: String, pathSpan: Span, span: Span) {
        self.path = path
        self.pathSpan = pathSpan
        self.span = span
    }
}

public indirect enum SchemaType: Sendable {
    case boolean, number, money, power, energy, duration, date, text
    case oneOf([Name])
    case listOf(SchemaType)
    case record([SchemaField])
}

public struct SchemaField: Sendable {
    public var name: Name
    public var type: SchemaType
    public var span: Span

    public init(name: Name, type: SchemaType, span: Span) {
        self.name = name
        self.type = type
        self.span = span
    }
}

/// A literal value in a test's record: `5 GW`, `unvalidated`, `[a, b]`, `{…}`,
/// optionally with provenance `(reported, "Press reports")`.
public indirect enum LiteralExpr: Sendable {
    case value(Value, Span)
    case symbol(Name)
    case list([LiteralExpr], Span)
    case record(RecordLiteral)

    public var span: Span {
        switch self {
        case .value(_, let span), .list(_, let span): return span
        case .symbol(let name): return name.span
        case .record(let record): return record.span
        }
    }
}

public struct RecordLiteral: Sendable {
    public struct Entry: Sendable {
        public var key: Name
        public var value: LiteralExpr
        public var status: ProvenanceStatus?
        public var source: String?
        public var span: Span

        public init(key: Name, value: LiteralExpr, status: ProvenanceStatus?, source: String?, span: Span) {
            self.key = key
            self.value = value
            self.status = status
            self.source = source
            self.span = span
        }
    }

    public var entries: [Entry]
    public var span: Span

    public init(entries: [Entry], span: Span) {
        self.entries = entries
        self.span = span
    }
}

public struct Expectation: Sendable {
    public enum Kind: Sendable {
        /// expect F [for "id"] [severity L]
        case fires(flag: Name, subject: String?, severity: Severity?)
        /// expect no F
        case doesNotFire(flag: Name)
        /// expect undetermined F
        case undetermined(flag: Name)
        /// expect N findings
        case findingCount(Int)
    }

    public var kind: Kind
    public var span: Span

    public init(kind: Kind, span: Span) {
        self.kind = kind
        self.span = span
    }
}

public enum TestClause: Sendable {
    case asOf(DateValue, Span)
    case givenDeal(RecordLiteral, Span)
    case givenDeals([RecordLiteral], Span)
    case givenDealsFrom(path: String, pathSpan: Span, span: Span)
    case expect(Expectation)
}

public struct TestDecl: Sendable {
    public var title: String
    public var titleSpan: Span
    public var clauses: [TestClause]
    public var span: Span

    public init(title: String, titleSpan: Span, clauses: [TestClause], span: Span) {
        self.title = title
        self.titleSpan = titleSpan
        self.clauses = clauses
        self.span = span
    }
}

public enum Statement: Sendable {
    case rule(RuleDecl)
    case definition(Definition)
    case use(UseDecl)
    case field(SchemaField)
    case test(TestDecl)

    public var span: Span {
        switch self {
        case .rule(let rule): return rule.span
        case .definition(let definition): return definition.span
        case .use(let use): return use.span
        case .field(let field): return field.span
        case .test(let test): return test.span
        }
    }
}

public struct Comment: Sendable {
    /// The text after `#`.
    public var text: String
    public var span: Span
    /// True when nothing but white space precedes it on its line.
    public var ownLine: Bool

    public init(text: String, span: Span, ownLine: Bool) {
        self.text = text
        self.span = span
        self.ownLine = ownLine
    }
}

/// One parsed file: its statements in order, its comments (for `fmt`), and
/// every syntax error found (parsing recovers and goes on).
public struct ParsedFile: Sendable {
    public var source: SourceFile
    public var statements: [Statement]
    public var comments: [Comment]
    public var diagnostics: [Diagnostic]

    public init(source: SourceFile, statements: [Statement], comments: [Comment], diagnostics: [Diagnostic]) {
        self.source = source
        self.statements = statements
        self.comments = comments
        self.diagnostics = diagnostics
    }
}
