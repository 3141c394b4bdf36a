import DealRulesModel
import DealRulesSyntax

/// What the per-deal rules of a run read from every deal, gathered before
/// evaluation so that one pass over the deals builds it all: fields as
/// columns, collections as item tables, and `F of P` projections. Each
/// pass over a large portfolio costs a trip through every deal's entries
/// in memory, whatever it reads there.
struct ReadPlan {
    var fields: [FieldPath] = []
    /// Collections the conditions go through item by item: `any P where`,
    /// `count of P`, `P contains X` when P holds a list.
    var collections: [FieldPath] = []
    /// `F of P` without `where`: (P, F).
    var projections: [(collection: FieldPath, field: FieldPath)] = []

    init() {}

    /// The plan of one condition, through the definitions it uses. Only the
    /// deal's own reads: conditions inside `where` read item tables.
    init(of node: Node, definitions: [CheckedDefinition]) {
        fields = KernelCompiler.fieldPaths(of: node, definitions: definitions)
        var seenDefinitions = Set<Int>()
        func walk(_ node: Node) {
            switch node {
            case .field, .constant, .symbol:
                break
            case .definition(let index, _):
                guard definitions.indices.contains(index), seenDefinitions.insert(index).inserted else { return }
                walk(definitions[index].body)
            case .not(let inner, _):
                walk(inner)
            case .and(let lhs, let rhs), .or(let lhs, let rhs), .arithmetic(_, let lhs, let rhs, _):
                walk(lhs)
                walk(rhs)
            case .compare(let compare):
                if case .contains = compare.op, case .field(let path, _) = compare.subject { collections.append(path) }
                walk(compare.subject)
                compare.operands.forEach(walk)
            case .quantified(_, let path, _, _):
                collections.append(path)
            case .aggregate(_, _, let path, _, _):
                path.map { collections.append($0) }
            case .projection(.field(let field, _), let path, nil, _):
                projections.append((path, field))
            case .projection(_, let path, _, _):
                collections.append(path)
            }
        }
        walk(node)
    }

    mutating func add(_ other: ReadPlan) {
        fields += other.fields
        collections += other.collections
        projections += other.projections
    }
}
