import DealRulesModel

/// A comparison of one column's cells with constants: the leaves of most
/// kernels. One value describes the test and `fill` decides a selection of
/// rows, so a row kernel (`rowKernel`, a selection of one) and a block
/// kernel (`blockKernel`, one loop with no call a row) give the same truth.
enum ColumnTest {
    /// `F is confirmed` (and the other statuses): the status code.
    case status(CellColumn, UInt8)
    /// `F is T` for a text or symbol (cells of kind `.text`, T's interned
    /// id) or for true or false (kind `.boolean`, 1 or 0).
    case id(CellColumn, CellKind, Int32)
    /// `F is one of …`, every operand a text or symbol.
    case texts(CellColumn, [Int32])
    /// `F is D` for a date: the cell's period lies within D's days.
    case period(CellColumn, first: Int, last: Int)
    /// A date order (`before`, `after`, `at least 2028-06`) against D's days.
    case order(CellColumn, first: Int, last: Int, Evaluator.OrderOp)
    /// `F is beyond/within S` from the as-of date (`start`) to `limit`.
    case relative(CellColumn, start: Int, limit: Int, beyond: Bool)
    /// A comparison with the unknown value: unknown in every row.
    case alwaysUnknown
    /// A number or quantity against a constant, under an order or (nil)
    /// for equality (`KernelCompiler.compared`).
    case amount(CellColumn, AmountCell, Evaluator.OrderOp?)
    /// `F is between L and H` for amounts: the upper bound only where the
    /// lower one holds or is unknown (`KernelCompiler.between`).
    case amountBetween(CellColumn, lower: AmountCell, upper: AmountCell)
    /// `F contains T`: a text cell contains T (folded), a list holds an
    /// item equal to it.
    case contains(CellColumn, ContainsNeedle)

    typealias AmountCell = KernelCompiler.AmountCell

    /// The truths of the selected rows. One switch a selection, then a
    /// loop of the case's own test (`each` and its closure are inlined).
    @inline(__always)
    func fill(_ rows: UnsafeBufferPointer<Int>, _ truths: UnsafeMutablePointer<RowTruth>) {
        switch self {
        case .status(let column, let code):
            ColumnTest.each(rows, truths) { row in
                column.kinds[row] == .unknown ? .isUnknown : RowTruth(column.statuses[row] == code)
            }
        case .id(let column, let kind, let id):
            ColumnTest.each(rows, truths) { row in
                let cell = column.kinds[row]
                if cell == kind { return RowTruth(column.textIDs[row] == id) }
                return cell == .unknown ? .isUnknown : .deferred
            }
        case .texts(let column, let ids):
            ColumnTest.each(rows, truths) { row in
                switch column.kinds[row] {
                case .text: return RowTruth(ids.contains(column.textIDs[row]))
                case .unknown: return .isUnknown
                default: return .deferred
                }
            }
        case .period(let column, let first, let last):
            ColumnTest.each(rows, truths) { row in
                guard column.isDate(row) else { return column.kinds[row] == .unknown ? .isUnknown : .deferred }
                // X is D: X lies within the period D.
                if column.firstDay(row) >= first && column.lastDay(row) <= last { return .isTrue }
                if column.lastDay(row) < first || column.firstDay(row) > last { return .isFalse }
                return .isUnknown
            }
        case .order(let column, let first, let last, let op):
            ColumnTest.each(rows, truths) { row in
                guard column.isDate(row) else { return column.kinds[row] == .unknown ? .isUnknown : .deferred }
                return RowTruth(Evaluator.orderDays(column.firstDay(row), column.lastDay(row), first, last, op))
            }
        case .relative(let column, let start, let limit, let beyond):
            ColumnTest.each(rows, truths) { row in
                guard column.isDate(row) else { return column.kinds[row] == .unknown ? .isUnknown : .deferred }
                return RowTruth(Evaluator.relativeDays(column.firstDay(row), column.lastDay(row), start: start, limit: limit, beyond: beyond))
            }
        case .alwaysUnknown:
            ColumnTest.each(rows, truths) { _ in .isUnknown }
        case .amount(let column, let limit, let order):
            ColumnTest.each(rows, truths) { row in
                KernelCompiler.compared(KernelCompiler.amountCell(column, row), limit, order)
            }
        case .amountBetween(let column, let lower, let upper):
            ColumnTest.each(rows, truths) { row in
                let cell = KernelCompiler.amountCell(column, row)
                return KernelCompiler.compared(cell, lower, .atLeast).andThen { KernelCompiler.compared(cell, upper, .atMost) }
            }
        case .contains(let column, let needle):
            // The items' arrays, taken once a selection, when a row first holds a list.
            var lists: (starts: [Int], kinds: [CellKind], ids: [Int32])? = nil
            ColumnTest.each(rows, truths) { row in
                switch column.kinds[row] {
                case .unknown:
                    return .isUnknown
                case .text:
                    return RowTruth(needle.inText(column.textIDs[row]))
                case .list:
                    if lists == nil {
                        let items = needle.items
                        let itemColumn = items.selfColumn
                        lists = (items.starts, itemColumn.kinds, itemColumn.textIDs)
                    }
                    guard let (starts, kinds, ids) = lists else { return .deferred }
                    var result = RowTruth.isFalse
                    for item in starts[row]..<starts[row + 1] {
                        switch kinds[item] {
                        case .text: if ids[item] == needle.id { return .isTrue }
                        case .unknown: result = .isUnknown
                        default: return .deferred
                        }
                    }
                    return result
                default:
                    return .deferred
                }
            }
        }
    }

    @inline(__always)
    private static func each(_ rows: UnsafeBufferPointer<Int>, _ truths: UnsafeMutablePointer<RowTruth>, _ test: (Int) -> RowTruth) {
        for index in 0..<rows.count { truths[index] = test(rows[index]) }
    }

    /// One row's truth: the selection of that row alone.
    func truth(_ row: Int) -> RowTruth {
        var selected = row
        var result = RowTruth.deferred
        withUnsafePointer(to: &selected) { fill(UnsafeBufferPointer(start: $0, count: 1), &result) }
        return result
    }

    var rowKernel: RowKernel {
        let test = self
        return { test.truth($0) }
    }

    var blockKernel: BlockKernel {
        let test = self
        return { rows, truths in test.fill(rows, truths) }
    }
}

/// What `KernelCompiler.compareLeaf` makes of a comparison: a column test,
/// or a kernel of its own (counts, `known`, computed amounts).
enum CompareLeaf {
    case test(ColumnTest)
    case kernel(RowKernel)

    var rowKernel: RowKernel {
        switch self {
        case .test(let test): return test.rowKernel
        case .kernel(let code): return code
        }
    }

    var blockKernel: BlockKernel {
        switch self {
        case .test(let test): return test.blockKernel
        case .kernel(let code): return KernelCompiler.rowByRow(code)
        }
    }
}
