import DealRulesModel

/// Walks checked nodes for lint: every sub-node, without recursion (a
/// condition may nest up to the parser's depth limit, and lint must not
/// add to the stack depth evaluation already uses).
enum NodeWalk {
    /// The direct sub-nodes of a node, operands in source order.
    static func children(of node: Node) -> [Node] {
        switch node {
        case .constant, .symbol, .field, .definition: return []
        case .not(let inner, _): return [inner]
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .arithmetic(_, let lhs, let rhs, _): return [lhs, rhs]
        case .compare(let compare): return [compare.subject] + operands(of: compare.op)
        case .quantified(_, _, let condition, _): return condition.map { [$0] } ?? []
        case .aggregate(_, let field, _, let condition, _): return [field, condition].compactMap { $0 }
        case .projection(let field, _, let condition, _): return [field] + (condition.map { [$0] } ?? [])
        }
    }

    static func operands(of op: CompareNode.Operator) -> [Node] {
        switch op {
        case .equals(let a), .greaterThan(let a), .atLeast(let a), .lessThan(let a), .atMost(let a), .contains(let a),
             .before(let a), .after(let a), .beyond(let a), .within(let a):
            return [a]
        case .between(let a, let b): return [a, b]
        case .oneOf(let list): return list
        case .status, .known, .unknown: return []
        }
    }

    /// Calls `body` for the node and every node inside it (not through definitions).
    static func visit(_ root: Node, _ body: (Node) -> Void) {
        var stack = [root]
        while let node = stack.popLast() {
            body(node)
            stack.append(contentsOf: children(of: node).reversed())
        }
    }

    /// The operands of an `and` chain in source order (the node itself
    /// when it is not an `and`).
    static func conjuncts(_ node: Node) -> [Node] {
        var parts: [Node] = []
        var pending = [node]
        while let next = pending.popLast() {
            if case .and(let lhs, let rhs) = next {
                pending.append(rhs)
                pending.append(lhs)
            } else {
                parts.append(next)
            }
        }
        return parts
    }

    /// Every node a rule evaluates: condition, grouping key and message.
    static func roots(of rule: CheckedRule) -> [Node] {
        var roots = [rule.condition]
        if case .forEach(let key, _) = rule.scope { roots.append(key) }
        for part in rule.message ?? [] {
            if case .value(let node) = part { roots.append(node) }
        }
        return roots
    }

    /// Definitions the rules use, directly or through other definitions.
    static func usedDefinitions(_ program: CheckedProgram) -> Set<Int> {
        var used = Set<Int>()
        var pending: [Int] = []
        for rule in program.rules {
            for root in roots(of: rule) { pending.append(contentsOf: DefinitionCycles.references(in: root)) }
        }
        while let index = pending.popLast() {
            guard program.definitions.indices.contains(index), used.insert(index).inserted else { continue }
            pending.append(contentsOf: DefinitionCycles.references(in: program.definitions[index].body))
        }
        return used
    }
}
