import DealRulesModel
import DealRulesSyntax

/// Turns a per-deal rule's condition into a `RowKernel` over columns.
///
/// Kernels decide the common cases natively — symbols and text by interned
/// id, numbers and quantities of one unit, dates as day periods, provenance
/// statuses, `contains`, counts and quantifiers over list fields — with the
/// very comparisons `Evaluator` uses (`orderDays`, `relativeDays`,
/// `orderRange`, …). Whatever else a row holds comes back `deferred`, and
/// for deal rows the evaluator then decides that part for that row, so a
/// kernel's truth is always the evaluator's truth. Reasons and evidence
/// are never computed here: reports ask the evaluator for them
/// (`RuleOutcomes.report`).
struct KernelCompiler {
    let definitions: [CheckedDefinition]
    let table: RowTable
    let asOf: DateValue
    /// Deal rows: decides what kernels leave. Item rows have none: their
    /// `deferred` goes up to the enclosing deal-level condition.
    let evaluator: RowEvaluator?
    var inlined = 0
    /// Inside a grouped or portfolio rule `deals` names the group's deals,
    /// which kernels do not model: collections of that name are left to
    /// the evaluator.
    var inGroup = false

    /// Definitions inlined inside one another before the evaluator takes over.
    static let maximumInlining = 64

    func condition(_ node: Node) -> RowKernel {
        switch node {
        case .not(let inner, _):
            let code = condition(inner)
            return { code($0).negated }
        case .and(let lhs, let rhs):
            let left = condition(lhs)
            let right = condition(rhs)
            return { row in left(row).andThen { right(row) } }
        case .or(let lhs, let rhs):
            let left = condition(lhs)
            let right = condition(rhs)
            return { row in left(row).orElse { right(row) } }
        case .compare(let compare):
            guard let code = self.compare(compare) else {
                return decided { $0.truth(node) }
            }
            let checked = resolved(code) { $0.compare(compare) }
            return compare.negated ? { checked($0).negated } : checked
        case .definition(let index, _):
            guard inlined < KernelCompiler.maximumInlining, definitions.indices.contains(index) else {
                return decided { $0.truth(node) }
            }
            var inner = self
            inner.inlined += 1
            return inner.condition(definitions[index].body)
        case .quantified(let quantifier, let path, let inner, _):
            let code = quantified(quantifier, path, inner)
            return resolved(code) { $0.truth(node) }
        default:
            return decided { $0.truth(node) }
        }
    }

    // MARK: Handing over to the evaluator

    private func resolved(_ code: @escaping RowKernel, _ decide: @escaping (Evaluator) -> Truth) -> RowKernel {
        guard let evaluator else { return code }
        return { row in
            let result = code(row)
            return result == .deferred ? RowTruth(decide(evaluator.at(row))) : result
        }
    }

    private func decided(_ decide: @escaping (Evaluator) -> Truth) -> RowKernel {
        guard let evaluator else { return { _ in .deferred } }
        return { row in RowTruth(decide(evaluator.at(row))) }
    }

    // MARK: Comparisons

    /// The un-negated comparison, or nil when it has no native form.
    func compare(_ node: CompareNode) -> RowKernel? {
        guard let leaf = compareLeaf(node) else { return nil }
        return leaf.rowKernel
    }

    /// The same as a column test where it is one (`ColumnTest`), which
    /// block kernels run as a loop, or else as a kernel of its own.
    func compareLeaf(_ node: CompareNode) -> CompareLeaf? {
        switch node.op {
        case .known, .unknown:
            guard let unknown = unknownTest(node.subject) else { return nil }
            let wantsUnknown: Bool
            if case .unknown = node.op { wantsUnknown = true } else { wantsUnknown = false }
            return .kernel { row in
                let isUnknown = unknown(row)
                return isUnknown == .deferred ? .deferred : RowTruth((isUnknown == .isTrue) == wantsUnknown)
            }
        case .status(let wanted):
            guard case .field(let path, _) = node.subject else { return nil }
            return .test(.status(table.column(path), CellColumn.code(wanted)))
        default:
            break
        }
        if case .aggregate(.count, nil, let path?, let condition, _) = node.subject {
            return kernel(countComparison(node.op, counted(path, condition)))
        }
        if let numeric = numericConstants(node.op), numeric {
            // A field's amounts against constants are a column test.
            if case .field(let path, _) = node.subject {
                let column = table.column(path)
                switch ConstantOperands(node.op) {
                case .one(let operand, let order)?:
                    return amountLimit(operand).map { .test(.amount(column, $0, order)) }
                case .between(let low, let high)?:
                    guard let lower = amountLimit(low), let upper = amountLimit(high) else { return nil }
                    return .test(.amountBetween(column, lower: lower, upper: upper))
                case nil:
                    return nil
                }
            }
            if let subject = amount(node.subject) {
                return kernel(amountComparison(node.op, subject))
            }
        }
        let path: FieldPath
        let column: CellColumn
        switch node.subject {
        case .field(let fieldPath, _):
            path = fieldPath
            column = table.column(fieldPath)
        case .projection(.field(let inner, _), let collection, nil, _):
            // `source of deal value`: the cell is what the path `deal value.source` reads.
            path = FieldPath(keys: collection.keys + inner.keys, display: "\(inner.display) of \(collection.display)")
            column = table.projectionColumn(collection, inner)
        default:
            return nil
        }
        switch node.op {
        case .equals(let operand):
            return test(withConstant(operand) { equality(column, $0) })
        case .oneOf(let operands):
            return oneOf(column, operands)
        case .greaterThan(let operand):
            return test(withConstant(operand) { order(column, $0, .greater, datesOnly: false) })
        case .atLeast(let operand):
            return test(withConstant(operand) { order(column, $0, .atLeast, datesOnly: false) })
        case .lessThan(let operand):
            return test(withConstant(operand) { order(column, $0, .less, datesOnly: false) })
        case .atMost(let operand):
            return test(withConstant(operand) { order(column, $0, .atMost, datesOnly: false) })
        case .before(let operand):
            return test(withConstant(operand) { order(column, $0, .less, datesOnly: true) })
        case .after(let operand):
            return test(withConstant(operand) { order(column, $0, .greater, datesOnly: true) })
        case .between(let low, let high):
            guard let lowValue = constant(low), let highValue = constant(high),
                  let lower = order(column, lowValue, .atLeast, datesOnly: false),
                  let upper = order(column, highValue, .atMost, datesOnly: false) else { return nil }
            return .kernel(KernelCompiler.between(lower.rowKernel, upper.rowKernel))
        case .beyond(let operand):
            return test(withConstant(operand) { relative(column, $0, beyond: true) })
        case .within(let operand):
            return test(withConstant(operand) { relative(column, $0, beyond: false) })
        case .contains(let operand):
            return test(withConstant(operand) { contains(column, path, $0) })
        case .known, .unknown, .status:
            return nil
        }
    }

    private func test(_ test: ColumnTest?) -> CompareLeaf? {
        guard let test else { return nil }
        return .test(test)
    }

    private func kernel(_ code: RowKernel?) -> CompareLeaf? {
        guard let code else { return nil }
        return .kernel(code)
    }

    /// For `is`, the orders and `between`: whether every operand is a
    /// known number or quantity (nil for other comparisons).
    func numericConstants(_ op: CompareNode.Operator) -> Bool? {
        let operands: [Node]
        switch ConstantOperands(op) {
        case .one(let operand, _)?: operands = [operand]
        case .between(let low, let high)?: operands = [low, high]
        case nil: return nil
        }
        return operands.allSatisfy { operand in
            switch constant(operand) {
            case .number?, .quantity?: return true
            default: return false
            }
        }
    }

    /// `make` applied to the operand's constant value, if it has one.
    private func withConstant(_ operand: Node, _ make: (Value) -> ColumnTest?) -> ColumnTest? {
        guard let value = constant(operand) else { return nil }
        return make(value)
    }

    private func constant(_ node: Node) -> Value? {
        switch node {
        case .constant(let value, _): return value
        case .symbol(let text, _): return .symbol(text)
        default: return nil
        }
    }

    /// `.isTrue` where the node's value is unknown.
    private func unknownTest(_ node: Node) -> RowKernel? {
        switch node {
        case .field(let path, _):
            let column = table.column(path)
            return { RowTruth(column.kinds[$0] == .unknown) }
        case .constant(let value, _):
            let flag = RowTruth(value.isUnknown)
            return { _ in flag }
        case .projection(.field(let inner, _), let collection, nil, _):
            let column = table.projectionColumn(collection, inner)
            return { RowTruth(column.kinds[$0] == .unknown) }
        case .aggregate(.count, nil, let path?, let condition, _):
            let count = counted(path, condition)
            return { row in
                let cell = count(row)
                return cell.state == .deferred ? .deferred : RowTruth(cell.state == .unknown)
            }
        case .definition(let index, _):
            guard inlined < KernelCompiler.maximumInlining, definitions.indices.contains(index) else { return nil }
            var inner = self
            inner.inlined += 1
            return inner.unknownTest(definitions[index].body)
        case .arithmetic:
            guard let code = amount(node) else { return nil }
            return { row in
                switch code(row).state {
                case .known: return .isFalse
                case .unknown: return .isTrue
                case .deferred: return .deferred
                }
            }
        case .not, .and, .or, .compare, .quantified:
            // A condition's value is unknown exactly when its truth is.
            let code = condition(node)
            return { row in
                let truth = code(row)
                return truth == .deferred ? .deferred : RowTruth(truth == .isUnknown)
            }
        default:
            return nil
        }
    }

    private func equality(_ column: CellColumn, _ value: Value) -> ColumnTest? {
        switch value {
        case .unknown:
            return .alwaysUnknown
        case .text(let text), .symbol(let text):
            return .id(column, .text, table.interner.id(ofText: text))
        case .boolean(let flag):
            return .id(column, .boolean, flag ? 1 : 0)
        case .number, .quantity:
            // Numbers and quantities compare as amounts (`amountComparison`).
            return nil
        case .date(let date):
            return .period(column, first: date.firstDay, last: date.lastDay)
        case .list, .record, .range:
            return nil
        }
    }

    private func oneOf(_ column: CellColumn, _ operands: [Node]) -> CompareLeaf? {
        let values = operands.compactMap(constant)
        guard values.count == operands.count, !values.isEmpty else { return nil }
        var ids: [Int32] = []
        for value in values {
            switch value {
            case .text(let text), .symbol(let text): ids.append(table.interner.id(ofText: text))
            default: break
            }
        }
        if ids.count == values.count {
            return .test(.texts(column, ids))
        }
        var tests: [ColumnTest] = []
        for value in values {
            guard let test = equality(column, value) else { return nil }
            tests.append(test)
        }
        return .kernel { row in
            var result = RowTruth.isFalse
            for test in tests {
                result = result.or(test.truth(row))
                if result == .isTrue || result == .deferred { return result }
            }
            return result
        }
    }

    private func order(_ column: CellColumn, _ value: Value, _ op: Evaluator.OrderOp, datesOnly: Bool) -> ColumnTest? {
        var isDate = false
        if case .date = value { isDate = true }
        if datesOnly || isDate {
            guard let date = Evaluator.date(of: value) else { return nil }
            return .order(column, first: date.firstDay, last: date.lastDay, op)
        }
        // Numbers and quantities compare as amounts (`amountComparison`).
        if case .unknown = value { return .alwaysUnknown }
        return nil
    }

    static func between(_ lower: @escaping RowKernel, _ upper: @escaping RowKernel) -> RowKernel {
        return { row in lower(row).andThen { upper(row) } }
    }

    private func relative(_ column: CellColumn, _ value: Value, beyond: Bool) -> ColumnTest? {
        guard case .quantity(let span) = value, let end = Evaluator.shift(asOf, by: span, sign: 1) else { return nil }
        return .relative(column, start: asOf.firstDay, limit: end.firstDay, beyond: beyond)
    }

    private func contains(_ column: CellColumn, _ path: FieldPath, _ value: Value) -> ColumnTest? {
        switch value {
        case .text(let text), .symbol(let text):
            let needle = ContainsNeedle(text, table: table, path: path)
            // The items' column is read now, as compiling reads every other
            // column a kernel uses, so that a kept table holds it too.
            if column.kinds.contains(.list) { _ = needle.items.selfColumn }
            return .contains(column, needle)
        default:
            return nil
        }
    }

    // MARK: Collections

    private func itemCompiler(_ items: ItemTable) -> KernelCompiler {
        KernelCompiler(definitions: definitions, table: items, asOf: asOf, evaluator: nil, inlined: inlined, inGroup: inGroup)
    }

    /// The kernel of a `where` condition over the items, nil without one.
    /// Not made by `Optional.map`: see `withConstant`.
    private func itemCondition(_ items: ItemTable, _ inner: Node?) -> RowKernel? {
        guard let inner else { return nil }
        return itemCompiler(items).condition(inner)
    }

    private func namesTheGroup(_ path: FieldPath) -> Bool {
        inGroup && path.keys.count == 1 && (path.keys[0] == "deals" || path.keys[0] == "deal")
    }

    private func quantified(_ quantifier: Quantifier, _ path: FieldPath, _ inner: Node?) -> RowKernel {
        if namesTheGroup(path) { return { _ in .deferred } }
        let items = table.items(path)
        let code = itemCondition(items, inner)
        return { row in
            guard items.known[row] else { return .isUnknown }
            var sawTrue = false
            var sawFalse = false
            var sawUnknown = false
            for item in items.starts[row]..<items.starts[row + 1] {
                switch code?(item) ?? .isTrue {
                case .isTrue: sawTrue = true
                case .isFalse: sawFalse = true
                case .isUnknown: sawUnknown = true
                case .deferred: return .deferred
                }
            }
            switch quantifier {
            case .any: return sawTrue ? .isTrue : (sawUnknown ? .isUnknown : .isFalse)
            case .no: return sawTrue ? .isFalse : (sawUnknown ? .isUnknown : .isTrue)
            case .every: return sawFalse ? .isFalse : (sawUnknown ? .isUnknown : .isTrue)
            }
        }
    }

    /// `count of P where C` in one row: kept items, and items whose
    /// membership is unknown (LANGUAGE.md §6.5).
    struct CountCell {
        enum State { case known, unknown, deferred }
        var state: State
        var kept = 0
        var unsure = 0
    }

    private func counted(_ path: FieldPath, _ inner: Node?) -> (Int) -> CountCell {
        if namesTheGroup(path) { return { _ in CountCell(state: .deferred) } }
        let items = table.items(path)
        let code = itemCondition(items, inner)
        return { row in
            guard items.known[row] else { return CountCell(state: .unknown) }
            var cell = CountCell(state: .known)
            for item in items.starts[row]..<items.starts[row + 1] {
                switch code?(item) ?? .isTrue {
                case .isTrue: cell.kept += 1
                case .isFalse: break
                case .isUnknown: cell.unsure += 1
                case .deferred: return CountCell(state: .deferred)
                }
            }
            return cell
        }
    }

    /// A count (a number, or a range while some membership is unknown)
    /// against a plain number.
    func countComparison(_ op: CompareNode.Operator, _ count: @escaping (Int) -> CountCell) -> RowKernel? {
        constantComparison(op, limit: { node -> DecimalNumber? in
            if case .number(let number, _)? = constant(node) { return number }
            return nil
        }) { row, limit, order in
            let cell = count(row)
            switch cell.state {
            case .deferred: return .deferred
            case .unknown: return .isUnknown
            case .known:
                let low = DecimalNumber(cell.kept)
                let high = DecimalNumber(cell.kept + cell.unsure)
                guard let order else { return RowTruth(Evaluator.equalsRange(low, high, limit)) }
                return RowTruth(Evaluator.orderRange(low, high, limit, order))
            }
        }
    }

    /// `is`, `more than`, `at least`, `less than`, `at most` and `between`
    /// with constants: `decide` compares a row with one constant, under an
    /// order or (nil) for equality.
    func constantComparison<Limit>(_ op: CompareNode.Operator, limit: (Node) -> Limit?,
                                   _ decide: @escaping (Int, Limit, Evaluator.OrderOp?) -> RowTruth) -> RowKernel? {
        func compared(_ node: Node, _ order: Evaluator.OrderOp?) -> RowKernel? {
            guard let value = limit(node) else { return nil }
            return { row in decide(row, value, order) }
        }
        switch ConstantOperands(op) {
        case .one(let operand, let order)?:
            return compared(operand, order)
        case .between(let low, let high)?:
            guard let lower = compared(low, .atLeast), let upper = compared(high, .atMost) else { return nil }
            return KernelCompiler.between(lower, upper)
        case nil:
            return nil
        }
    }
}

/// The operands of a comparison with constants: one operand under an
/// order (nil for `is`), or the two bounds of `between`.
enum ConstantOperands {
    case one(Node, Evaluator.OrderOp?)
    case between(Node, Node)

    /// Nil for comparisons that are not `is`, an order or `between`.
    init?(_ op: CompareNode.Operator) {
        switch op {
        case .equals(let operand): self = .one(operand, nil)
        case .greaterThan(let operand): self = .one(operand, .greater)
        case .atLeast(let operand): self = .one(operand, .atLeast)
        case .lessThan(let operand): self = .one(operand, .less)
        case .atMost(let operand): self = .one(operand, .atMost)
        case .between(let low, let high): self = .between(low, high)
        default: return nil
        }
    }
}

extension KernelCompiler {
    /// A number or a quantity in one row: the amount, and the unit's id
    /// in the `Interner` (-1 for a plain number).
    struct AmountCell {
        enum State { case known, unknown, deferred }
        var state: State
        var amount: DecimalNumber = .zero
        var unit: Int32 = -1

        // Made where they are read: a stored static is checked for
        // initialisation (a call) at every read, once a cell in kernels.
        static var unknown: AmountCell { AmountCell(state: .unknown) }
        static var deferred: AmountCell { AmountCell(state: .deferred) }
    }

    typealias AmountKernel = (Int) -> AmountCell

    /// Numbers and quantities, with `+ - × /` as `Evaluator.arithmetic`
    /// does them: exact decimals, unit algebra, unknown on overflow or
    /// division by zero (the evaluator gives the reason when reporting).
    func amount(_ node: Node) -> AmountKernel? {
        switch node {
        case .field(let path, _):
            let column = table.column(path)
            return { KernelCompiler.amountCell(column, $0) }
        case .constant(let value, _):
            guard let cell = amountConstant(value) else { return nil }
            return { _ in cell }
        case .definition(let index, _):
            guard inlined < KernelCompiler.maximumInlining, definitions.indices.contains(index) else { return nil }
            var inner = self
            inner.inlined += 1
            return inner.amount(definitions[index].body)
        case .arithmetic(let op, let lhs, let rhs, _):
            guard let left = amount(lhs), let right = amount(rhs) else { return nil }
            let interner = table.interner
            return { row in
                // Unknown on either side makes the result unknown, whatever the other holds.
                let a = left(row)
                if a.state == .unknown { return a }
                let b = right(row)
                if b.state == .unknown { return b }
                if a.state == .deferred || b.state == .deferred { return .deferred }
                return KernelCompiler.combine(op, a, b, interner: interner)
            }
        default:
            return nil
        }
    }

    /// A column's cell as an amount.
    @inline(__always)
    static func amountCell(_ column: CellColumn, _ row: Int) -> AmountCell {
        switch column.kinds[row] {
        case .number: return AmountCell(state: .known, amount: column.amount(row), unit: -1)
        case .quantity: return AmountCell(state: .known, amount: column.amount(row), unit: column.unitIDs[row])
        case .unknown: return .unknown
        default: return .deferred
        }
    }

    /// An amount against a constant one, under an order or (nil) for
    /// equality.
    @inline(__always)
    static func compared(_ cell: AmountCell, _ limit: AmountCell, _ order: Evaluator.OrderOp?) -> RowTruth {
        switch cell.state {
        case .deferred: return .deferred
        case .unknown: return .isUnknown
        case .known:
            guard cell.unit == limit.unit else { return .deferred }
            guard let order else { return RowTruth(cell.amount == limit.amount) }
            return RowTruth(Evaluator.holds(DecimalNumber.compare(cell.amount, limit.amount), order))
        }
    }

    /// The constant amount a comparison's operand is, if it is one.
    func amountLimit(_ node: Node) -> AmountCell? {
        guard case .constant(let value, _) = node, let cell = amountConstant(value), cell.state == .known else { return nil }
        return cell
    }

    private func amountConstant(_ value: Value) -> AmountCell? {
        switch value {
        case .number(let number, _): return AmountCell(state: .known, amount: number, unit: -1)
        case .quantity(let quantity): return AmountCell(state: .known, amount: quantity.amount, unit: table.interner.id(ofUnit: quantity.unit))
        case .unknown: return .unknown
        default: return nil
        }
    }

    static func combine(_ op: ArithmeticOperator, _ a: AmountCell, _ b: AmountCell, interner: Interner) -> AmountCell {
        let unit: Int32
        switch op {
        case .add, .subtract:
            // Plain zero against a quantity, and unit mismatches: the evaluator's.
            guard a.unit == b.unit else { return .deferred }
            unit = a.unit
        case .multiply:
            unit = a.unit < 0 ? b.unit : (b.unit < 0 ? a.unit : interner.id(ofUnit: a.unit, b.unit, dividing: false))
        case .divide:
            unit = b.unit < 0 ? a.unit : interner.id(ofUnit: a.unit, b.unit, dividing: true)
        }
        let result: DecimalNumber?
        switch op {
        case .add: result = a.amount.adding(b.amount)
        case .subtract: result = a.amount.subtracting(b.amount)
        case .multiply: result = a.amount.multiplied(by: b.amount)
        case .divide: result = b.amount.isZero ? nil : a.amount.divided(by: b.amount)
        }
        guard let result else { return .unknown }
        return AmountCell(state: .known, amount: result, unit: unit)
    }

    /// A computed number or quantity against a constant one.
    func amountComparison(_ op: CompareNode.Operator, _ subject: @escaping AmountKernel) -> RowKernel? {
        constantComparison(op, limit: amountLimit) { row, limit, order in
            KernelCompiler.compared(subject(row), limit, order)
        }
    }
}

/// The needle of `F contains T`: whether each interned text contains it,
/// worked out once per text, and the items of F, built the first time a
/// row holds a list (whose items must equal it).
final class ContainsNeedle {
    /// The needle's interned id.
    let id: Int32
    private let needle: String
    private let interner: Interner
    /// 0 not yet known, 1 no, 2 yes.
    private var answers: [UInt8] = []
    private let owner: RowTable
    private let path: FieldPath
    private(set) lazy var items: ItemTable = owner.items(path)

    init(_ needle: String, table: RowTable, path: FieldPath) {
        self.needle = needle
        self.interner = table.interner
        self.id = table.interner.id(ofText: needle)
        self.owner = table
        self.path = path
    }

    /// Whether the text of interned id `id` contains the needle.
    func inText(_ id: Int32) -> Bool {
        let index = Int(id)
        if index < answers.count, answers[index] != 0 { return answers[index] == 2 }
        let texts = interner.texts
        guard texts.indices.contains(index) else { return false }
        if answers.count < texts.count { answers.append(contentsOf: repeatElement(0, count: texts.count - answers.count)) }
        let found = FoldedText.contains(texts[index], needle)
        answers[index] = found ? 2 : 1
        return found
    }
}
