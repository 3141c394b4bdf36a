import DealRulesModel

/// Nesting counted through definitions, at twice the expression limit of
/// LANGUAGE.md §10 (so no single expression the parser accepts hits it):
/// a rule that uses a definition nests that definition's body inside its
/// own condition, and evaluation recurses just as deep. A chain of
/// thousands of definitions would otherwise exhaust the stack.
enum NestingDepth {
    static let maximum = 512

    /// E208 for each definition whose depth first crosses the limit, and
    /// for rules that cross it on their own. Call only when the definitions
    /// have no cycle.
    static func check(_ definitions: [CheckedDefinition], rules: [CheckedRule]) -> [Diagnostic] {
        let depths = definitionDepths(definitions)
        var diagnostics: [Diagnostic] = []
        for (index, definition) in definitions.enumerated() where depths[index] > maximum {
            let used = DefinitionCycles.references(in: definition.body).filter { definitions.indices.contains($0) }
            // Report where the limit is crossed, not every definition above it.
            guard used.allSatisfy({ depths[$0] <= maximum }) else { continue }
            diagnostics.append(.error("E208", "`\(definition.name)` is nested more than \(maximum) levels deep, counting the definitions it uses",
                                      at: definition.declaration.name.span,
                                      help: ["a chain of definitions each using the next counts as one nested expression; shorten the chain"]))
        }
        let reportedDefinitions = !diagnostics.isEmpty
        for rule in rules where !reportedDefinitions {
            if depth(of: rule.condition, definitionDepths: depths) > maximum {
                diagnostics.append(.error("E208", "the condition of `\(rule.info.name)` is nested more than \(maximum) levels deep, counting the definitions it uses",
                                          at: rule.condition.span))
            }
        }
        return diagnostics
    }

    /// Depth of each definition's body, with used definitions counted in
    /// full. Computed in dependency order without recursion across
    /// definitions (the chain may be long).
    static func definitionDepths(_ definitions: [CheckedDefinition]) -> [Int] {
        let edges = definitions.map { DefinitionCycles.references(in: $0.body).filter { definitions.indices.contains($0) } }
        var depths = Array(repeating: -1, count: definitions.count)
        var onStack = Array(repeating: false, count: definitions.count)
        for start in definitions.indices where depths[start] < 0 {
            var work: [Int] = [start]
            while let top = work.last {
                if depths[top] >= 0 { work.removeLast(); continue }
                let pending = edges[top].filter { depths[$0] < 0 && !onStack[$0] }
                if pending.isEmpty || onStack[top] {
                    // All dependencies known (a cycle, already an error, counts as known).
                    depths[top] = depth(of: definitions[top].body, definitionDepths: depths)
                    onStack[top] = false
                    work.removeLast()
                } else {
                    onStack[top] = true
                    work.append(contentsOf: pending)
                }
            }
        }
        return depths.map { max($0, 0) }
    }

    /// Levels of a node tree; a definition reference counts its body's depth
/// (a depth not yet known, -1, counts as 0).
    /// Node trees themselves are at most the parser's 256 levels deep.
    static func depth(of node: Node, definitionDepths: [Int]) -> Int {
        func child(_ node: Node) -> Int { depth(of: node, definitionDepths: definitionDepths) }
        func optional(_ node: Node?) -> Int { node.map(child) ?? 0 }
        switch node {
        case .constant, .symbol, .field: return 1
        case .definition(let index, _):
            return 1 + (definitionDepths.indices.contains(index) ? max(definitionDepths[index], 0) : 0)
        case .not(let inner, _): return 1 + child(inner)
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .arithmetic(_, let lhs, let rhs, _):
            return 1 + max(child(lhs), child(rhs))
        case .compare(let compare):
            var deepest = child(compare.subject)
            switch compare.op {
            case .equals(let a), .greaterThan(let a), .atLeast(let a), .lessThan(let a), .atMost(let a), .contains(let a),
                 .before(let a), .after(let a), .beyond(let a), .within(let a):
                deepest = max(deepest, child(a))
            case .between(let a, let b):
                deepest = max(deepest, child(a), child(b))
            case .oneOf(let list):
                for item in list { deepest = max(deepest, child(item)) }
            case .status, .known, .unknown:
                break
            }
            return 1 + deepest
        case .quantified(_, _, let condition, _):
            return 1 + optional(condition)
        case .aggregate(_, let field, _, let condition, _):
            return 1 + max(optional(field), optional(condition))
        case .projection(let field, _, let condition, _):
            return 1 + max(child(field), optional(condition))
        }
    }
}
