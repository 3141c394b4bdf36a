import DealRulesModel
import DealRulesSyntax

/// The field paths a condition reads, through the definitions it uses.
/// Without `intoCollections` only the deal's own fields (what kernels read
/// as columns); with it also collections and the fields read inside their
/// `where` conditions.
struct FieldPathWalk {
    let definitions: [CheckedDefinition]
    let intoCollections: Bool

    func paths(of node: Node) -> [FieldPath] {
        plan(of: node).fields
    }

    /// The fields, and also (whatever `intoCollections` says) the
    /// collections gone through item by item and the `F of P` projections
    /// read at this level — what `ReadPlan` gathers.
    func plan(of node: Node) -> ReadPlan {
        var plan = ReadPlan()
        var seenDefinitions = Set<Int>()
        func walk(_ node: Node) {
            switch node {
            case .field(let path, _):
                plan.fields.append(path)
            case .constant, .symbol:
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
                // `P contains X` goes through P's items when P holds a list.
                if case .contains = compare.op, case .field(let path, _) = compare.subject { plan.collections.append(path) }
                walk(compare.subject)
                compare.operands.forEach(walk)
            case .quantified(_, let path, let inner, _):
                plan.collections.append(path)
                guard intoCollections else { return }
                plan.fields.append(path)
                inner.map(walk)
            case .aggregate(_, let field, let path, let inner, _):
                path.map { plan.collections.append($0) }
                guard intoCollections else { return }
                path.map { plan.fields.append($0) }
                field.map(walk)
                inner.map(walk)
            case .projection(let field, let path, let inner, _):
                if case .field(let read, _) = field, inner == nil {
                    plan.projections.append((path, read))
                } else {
                    plan.collections.append(path)
                }
                guard intoCollections else { return }
                plan.fields.append(path)
                walk(field)
                inner.map(walk)
            }
        }
        walk(node)
        return plan
    }
}

extension CompareNode {
    /// The nodes a comparison compares its subject with.
    var operands: [Node] {
        switch op {
        case .equals(let operand), .greaterThan(let operand), .atLeast(let operand), .lessThan(let operand),
             .atMost(let operand), .contains(let operand), .before(let operand), .after(let operand),
             .beyond(let operand), .within(let operand):
            return [operand]
        case .oneOf(let operands): return operands
        case .between(let low, let high): return [low, high]
        case .status, .known, .unknown: return []
        }
    }
}
