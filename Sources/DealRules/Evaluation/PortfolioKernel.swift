import DealRulesModel
import DealRulesSyntax

extension KernelCompiler {
    /// The truth of a `for all deals` rule of the form
    /// `count of deals where C <comparison> N`, counting C over the deal
    /// rows with a kernel. Nil when the rule has another form or C needs
    /// the evaluator for some deal: the evaluator then decides the rule.
    static func portfolioTruth(_ condition: Node, definitions: [CheckedDefinition], table: DealTable, asOf: DateValue) -> Truth? {
        if case .not(let inner, _) = condition {
            return portfolioTruth(inner, definitions: definitions, table: table, asOf: asOf)?.negated
        }
        guard case .compare(let compare) = condition,
              case .aggregate(.count, nil, let path, let inner, _) = compare.subject else { return nil }
        if let path, !(path.keys.count == 1 && (path.keys[0] == "deals" || path.keys[0] == "deal")) { return nil }
        let compiler = KernelCompiler(definitions: definitions, table: table, asOf: asOf, evaluator: nil, inGroup: true)
        let code = inner.map { compiler.condition($0) }
        var count = CountCell(state: .known)
        for row in 0..<table.rowCount {
            switch code?(row) ?? .isTrue {
            case .isTrue: count.kept += 1
            case .isFalse: break
            case .isUnknown: count.unsure += 1
            case .deferred: return nil
            }
        }
        let counted = count
        guard let truth = compiler.countComparison(compare.op, { _ in counted })?(0).truth else { return nil }
        return compare.negated ? truth.negated : truth
    }
}
