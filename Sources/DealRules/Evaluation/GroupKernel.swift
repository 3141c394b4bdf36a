import DealRulesModel
import DealRulesSyntax

/// Decides `for each K` rules (and `for all deals` rules, the portfolio
/// being one group of every deal) of the forms `count of deals [where C]`,
/// `sum of F [where C]` and `share of F [where C]` against a constant, over
/// the deal rows of each group, with the arithmetic of
/// `Evaluator.aggregate` (every kept F known, exact sums in deal order,
/// `share` as part / total over all deals). Nil from `truth(rows:)` means
/// some deal holds what kernels leave to the evaluator: it then decides
/// that group.
final class GroupKernel {
    private let kind: AggregateKind
    private let op: CompareNode.Operator
    private let negated: Bool
    private let compiler: KernelCompiler
    private let condition: RowKernel?
    private let field: KernelCompiler.AmountKernel?
    private let rowCount: Int
    /// `share of F`: the sum over all deals, the same for every group.
    private lazy var total: KernelCompiler.AmountCell? = sum(0..<rowCount)

    init?(_ node: Node, keyName: String?, definitions: [CheckedDefinition], table: DealTable, asOf: DateValue) {
        var node = node
        var negated = false
        while case .not(let inner, _) = node {
            node = inner
            negated.toggle()
        }
        guard case .compare(let compare) = node,
              case .aggregate(let kind, let field, let path, let inner, _) = compare.subject,
              kind == .count || kind == .sum || kind == .share else { return nil }
        if let path, !(path.keys.count == 1 && (path.keys[0] == "deals" || path.keys[0] == "deal")) { return nil }
        // Inside a grouped rule K names the group's key wherever it is read.
        if let keyName {
            let parts = [field, inner].compactMap { $0 }
            let names = parts.flatMap { FieldPathWalk(definitions: definitions, intoCollections: true).paths(of: $0) }
            if names.contains(where: { $0.keys.first == keyName || $0.keys.joined(separator: ".") == keyName }) { return nil }
        }
        let compiler = KernelCompiler(definitions: definitions, table: table, asOf: asOf, evaluator: nil, inGroup: true)
        self.compiler = compiler
        self.kind = kind
        self.op = compare.op
        self.negated = negated != compare.negated
        // Not `Optional.map`, whose result would be called through a
        // conversion thunk for every deal.
        if let inner {
            self.condition = compiler.condition(inner)
        } else {
            self.condition = nil
        }
        if kind == .count {
            guard field == nil else { return nil }
            self.field = nil
        } else {
            guard let field, let code = compiler.amount(field) else { return nil }
            self.field = code
        }
        self.rowCount = table.rowCount
    }

    func truth<Rows: Sequence<Int>>(rows: Rows) -> Truth? {
        let result: RowTruth?
        switch kind {
        case .count:
            guard let cell = counted(rows) else { return nil }
            result = compiler.countComparison(op, { _ in cell })?(0)
        case .sum:
            guard let part = sum(rows) else { return nil }
            result = compiler.amountComparison(op, { _ in part })?(0)
        default:
            guard let part = sum(rows) else { return nil }
            let ratio: KernelCompiler.AmountCell
            if part.state == .unknown {
                ratio = .unknown
            } else {
                guard let total else { return nil }
                ratio = total.state == .unknown ? .unknown : KernelCompiler.combine(.divide, part, total, interner: compiler.table.interner)
            }
            result = compiler.amountComparison(op, { _ in ratio })?(0)
        }
        guard let truth = result?.truth else { return nil }
        return negated ? truth.negated : truth
    }

    private func counted<Rows: Sequence<Int>>(_ rows: Rows) -> KernelCompiler.CountCell? {
        var cell = KernelCompiler.CountCell(state: .known)
        for row in rows {
            switch condition?(row) ?? .isTrue {
            case .isTrue: cell.kept += 1
            case .isFalse: break
            case .isUnknown: cell.unsure += 1
            case .deferred: return nil
            }
        }
        return cell
    }

    /// The sum of F over the kept rows; `.unknown` when membership or some
    /// F is unknown, nil when the evaluator must decide.
    private func sum<Rows: Sequence<Int>>(_ rows: Rows) -> KernelCompiler.AmountCell? {
        guard let field else { return nil }
        var kept: [Int] = []
        var unsure = false
        for row in rows {
            switch condition?(row) ?? .isTrue {
            case .isTrue: kept.append(row)
            case .isFalse: break
            case .isUnknown: unsure = true
            case .deferred: return nil
            }
        }
        var values: [KernelCompiler.AmountCell] = []
        values.reserveCapacity(kept.count)
        var anyUnknown = false
        for row in kept {
            let value = field(row)
            switch value.state {
            case .deferred: return nil
            case .unknown: anyUnknown = true
            case .known: values.append(value)
            }
        }
        if unsure || anyUnknown { return .unknown }
        guard var total = values.first else { return KernelCompiler.AmountCell(state: .known, amount: .zero, unit: -1) }
        // One unit and no step that rounds: the sum in one pass, as the
        // steps below would give it (`DecimalNumber.sumWithoutRounding`).
        let unit = total.unit
        if values.allSatisfy({ $0.unit == unit }),
           let exact = values.withUnsafeBufferPointer({ cells in DecimalNumber.sumWithoutRounding(count: cells.count) { cells[$0].amount } }) {
            return KernelCompiler.AmountCell(state: .known, amount: exact, unit: unit)
        }
        for value in values.dropFirst() {
            total = KernelCompiler.combine(.add, total, value, interner: compiler.table.interner)
            if total.state == .deferred { return nil }
            if total.state == .unknown { return .unknown }
        }
        return total
    }
}
