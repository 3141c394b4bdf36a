import DealRulesModel
import DealRulesSyntax

// Column-wise copies of the fields rules read, built once per run so that
// row kernels (`RowKernel`) compare plain integers and decimals instead of
// looking keys up in records and copying boxed values for every rule ×
// deal. A column holds what `Evaluator.read` would return for its path,
// reduced to the few shapes comparisons handle natively; anything else is
// marked `other` and handed back to the evaluator.

/// The shape of one cell.
enum CellKind: UInt8 {
    case unknown, boolean, number, quantity, date, text, other, list
}

/// One field path's values for every row, struct-of-arrays.
final class CellColumn {
    let kinds: [CellKind]
    /// `ProvenanceStatus` as 1, 2, 3; 0 when the value has none.
    let statuses: [UInt8]
    /// Folded-text id for text and symbols; booleans as 0/1.
    let textIDs: [Int32]
    /// Numbers, and quantities in base units.
    let amounts: [DecimalNumber]
    let unitIDs: [Int32]
    /// Dates as day periods; also for whole numbers 1000–9999, which
    /// compare with dates as years (`Evaluator.date(of:)`).
    let firstDays: [Int]
    let lastDays: [Int]
    let isYear: [Bool]

    init(_ builder: CellColumnBuilder) {
        kinds = builder.kinds
        statuses = builder.statuses
        textIDs = builder.textIDs
        amounts = builder.amounts
        unitIDs = builder.unitIDs
        firstDays = builder.firstDays
        lastDays = builder.lastDays
        isYear = builder.isYear
    }

    /// Whether the cell reads as a date: a date, or a number that is a year.
    @inline(__always) func isDate(_ row: Int) -> Bool {
        kinds[row] == .date || isYear[row]
    }

    convenience init(rows: Int, interner: Interner, read: (Int) -> Evaluator.FieldRead) {
        var builder = CellColumnBuilder(rows: rows, interner: interner)
        for row in 0..<rows {
            let found = read(row)
            builder.set(row, found.value, found.provenance?.status)
        }
        self.init(builder)
    }

    static func code(_ status: ProvenanceStatus?) -> UInt8 {
        switch status {
        case nil: return 0
        case .confirmed?: return 1
        case .reported?: return 2
        case .estimated?: return 3
        }
    }
}

/// The arrays of a `CellColumn` while it is being filled.
struct CellColumnBuilder {
    let interner: Interner
    var kinds: [CellKind]
    var statuses: [UInt8]
    var textIDs: [Int32]
    var amounts: [DecimalNumber]
    var unitIDs: [Int32]
    var firstDays: [Int]
    var lastDays: [Int]
    var isYear: [Bool]

    init(rows: Int, interner: Interner) {
        self.interner = interner
        kinds = [CellKind](repeating: .unknown, count: rows)
        statuses = [UInt8](repeating: 0, count: rows)
        textIDs = [Int32](repeating: -1, count: rows)
        amounts = [DecimalNumber](repeating: .zero, count: rows)
        unitIDs = [Int32](repeating: -1, count: rows)
        firstDays = [Int](repeating: 0, count: rows)
        lastDays = [Int](repeating: 0, count: rows)
        isYear = [Bool](repeating: false, count: rows)
    }

    /// Row `source` of a built column into row `row`.
    mutating func copy(_ column: CellColumn, row source: Int, to row: Int) {
        kinds[row] = column.kinds[source]
        statuses[row] = column.statuses[source]
        textIDs[row] = column.textIDs[source]
        amounts[row] = column.amounts[source]
        unitIDs[row] = column.unitIDs[source]
        firstDays[row] = column.firstDays[source]
        lastDays[row] = column.lastDays[source]
        isYear[row] = column.isYear[source]
    }

    mutating func set(_ row: Int, _ value: Value, _ status: ProvenanceStatus?) {
        statuses[row] = CellColumn.code(status)
        switch value {
        case .unknown:
            kinds[row] = .unknown
        case .boolean(let flag):
            kinds[row] = .boolean
            textIDs[row] = flag ? 1 : 0
        case .number(let number, _):
            kinds[row] = .number
            amounts[row] = number
            if let year = Evaluator.date(of: value) {
                isYear[row] = true
                firstDays[row] = year.firstDay
                lastDays[row] = year.lastDay
            }
        case .quantity(let quantity):
            kinds[row] = .quantity
            amounts[row] = quantity.amount
            unitIDs[row] = interner.id(ofUnit: quantity.unit)
        case .date(let date):
            kinds[row] = .date
            firstDays[row] = date.firstDay
            lastDays[row] = date.lastDay
        case .text(let text), .symbol(let text):
            kinds[row] = .text
            textIDs[row] = interner.id(ofText: text)
        case .list:
            kinds[row] = .list
        case .record, .range:
            kinds[row] = .other
        }
    }
}

