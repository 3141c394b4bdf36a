import DealRulesModel
import DealRulesSyntax

// Expressions and conditions typed at the prompt: checked against the
// session program, then evaluated for the current deal, for every deal as
// a table, or once over the portfolio when they aggregate over `deals`.
extension ReplEngine {
    struct LoweredExpression {
        var node: Node
        var type: StaticType
        /// Reads the `deals` collection: evaluated once for all deals.
        var portfolio: Bool
    }

    /// Resolves names against the session program, as the checker would
    /// for a rule condition. Nil with the errors when it does not check.
    func lower(_ expression: Expr) -> (LoweredExpression?, [Diagnostic]) {
        let program = session.program
        var index: [String: Int] = [:]
        for (position, definition) in program.definitions.enumerated() { index[definition.key] = position }
        var lowering = Lowering(definitionIndex: index, definitionNames: program.definitions.map(\.name), schema: program.schema)
        // Definition types, in order, as the checker found them.
        for (position, definition) in program.definitions.enumerated() {
            lowering.definitionTypes[position] = lowering.lower(definition.declaration.body).1
        }
        lowering.diagnostics = []
        let portfolio = PortfolioScan.readsDeals(expression)
        lowering.grouped = portfolio
        let (node, type) = lowering.lower(expression)
        let errors = lowering.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { return (nil, lowering.diagnostics) }
        return (LoweredExpression(node: node, type: type, portfolio: portfolio), lowering.diagnostics)
    }

    /// The static type of an expression, when it checks.
    func expressionType(_ expression: Expr) -> String? {
        lower(expression).0.map { $0.type.description }
    }

    func evaluate(_ expression: Expr) -> ReplReply {
        let (lowered, diagnostics) = lower(expression)
        guard let lowered else { return .failure(render(diagnostics)) }
        let evaluator = Evaluator(asOf: session.asOf, definitions: session.program.definitions)
        if lowered.portfolio {
            evaluator.begin(group: .portfolio(session.deals))
            return .text("portfolio: " + shown(evaluator.value(lowered.node), evaluator))
        }
        if session.deals.isEmpty || ConstantScan.isConstant(lowered.node) {
            // Nothing loaded, or nothing read from a deal: one value.
            evaluator.begin(deal: Deal(record: Record(), position: 1))
            return .text(shown(evaluator.value(lowered.node), evaluator))
        }
        if let current = session.currentDeal, let deal = session.deal(current) {
            evaluator.begin(deal: deal)
            let value = evaluator.value(lowered.node)
            var lines = [shown(value, evaluator)]
            lines += evaluator.evidence.map { "  " + ReplText.evidence($0) }
            return .text(lines.joined(separator: "\n"))
        }
        var table = ReplTable(["deal", "value", "status"])
        for deal in session.deals {
            evaluator.begin(deal: deal)
            let value = evaluator.value(lowered.node)
            let status = evaluator.evidence.compactMap(\.status).max()
            table.add([deal.subject, valueCell(value, evaluator), status?.rawValue ?? ""])
        }
        return .text(table.render(style: style))
    }

    /// `:type EXPR`: what the checker knows, and what the data holds for
    /// the selected deals.
    func typeOf(_ expression: Expr) -> ReplReply {
        let (lowered, diagnostics) = lower(expression)
        guard let lowered else { return .failure(render(diagnostics)) }
        var lines = ["static:  \(lowered.type)"]
        let evaluator = Evaluator(asOf: session.asOf, definitions: session.program.definitions)
        var counts: [(String, Int)] = []
        func count(_ value: Value) {
            let name = value.typeName
            if let index = counts.firstIndex(where: { $0.0 == name }) { counts[index].1 += 1 } else { counts.append((name, 1)) }
        }
        if lowered.portfolio {
            evaluator.begin(group: .portfolio(session.deals))
            count(evaluator.value(lowered.node))
        } else {
            for deal in session.selectedDeals {
                evaluator.begin(deal: deal)
                count(evaluator.value(lowered.node))
            }
        }
        if !counts.isEmpty {
            let noun = lowered.portfolio ? "portfolio" : "deal"
            let parts = counts.map { counts.count == 1 && $0.1 == 1 ? $0.0 : "\($0.0) (\(ReplWording.count($0.1, noun)))" }
            lines.append("dynamic: " + parts.joined(separator: ", "))
        }
        return .text(lines.joined(separator: "\n") + (diagnostics.isEmpty ? "" : "\n") + render(diagnostics))
    }

    /// A value with the weakest status of the evidence behind it, and for
    /// unknown values the reason.
    private func shown(_ value: Value, _ evaluator: Evaluator) -> String {
        let status = evaluator.evidence.compactMap(\.status).max()
        let text = ValueRendering.render(value, provenance: Provenance(status: status))
        guard value.isUnknown, !evaluator.reasons.isEmpty else { return text }
        return text + " (" + evaluator.reasons.map(ReplText.reason).joined(separator: "; ") + ")"
    }

    private func valueCell(_ value: Value, _ evaluator: Evaluator) -> String {
        let text = ValueRendering.render(value)
        guard value.isUnknown, !evaluator.reasons.isEmpty else { return text }
        return text + " (" + evaluator.reasons.map(ReplText.reason).joined(separator: "; ") + ")"
    }
}

/// Evidence and reasons as the REPL prints them.
enum ReplText {
    static func evidence(_ evidence: Evidence) -> String {
        var text = "\(evidence.field) = \(evidence.value)"
        var details: [String] = []
        if let status = evidence.status { details.append(status.rawValue) }
        if let source = evidence.source { details.append(source) }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        return TerminalText.clean(text)
    }

    static func reason(_ reason: UndeterminedReason) -> String {
        var text = reason.problem.rawValue
        if let field = reason.field { text += " " + field }
        if let message = reason.message { text += ": " + message }
        return TerminalText.clean(text)
    }
}

/// Does an expression look into the `deals` collection (`count of deals
/// where …`)? Then it is about the portfolio, not one deal.
enum PortfolioScan {
    static let maximumDepth = 200

    static func readsDeals(_ expression: Expr, depth: Int = 0) -> Bool {
        guard depth < maximumDepth else { return false }
        let next = depth + 1
        switch expression {
        case .literal, .symbol, .reference:
            return false
        case .not(let inner, _), .group(let inner, _):
            return readsDeals(inner, depth: next)
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .arithmetic(_, let lhs, let rhs):
            return readsDeals(lhs, depth: next) || readsDeals(rhs, depth: next)
        case .comparison(let comparison):
            return readsDeals(comparison.subject, depth: next)
        case .quantified(let quantified):
            return isDeals(quantified.collection)
        case .aggregate(let aggregate):
            return aggregate.collection.map(isDeals) ?? false
        case .projection(let projection):
            return isDeals(projection.collection)
        }
    }

    private static func isDeals(_ reference: Reference) -> Bool {
        reference.segments.count == 1 && ["deals", "deal"].contains(reference.segments[0].key)
    }
}

/// Does a node read nothing from a deal (`2 + 3`, `2026-01 is before
/// 2027`)? Then one value stands for every deal.
enum ConstantScan {
    static let maximumDepth = 200

    static func isConstant(_ node: Node, depth: Int = 0) -> Bool {
        guard depth < maximumDepth else { return false }
        let next = depth + 1
        switch node {
        case .constant, .symbol:
            return true
        case .field, .definition, .quantified, .aggregate, .projection:
            return false
        case .not(let inner, _):
            return isConstant(inner, depth: next)
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .arithmetic(_, let lhs, let rhs, _):
            return isConstant(lhs, depth: next) && isConstant(rhs, depth: next)
        case .compare(let compare):
            guard isConstant(compare.subject, depth: next) else { return false }
            switch compare.op {
            case .equals(let a), .greaterThan(let a), .atLeast(let a), .lessThan(let a), .atMost(let a), .contains(let a),
                 .before(let a), .after(let a), .within(let a):
                return isConstant(a, depth: next)
            case .between(let a, let b):
                return isConstant(a, depth: next) && isConstant(b, depth: next)
            case .oneOf(let list):
                return list.allSatisfy { isConstant($0, depth: next) }
            case .beyond, .status, .known, .unknown:
                // `beyond`/`within` count from the as-of date, still constant;
                // a status reads provenance, which constants lack.
                return true
            }
        }
    }
}
