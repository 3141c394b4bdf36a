import DealRulesModel
import DealRulesSyntax

/// Evaluates checked nodes for one subject (a deal, a group or the
/// portfolio) under an as-of date, collecting the evidence it read and the
/// reasons anything came out unknown.
///
/// A class because one evaluator is reused for every rule × subject of a
/// run: `begin` resets the per-outcome state without reallocating.
///
/// Its state is read and written many times for every outcome, by the one
/// thread that owns the evaluator, and no access overlaps another (none
/// calls out while it is under way), so accesses are not checked for
/// exclusivity at run time: the checks were about a twelfth of the work of
/// writing a report's findings.
public final class Evaluator {
    public let asOf: DateValue
    let definitions: [CheckedDefinition]

    @exclusivity(unchecked) public private(set) var evidence: [Evidence] = []
    @exclusivity(unchecked) public private(set) var reasons: [UndeterminedReason] = []

    @exclusivity(unchecked) var deal: Record?
    @exclusivity(unchecked) var items: [ItemScope] = []
    @exclusivity(unchecked) var group: GroupScope?
    /// Per-outcome memo of definition values.
    @exclusivity(unchecked) private var definitionCache: [Value?]
    @exclusivity(unchecked) private var definitionsInProgress: Set<Int> = []
    /// Suppresses evidence while looking inside collections item by item.
    @exclusivity(unchecked) private var evidenceMuted = 0
    /// `share of F` totals over all deals, kept across the groups of a run.
    @exclusivity(unchecked) var shareTotals: [ShareTotalKey: ShareTotal] = [:]
    /// Depth of `deal where …` iterations inside a grouped rule: there a
    /// definition's value belongs to the deal being looked at, not the group.
    @exclusivity(unchecked) var dealIterations = 0

    /// Most definitions evaluated inside one another (see `NestingDepth`).
    static let maximumDefinitionNesting = 256

    public init(asOf: DateValue, definitions: [CheckedDefinition]) {
        self.asOf = asOf
        self.definitions = definitions
        self.definitionCache = Array(repeating: nil, count: definitions.count)
    }

    /// Starts a new outcome for a deal.
    public func begin(deal: Deal) {
        begin(record: deal.record)
    }

    /// Starts a new outcome for the deal whose record this is.
    func begin(record: Record) {
        reset()
        self.deal = record
        self.group = nil
    }

    /// Starts a new outcome for a group of deals (or the whole portfolio).
    func begin(group: GroupScope) {
        reset()
        self.deal = nil
        self.group = group
    }

    private func reset() {
        evidence.removeAll(keepingCapacity: true)
        reasons.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        for index in definitionCache.indices { definitionCache[index] = nil }
        definitionsInProgress.removeAll(keepingCapacity: true)
        evidenceMuted = 0
        dealIterations = 0
    }

    // MARK: Conditions

    public func truth(_ node: Node) -> Truth {
        switch node {
        case .not(let inner, _):
            return truth(inner).negated
        case .and(let lhs, let rhs):
            let left = truth(lhs)
            if left == .false { return .false }
            return left.and(truth(rhs))
        case .or(let lhs, let rhs):
            let left = truth(lhs)
            if left == .true { return .true }
            return left.or(truth(rhs))
        case .compare(let compare):
            let result = self.compare(compare)
            return compare.negated ? result.negated : result
        case .quantified(let quantifier, let path, let condition, let span):
            return quantified(quantifier, path, condition, span)
        default:
            return truth(of: value(node), at: node)
        }
    }

    /// A value used as a condition: booleans are themselves; unknown is unknown.
    func truth(of value: Value, at node: Node) -> Truth {
        switch value {
        case .boolean(let flag): return Truth(flag)
        case .unknown: return .unknown
        default:
            fail("\(describe(node)) is \(article(value.typeName)) \(value.typeName), not a condition (true or false)", field: fieldName(node))
            return .unknown
        }
    }

    // MARK: Values

    public func value(_ node: Node) -> Value {
        switch node {
        case .constant(let value, _): return value
        case .symbol(let text, _): return .symbol(text)
        case .field(let path, _): return read(path).value
        case .definition(let index, _): return definitionValue(index)
        case .not, .and, .or, .compare, .quantified:
            return truth(node).value
        case .arithmetic(let op, let lhs, let rhs, let span):
            return arithmetic(op, value(lhs), value(rhs), span: span)
        case .aggregate(let kind, let field, let collection, let condition, let span):
            return aggregate(kind, field: field, collection: collection, condition: condition, span: span)
        case .projection(let field, let collection, let condition, let span):
            return projection(field, collection, condition, span: span)
        }
    }

    func definitionValue(_ index: Int) -> Value {
        guard definitions.indices.contains(index) else { return .unknown }
        // In a grouped rule, K names the group's key even when K is a definition.
        if let group, deal == nil, group.keyName == definitions[index].key { return group.key }
        if items.isEmpty && dealIterations == 0, let cached = definitionCache[index] { return cached }
        // Cycles are rejected by the checker; this guard keeps evaluation total anyway.
        guard !definitionsInProgress.contains(index) else {
            fail("definition \(definitions[index].name) refers to itself", field: nil)
            return .unknown
        }
        // The checker bounds nesting through definitions (E208); this guard
        // keeps evaluation total for programs built without it.
        guard definitionsInProgress.count < Evaluator.maximumDefinitionNesting else {
            fail("definitions are nested more than \(Evaluator.maximumDefinitionNesting) deep", field: nil)
            return .unknown
        }
        definitionsInProgress.insert(index)
        let result = value(definitions[index].body)
        definitionsInProgress.remove(index)
        // Inside item scopes the value depends on the item: do not memoise.
        if items.isEmpty && dealIterations == 0 { definitionCache[index] = result }
        return result
    }

    // MARK: Reading fields

    struct FieldRead {
        var value: Value
        var provenance: Provenance?
        var found: Bool
    }

    /// Reads a field path through item scopes, the group key and the deal.
    func read(_ path: FieldPath) -> FieldRead {
        let result = lookup(path)
        if evidenceMuted == 0, items.isEmpty {
            note(path.display, result.value, result.provenance)
        }
        if result.value.isUnknown {
            missing(path.display)
        }
        return result
    }

    private func lookup(_ path: FieldPath) -> FieldRead {
        guard let first = path.keys.first else { return FieldRead(value: .unknown, provenance: nil, found: false) }
        let rest = path.keys.dropFirst()
        for scope in items.reversed() {
            if scope.names.contains(first) {
                return Evaluator.navigate(FieldRead(value: scope.value, provenance: nil, found: true), rest)
            }
            // An unknown item (`~` in a list) has no known fields: whatever
            // the condition asks of it is unknown, never the deal's value.
            if scope.record == nil && scope.value.isUnknown {
                return FieldRead(value: .unknown, provenance: nil, found: false)
            }
            if let record = scope.record, let found = Evaluator.fieldRead(path.firstKey, in: record) {
                return Evaluator.navigate(found, rest)
            }
        }
        if let group {
            if path.keys.count > 1, let keyName = group.keyName, keyName == path.keys.joined(separator: ".") {
                return FieldRead(value: group.key, provenance: nil, found: true)
            }
            if let keyName = group.keyName, keyName == first {
                return Evaluator.navigate(FieldRead(value: group.key, provenance: nil, found: true), rest)
            }
            if deal == nil {
                fail("\(path.display) is a field of each deal; in a grouped rule use an aggregate such as sum of \(path.display)", field: path.display)
                return FieldRead(value: .unknown, provenance: nil, found: false)
            }
        }
        guard let deal else { return FieldRead(value: .unknown, provenance: nil, found: false) }
        return Evaluator.dealRead(path, in: deal)
    }

    /// A field path read from a deal's record, outside any item or group scope.
    static func dealRead(_ path: FieldPath, in deal: Record) -> FieldRead {
        guard !path.keys.isEmpty, let found = fieldRead(path.firstKey, in: deal) else {
            return FieldRead(value: .unknown, provenance: nil, found: false)
        }
        return navigate(found, path.keys.dropFirst())
    }

    /// Looks a key up, accepting a collection's singular (`party` → `parties`).
    static func entry(_ key: String, in record: Record) -> RecordEntry? {
        record.index(ofField: key).map { record.entries[$0] }
    }

    static func navigate(_ start: FieldRead, _ keys: ArraySlice<String>) -> FieldRead {
        var current = start
        for key in keys {
            current = Evaluator.step(current, key)
        }
        return current
    }

    /// One step down a path: a record's field, a figure's provenance, or
    /// the same field of every item of a list.
    static func step(_ current: FieldRead, _ key: String) -> FieldRead {
        if let field = ProvenanceField(key: key), let provenance = current.provenance, !isRecord(current.value) {
            return FieldRead(value: field.value(of: provenance), provenance: nil, found: true)
        }
        switch key {
        case "as of":
            if let provenance = current.provenance, !isRecord(current.value) {
                return FieldRead(value: provenance.asOf.map { DateValue.parse($0).map(Value.date) ?? .text($0) } ?? .unknown, provenance: nil, found: true)
            }
        case "value":
            if !isRecord(current.value) { return current }
        default:
            break
        }
        switch current.value {
        case .record(let record):
            return Evaluator.fieldRead(key, in: record) ?? FieldRead(value: .unknown, provenance: nil, found: false)
        case .list(let items):
            let values = items.map { step(FieldRead(value: $0, provenance: nil, found: true), key).value }
            return FieldRead(value: .list(values), provenance: nil, found: true)
        default:
            return FieldRead(value: .unknown, provenance: nil, found: false)
        }
    }

    private static func isRecord(_ value: Value) -> Bool {
        if case .record = value { return true }
        return false
    }

    // MARK: Evidence and reasons

    func note(_ field: String, _ value: Value, _ provenance: Provenance?) {
        // By index: iterating would copy each evidence whole.
        for index in evidence.indices where evidence[index].field == field { return }
        evidence.append(Evidence(field: field, raw: value, status: provenance?.status, source: provenance?.source))
    }

    func missing(_ field: String) {
        addReason(UndeterminedReason(field: field, problem: .missing))
    }

    /// A missing field with an explanation (`capacity is unknown for 1 of 3 items`),
    /// replacing the bare `missing` reason for that field.
    func addMissing(_ field: String, message: String) {
        reasons.removeAll { $0.problem == .missing && $0.field == field && $0.message == nil }
        addReason(UndeterminedReason(field: field, problem: .missing, message: message))
    }

    func imprecise(_ field: String?, _ message: String) {
        addReason(UndeterminedReason(field: field, problem: .imprecise, message: message))
    }

    func fail(_ message: String, field: String?) {
        addReason(UndeterminedReason(field: field, problem: .error, message: message))
    }

    /// Adds a reason found apart (`takeReasons`) as it was found: one
    /// that explains a missing field replaces the bare one.
    func addReasonOnce(_ reason: UndeterminedReason) {
        if reason.problem == .missing, let field = reason.field, let message = reason.message {
            addMissing(field, message: message)
        } else {
            addReason(reason)
        }
    }

    /// The reasons so far, leaving none: what follows is gathered apart.
    func takeReasons() -> [UndeterminedReason] {
        defer { reasons.removeAll() }
        return reasons
    }

    /// Puts back reasons taken with `takeReasons`.
    func restoreReasons(_ saved: [UndeterminedReason]) {
        reasons = saved
    }

    private func addReason(_ reason: UndeterminedReason) {
        if !reasons.contains(reason) { reasons.append(reason) }
    }

    func muted<T>(_ body: () -> T) -> T {
        evidenceMuted += 1
        defer { evidenceMuted -= 1 }
        return body()
    }

    /// The field a node reads directly, for reasons.
    func fieldName(_ node: Node) -> String? {
        switch node {
        case .field(let path, _): return path.display
        case .definition(let index, _): return definitions.indices.contains(index) ? definitions[index].name : nil
        default: return nil
        }
    }

    func describe(_ node: Node) -> String {
        fieldName(node) ?? node.span.text
    }

    func article(_ word: String) -> String {
        guard let first = word.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    /// The weakest provenance status behind a value (nil for plain values).
    func status(of node: Node) -> (status: ProvenanceStatus?, isUnknown: Bool) {
        switch node {
        case .field(let path, _):
            let read = self.read(path)
            return (read.provenance?.status, read.value.isUnknown)
        case .definition(let index, _):
            guard definitions.indices.contains(index) else { return (nil, true) }
            let unknown = definitionValue(index).isUnknown
            return (status(of: definitions[index].body).status, unknown)
        case .arithmetic(_, let lhs, let rhs, _):
            let left = status(of: lhs)
            let right = status(of: rhs)
            let weakest = [left.status, right.status].compactMap { $0 }.max()
            return (weakest, left.isUnknown || right.isUnknown)
        default:
            return (nil, value(node).isUnknown)
        }
    }
}
