import DealRulesModel
import DealRulesSyntax

/// Lowers syntax-tree expressions to evaluation nodes: resolves each name to
/// a definition or a data-field path, and — where types are known from
/// literals or the schema — reports unknown fields and type errors before
/// any data is read.
struct Lowering {
    let definitionIndex: [String: Int]
    let definitionNames: [String]
    let schema: Schema
    var definitionTypes: [StaticType]
    var diagnostics: [Diagnostic] = []

    /// Collections being looked into, innermost last: their item names and
    /// item type (`.anything` when the schema does not say).
    private var scopes: [(names: [String], item: SchemaType?)] = []
    /// Inside a grouped or portfolio rule.
    var grouped = false
    var groupKeyName: String?

    init(definitionIndex: [String: Int], definitionNames: [String], schema: Schema) {
        self.definitionIndex = definitionIndex
        self.definitionNames = definitionNames
        self.schema = schema
        self.definitionTypes = Array(repeating: .anything, count: definitionNames.count)
    }

    mutating func lower(_ expr: Expr) -> (Node, StaticType) {
        switch expr {
        case .literal(let value, let span):
            return (.constant(value, span), StaticType(literal: value))
        case .symbol(let name):
            return (.symbol(name.text, name.span), .symbol(name.text))
        case .reference(let reference):
            return lower(reference)
        case .not(let inner, let span):
            let (node, type) = lower(inner)
            requireCondition(type, at: inner.span, what: "`not`")
            return (.not(node, span), .boolean)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            let (left, leftType) = lower(lhs)
            let (right, rightType) = lower(rhs)
            let word: String
            if case .and = expr { word = "and" } else { word = "or" }
            requireCondition(leftType, at: lhs.span, what: "`\(word)`")
            requireCondition(rightType, at: rhs.span, what: "`\(word)`")
            if case .and = expr { return (.and(left, right), .boolean) }
            return (.or(left, right), .boolean)
        case .arithmetic(let op, let lhs, let rhs):
            let (left, leftType) = lower(lhs)
            let (right, rightType) = lower(rhs)
            return (.arithmetic(op, left, right, expr.span), arithmeticType(op, leftType, rightType, span: expr.span))
        case .comparison(let comparison):
            return (.compare(lower(comparison)), .boolean)
        case .quantified(let quantified):
            let path = fieldPath(quantified.collection)
            let condition = withCollection(path, quantified.collection) { lowering in
                quantified.condition.map { lowering.lowerCondition($0) }
            }
            return (.quantified(quantified.quantifier, path, condition, quantified.span), .boolean)
        case .aggregate(let aggregate):
            return lower(aggregate)
        case .projection(let projection):
            let path = fieldPath(projection.collection)
            let collectionType = type(of: path)
            var isList = false
            if case .list = collectionType { isList = true }
            let (field, condition, fieldType): (Node, Node?, StaticType) = withCollection(path, projection.collection, checked: isList) { lowering in
                let (field, fieldType) = lowering.lower(projection.field)
                return (field, projection.condition.map { lowering.lowerCondition($0) }, fieldType)
            }
            return (.projection(field, path, condition, projection.span), isList ? .list(fieldType) : .anything)
        case .group(let inner, _):
            return lower(inner)
        }
    }

    mutating func lowerCondition(_ expr: Expr) -> Node {
        let (node, type) = lower(expr)
        requireCondition(type, at: expr.span, what: "a condition")
        return node
    }

    // MARK: Names

    mutating func lower(_ reference: Reference) -> (Node, StaticType) {
        let keys = reference.segments.map(\.key)
        let path = FieldPath(keys: keys, display: reference.segments.map(\.text).joined(separator: keys.count > 1 ? "." : " "))
        guard let first = keys.first else { return (.constant(.unknown, reference.span), .anything) }
        for scope in scopes.reversed() {
            if scope.names.contains(first) {
                let itemType = scope.item.map(StaticType.init) ?? .anything
                return (.field(path, reference.span), member(keys.dropFirst(), of: itemType))
            }
            guard let item = scope.item else {
                // Item type unknown: a definition still wins, anything else is read from the item.
                if keys.count == 1, let index = definitionIndex[first] {
                    return (.definition(index, reference.span), definitionTypes[index])
                }
                return (.field(path, reference.span), .anything)
            }
            if let type = Schema.member(first, of: item) {
                return (.field(path, reference.span), member(keys.dropFirst(), of: StaticType(type)))
            }
        }
        if keys.count == 1, let index = definitionIndex[first] {
            return (.definition(index, reference.span), definitionTypes[index])
        }
        if grouped {
            if first == groupKeyName { return (.field(path, reference.span), .anything) }
            if ["deals", "deal"].contains(first) { return (.field(path, reference.span), .list(.record)) }
        }
        if schema.isEmpty { return (.field(path, reference.span), .anything) }
        if let type = schema.type(of: keys) { return (.field(path, reference.span), StaticType(type)) }
        if schema.entry(first) != nil {
            // Known field, unknown member: say which part is wrong.
            unknownName(reference, candidates: [], detail: "`\(reference.segments.dropFirst().map(\.text).joined(separator: "."))` is not declared inside `\(reference.segments[0].text)`")
        } else {
            unknownName(reference, candidates: schema.names + definitionNames, detail: nil)
        }
        return (.field(path, reference.span), .anything)
    }

    private mutating func unknownName(_ reference: Reference, candidates: [String], detail: String?) {
        var help: [String] = []
        let written = reference.segments.map(\.text).joined(separator: " ")
        if let suggestion = Suggestions.closest(to: written, among: candidates) {
            help.append("did you mean `\(suggestion)`?")
        } else if detail == nil {
            help.append("declare it with `field \(written): TYPE`, or define it with `define \(written) as …`")
        }
        diagnostics.append(.error("E201", detail ?? "unknown field `\(written)`: the schema declares no such field and no definition has this name", at: reference.span, help: help))
    }

    private func member(_ keys: ArraySlice<String>, of type: StaticType) -> StaticType {
        keys.isEmpty ? type : .anything
    }

    func fieldPath(_ reference: Reference) -> FieldPath {
        let keys = reference.segments.map(\.key)
        return FieldPath(keys: keys, display: reference.segments.map(\.text).joined(separator: keys.count > 1 ? "." : " "))
    }

    private func type(of path: FieldPath) -> StaticType {
        if grouped, path.keys.count == 1, ["deals", "deal"].contains(path.keys[0]) { return .list(.record) }
        return schema.type(of: path.keys).map(StaticType.init) ?? .anything
    }

    /// Lowers `body` with a collection's items in scope.
    private mutating func withCollection<T>(_ path: FieldPath, _ reference: Reference, checked: Bool = true, _ body: (inout Lowering) -> T) -> T {
        if grouped, path.keys.count == 1, ["deals", "deal"].contains(path.keys[0]) {
            // The group's deals: their fields are ordinary deal fields.
            let savedScopes = scopes
            scopes = []
            defer { scopes = savedScopes }
            return body(&self)
        }
        var itemType: SchemaType? = nil
        if checked, case .listOf(let element)? = schema.type(of: path.keys) { itemType = element }
        scopes.append((CollectionNames.itemNames(for: path.keys.last ?? ""), itemType))
        defer { scopes.removeLast() }
        return body(&self)
    }

    private mutating func lower(_ aggregate: Aggregate) -> (Node, StaticType) {
        let resultType: (StaticType) -> StaticType = { fieldType in
            switch aggregate.kind {
            case .count, .share: return .number
            case .sum, .average, .minimum, .maximum: return fieldType
            }
        }
        if let collection = aggregate.collection {
            let path = fieldPath(collection)
            let (field, fieldType, condition): (Node?, StaticType, Node?) = withCollection(path, collection) { lowering in
                let lowered = aggregate.field.map { lowering.lower($0) }
                let condition = aggregate.condition.map { lowering.lowerCondition($0) }
                return (lowered?.0, lowered?.1 ?? .anything, condition)
            }
            return (.aggregate(aggregate.kind, field, path, condition, aggregate.span), resultType(fieldType))
        }
        if !grouped && aggregate.kind != .share {
            diagnostics.append(.error("E206", "`\(aggregate.kind.rawValue) of …` needs a collection here: write `\(aggregate.kind.rawValue) of F of P`", at: aggregate.span,
                                      help: ["outside `for each`/`for all deals` rules, name the list to aggregate, e.g. `sum of capacity of facilities`"]))
        }
        if !grouped && aggregate.kind == .share {
            diagnostics.append(.error("E207", "`share of …` only has a meaning in a grouped rule (`for each K`)", at: aggregate.span))
        }
        let savedScopes = scopes
        scopes = []
        let lowered = aggregate.field.map { lower($0) }
        let condition = aggregate.condition.map { lowerCondition($0) }
        scopes = savedScopes
        return (.aggregate(aggregate.kind, lowered?.0, nil, condition, aggregate.span), resultType(lowered?.1 ?? .anything))
    }

    // MARK: Comparisons

    private mutating func lower(_ comparison: Comparison) -> CompareNode {
        let (subject, subjectType) = lower(comparison.subject)
        func checked(_ expr: Expr, _ lowering: inout Lowering) -> Node {
            let (node, type) = lowering.lower(expr)
            lowering.checkComparable(subjectType, type, subject: comparison.subject, operand: expr)
            return node
        }
        let op: CompareNode.Operator
        switch comparison.op {
        case .equals(let value): op = .equals(checked(value, &self))
        case .oneOf(let values): op = .oneOf(values.map { checked($0, &self) })
        case .greaterThan(let value): op = .greaterThan(checked(value, &self))
        case .atLeast(let value): op = .atLeast(checked(value, &self))
        case .lessThan(let value): op = .lessThan(checked(value, &self))
        case .atMost(let value): op = .atMost(checked(value, &self))
        case .between(let low, let high): op = .between(checked(low, &self), checked(high, &self))
        case .contains(let value): op = .contains(lower(value).0)
        case .status(let status): op = .status(status)
        case .before(let value):
            // One error per comparison: a non-date subject is reported once.
            op = .before(requireDate(subjectType, comparison.subject, word: "before") ? checked(value, &self) : lower(value).0)
        case .after(let value):
            op = .after(requireDate(subjectType, comparison.subject, word: "after") ? checked(value, &self) : lower(value).0)
        case .beyond(let value):
            requireDate(subjectType, comparison.subject, word: "beyond")
            op = .beyond(requireDuration(value, word: "beyond"))
        case .within(let value):
            requireDate(subjectType, comparison.subject, word: "within")
            op = .within(requireDuration(value, word: "within"))
        case .known: op = .known
        case .unknown: op = .unknown
        }
        return CompareNode(subject: subject, negated: comparison.negated, op: op, span: comparison.span)
    }

    private mutating func checkComparable(_ lhs: StaticType, _ rhs: StaticType, subject: Expr, operand: Expr) {
        // The number 0 is zero in every unit (docs/semantics.md §3).
        if Lowering.isLiteralZero(operand) || Lowering.isLiteralZero(subject) {
            switch (lhs, rhs) {
            case (.number, .money), (.number, .quantity), (.number, .duration), (.money, .number), (.quantity, .number), (.duration, .number): return
            default: break
            }
        }
        guard let problem = StaticType.comparisonProblem(lhs, rhs) else { return }
        var help: [String] = []
        if case .choice(let names) = lhs, case .symbol(let symbol) = rhs, let suggestion = Suggestions.closest(to: symbol, among: names) {
            help.append("did you mean `\(suggestion)`?")
        } else if case .choice(let names) = lhs {
            help.append("the schema allows: \(names.joined(separator: ", "))")
        }
        let code = { if case .choice = lhs { return "E302" } else { return "E301" } }()
        diagnostics.append(.error(code, "type mismatch: `\(subject.span.text)` is \(lhs) but `\(operand.span.text)` is \(rhs); \(problem)", at: operand.span, help: help))
    }

    static func isLiteralZero(_ expr: Expr) -> Bool {
        switch expr {
        case .literal(.number(let number, _), _): return number.isZero
        case .group(let inner, _): return isLiteralZero(inner)
        default: return false
        }
    }

    @discardableResult
    private mutating func requireDate(_ type: StaticType, _ subject: Expr, word: String) -> Bool {
        switch type {
        case .anything, .date, .number: return true
        default:
            diagnostics.append(.error("E303", "`is \(word)` compares dates, but `\(subject.span.text)` is \(type)", at: subject.span))
            return false
        }
    }

    private mutating func requireDuration(_ expr: Expr, word: String) -> Node {
        let (node, type) = lower(expr)
        switch type {
        case .duration, .anything: break
        case .quantity(let unit) where unit.simpleDimension == .months || unit.simpleDimension == .days: break
        default:
            diagnostics.append(.error("E304", "`is \(word)` needs a duration such as `2 years` or `18 months`, not \(type)", at: expr.span))
        }
        return node
    }

    private mutating func requireCondition(_ type: StaticType, at span: Span, what: String) {
        switch type {
        case .anything, .boolean: return
        default:
            diagnostics.append(.error("E305", "\(what) needs true or false, but `\(span.text)` is \(type)", at: span,
                                      help: ["compare it, e.g. `\(span.text) is known` or `\(span.text) is at least …`"]))
        }
    }

    private mutating func arithmeticType(_ op: ArithmeticOperator, _ lhs: StaticType, _ rhs: StaticType, span: Span) -> StaticType {
        switch (lhs, rhs) {
        case (.number, .number): return .number
        case (.anything, _), (_, .anything): return .anything
        default: break
        }
        if op == .add || op == .subtract {
            if case .date = lhs, case .duration = rhs { return .date }
            if let problem = StaticType.comparisonProblem(lhs, rhs) {
                diagnostics.append(.error("E306", "cannot \(op == .add ? "add" : "subtract") \(rhs) \(op == .add ? "to" : "from") \(lhs): \(problem)", at: span))
                return .anything
            }
            return lhs
        }
        if case .number = rhs { return lhs }
        if case .number = lhs, op == .multiply { return rhs }
        return .anything
    }
}
