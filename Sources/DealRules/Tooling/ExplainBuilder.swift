import DealRulesModel
import DealRulesSyntax

/// Builds the explanation tree of a rule's condition by walking its
/// checked nodes and asking the evaluator — already begun for the subject —
/// for each node's truth or value. Definitions are opened up; collections
/// list their items (at most `maximumItems`).
final class ExplainBuilder {
    let evaluator: Evaluator
    let program: CheckedProgram
    /// Nodes deeper than this are shown without their parts.
    static let maximumDepth = 64
    /// Items listed per collection; the rest are counted.
    static let maximumItems = 25
    /// Nodes per explanation; definitions used many times could otherwise multiply.
    static let maximumNodes = 2_000
    private var nodesLeft = maximumNodes

    init(evaluator: Evaluator, program: CheckedProgram) {
        self.evaluator = evaluator
        self.program = program
    }

    func condition(_ node: Node, depth: Int = 0) -> ExplainNode {
        nodesLeft -= 1
        let open = depth < ExplainBuilder.maximumDepth && nodesLeft > 0
        let truth = evaluator.truth(node)
        let text = ExplainBuilder.oneLine(node.span.text)
        switch node {
        case .and, .or:
            var explained = ExplainNode(text: text, kind: isAnd(node) ? .and : .or, truth: truth)
            if open { explained.children = chain(node).map { condition($0, depth: depth + 1) } }
            return explained
        case .not(let inner, _):
            var explained = ExplainNode(text: text, kind: .not, truth: truth)
            if open { explained.children = [condition(inner, depth: depth + 1)] }
            return explained
        case .compare(let compare):
            var explained = ExplainNode(text: text, kind: .comparison, truth: truth)
            var evidence: [Evidence] = []
            var parts: [ExplainNode] = []
            for operand in [compare.subject] + NodeWalk.operands(of: compare.op) {
                switch operand {
                case .field(let path, _): evidence.append(read(path))
                case .constant, .symbol: break
                default: if open { parts.append(value(operand, depth: depth + 1)) }
                }
            }
            explained.evidence = evidence
            explained.children = parts
            return explained
        case .quantified(let quantifier, let path, let inner, _):
            var explained = ExplainNode(text: text, kind: .quantifier, truth: truth)
            explained.negatesChildren = quantifier == .no
            if !isGroupDeals(path) { explained.evidence = [read(path)] }
            if open { explained.children = items(path, condition: inner, field: nil, quantified: true, depth: depth + 1) }
            return explained
        case .definition(let index, _):
            return definition(node, index, text: text, asCondition: true, depth: depth)
        case .field(let path, _):
            return ExplainNode(text: text, kind: .field, truth: truth, evidence: [read(path)])
        default:
            var explained = value(node, depth: depth)
            explained.truth = truth
            return explained
        }
    }

    /// A node used as a value: its value, and how it was reached.
    func value(_ node: Node, depth: Int) -> ExplainNode {
        nodesLeft -= 1
        let open = depth < ExplainBuilder.maximumDepth && nodesLeft > 0
        let text = ExplainBuilder.oneLine(node.span.text)
        let rendered = ValueRendering.render(evaluator.value(node))
        switch node {
        case .field(let path, _):
            let evidence = read(path)
            return ExplainNode(text: text, kind: .field, value: evidence.value, evidence: [evidence])
        case .definition(let index, _):
            return definition(node, index, text: text, asCondition: false, depth: depth)
        case .arithmetic(_, let lhs, let rhs, _):
            var explained = ExplainNode(text: text, kind: .value, value: rendered)
            if open {
                explained.children = [lhs, rhs].filter { !isConstant($0) }.map { value($0, depth: depth + 1) }
            }
            return explained
        case .aggregate(_, let field, let path, let inner, _):
            var explained = ExplainNode(text: text, kind: .aggregate, value: rendered)
            if let path, !isGroupDeals(path) { explained.evidence = [read(path)] }
            if open { explained.children = items(path, condition: inner, field: field, quantified: false, depth: depth + 1) }
            return explained
        case .projection(_, let path, _, _):
            var explained = ExplainNode(text: text, kind: .value, value: rendered)
            if !isGroupDeals(path) { explained.evidence = [read(path)] }
            return explained
        case .not, .and, .or, .compare, .quantified:
            var explained = condition(node, depth: depth)
            explained.value = rendered
            return explained
        case .constant, .symbol:
            return ExplainNode(text: text, kind: .value, value: rendered)
        }
    }

    private func definition(_ node: Node, _ index: Int, text: String, asCondition: Bool, depth: Int) -> ExplainNode {
        let truth: Truth? = asCondition ? evaluator.truth(node) : nil
        let rendered = asCondition ? nil : ValueRendering.render(evaluator.value(node))
        var explained = ExplainNode(text: text, kind: .definition, truth: truth, value: rendered)
        guard program.definitions.indices.contains(index), !evaluator.explainIsGroupKey(index) else { return explained }
        if depth < ExplainBuilder.maximumDepth, nodesLeft > 0 {
            let body = program.definitions[index].body
            explained.children = [asCondition && isCondition(body) ? condition(body, depth: depth + 1) : value(body, depth: depth + 1)]
        }
        return explained
    }

    /// The items of a collection, each with its `where` truth and value.
    private func items(_ path: FieldPath?, condition inner: Node?, field: Node?, quantified: Bool, depth: Int) -> [ExplainNode] {
        guard let labels = evaluator.explainItemLabels(path) else { return [] }
        var result: [ExplainNode] = []
        for (index, label) in labels.enumerated().prefix(ExplainBuilder.maximumItems) {
            let item: ExplainNode? = evaluator.explainWithItem(path, at: index) {
                var explained = ExplainNode(text: label, kind: .item)
                if let inner {
                    explained.truth = evaluator.truth(inner)
                    explained.children.append(condition(inner, depth: depth + 1))
                } else if quantified {
                    // `any chip` without `where`: every item counts.
                    explained.truth = .true
                }
                if let field, explained.truth != .false {
                    explained.value = ValueRendering.render(evaluator.value(field))
                }
                return explained
            }
            if let item { result.append(item) }
        }
        if labels.count > ExplainBuilder.maximumItems {
            result.append(ExplainNode(text: "… and \(labels.count - ExplainBuilder.maximumItems) more", kind: .more))
        }
        return result
    }

    private func read(_ path: FieldPath) -> Evidence {
        let (value, provenance) = evaluator.explainRead(path)
        return Evidence(field: path.display, value: ValueRendering.render(value), status: provenance?.status, source: provenance?.source)
    }

    private func isGroupDeals(_ path: FieldPath) -> Bool {
        path.keys.count == 1 && ["deals", "deal"].contains(path.keys[0])
    }

    private func isAnd(_ node: Node) -> Bool {
        if case .and = node { return true }
        return false
    }

    private func isConstant(_ node: Node) -> Bool {
        switch node {
        case .constant, .symbol: return true
        default: return false
        }
    }

    private func isCondition(_ node: Node) -> Bool {
        switch node {
        case .and, .or, .not, .compare, .quantified, .field, .definition: return true
        default: return false
        }
    }

    /// `a and b and c` as one node with three parts (same for `or`).
    private func chain(_ node: Node) -> [Node] {
        var parts: [Node] = []
        var pending = [node]
        let wantAnd = isAnd(node)
        while let next = pending.popLast() {
            switch next {
            case .and(let lhs, let rhs) where wantAnd: pending.append(contentsOf: [rhs, lhs])
            case .or(let lhs, let rhs) where !wantAnd: pending.append(contentsOf: [rhs, lhs])
            default: parts.append(next)
            }
        }
        return parts
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
