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

/// Interned folded text and unit signatures, shared by every column of a
/// run: equal folded text has equal ids, so `kind is compute` compares two
/// integers.
final class Interner {
    private var textIDs: [String: Int32] = [:]
    /// Text as written → id, so repeated spellings are folded only once.
    private var spellingIDs: [String: Int32] = [:]
    /// The first text seen for each id, for `contains`.
    private(set) var texts: [String] = []
    private var unitIDs: [UnitSignature: Int32] = [:]
    private var units: [UnitSignature] = []
    private var products: [UnitProduct: Int32] = [:]

    func id(ofText text: String) -> Int32 {
        if let id = spellingIDs[text] { return id }
        let folded = NameFolding.foldSymbol(text)
        let id: Int32
        if let known = textIDs[folded] {
            id = known
        } else {
            id = Int32(truncatingIfNeeded: texts.count)
            textIDs[folded] = id
            texts.append(text)
        }
        spellingIDs[text] = id
        return id
    }

    func id(ofUnit unit: UnitSignature) -> Int32 {
        if let id = unitIDs[unit] { return id }
        let id = Int32(truncatingIfNeeded: units.count)
        unitIDs[unit] = id
        units.append(unit)
        return id
    }

    private struct UnitProduct: Hashable {
        var lhs: Int32
        var rhs: Int32
        var dividing: Bool
    }

    /// The unit of `lhs × rhs` or `lhs / rhs` (ids; -1 is a plain number),
    /// -1 when the result has no dimension, as `Evaluator.arithmetic` has it.
    func id(ofUnit lhs: Int32, _ rhs: Int32, dividing: Bool) -> Int32 {
        let key = UnitProduct(lhs: lhs, rhs: rhs, dividing: dividing)
        if let known = products[key] { return known }
        let left = lhs < 0 ? UnitSignature.dimensionless : units[Int(lhs)]
        let right = rhs < 0 ? UnitSignature.dimensionless : units[Int(rhs)]
        let unit = dividing ? left.divided(by: right) : left.multiplied(by: right)
        let id = unit.isDimensionless ? -1 : self.id(ofUnit: unit)
        products[key] = id
        return id
    }
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
    /// Dates as day periods.
    let firstDays: [Int]
    let lastDays: [Int]

    init(rows: Int, interner: Interner, read: (Int) -> Evaluator.FieldRead) {
        var kinds = [CellKind](repeating: .unknown, count: rows)
        var statuses = [UInt8](repeating: 0, count: rows)
        var textIDs = [Int32](repeating: -1, count: rows)
        var amounts = [DecimalNumber](repeating: .zero, count: rows)
        var unitIDs = [Int32](repeating: -1, count: rows)
        var firstDays = [Int](repeating: 0, count: rows)
        var lastDays = [Int](repeating: 0, count: rows)
        for row in 0..<rows {
            let found = read(row)
            statuses[row] = CellColumn.code(found.provenance?.status)
            switch found.value {
            case .unknown:
                kinds[row] = .unknown
            case .boolean(let flag):
                kinds[row] = .boolean
                textIDs[row] = flag ? 1 : 0
            case .number(let number, _):
                kinds[row] = .number
                amounts[row] = number
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
        self.kinds = kinds
        self.statuses = statuses
        self.textIDs = textIDs
        self.amounts = amounts
        self.unitIDs = unitIDs
        self.firstDays = firstDays
        self.lastDays = lastDays
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

/// Rows a kernel runs over, and how a field path reads in one of them.
class RowTable {
    let rowCount: Int
    let interner: Interner
    private var columns: [[String]: CellColumn] = [:]
    private var itemTables: [[String]: ItemTable] = [:]

    init(rowCount: Int, interner: Interner) {
        self.rowCount = rowCount
        self.interner = interner
    }

    /// What `Evaluator.read(path)` gives in this row.
    func read(_ path: FieldPath, row: Int) -> Evaluator.FieldRead {
        Evaluator.FieldRead(value: .unknown, provenance: nil, found: false)
    }

    /// `read` for one path over many rows in order.
    func reader(_ path: FieldPath) -> (Int) -> Evaluator.FieldRead {
        { self.read(path, row: $0) }
    }

    func column(_ path: FieldPath) -> CellColumn {
        if let column = columns[path.keys] { return column }
        let column = CellColumn(rows: rowCount, interner: interner, read: reader(path))
        columns[path.keys] = column
        return column
    }

    /// The items of a collection field in every row (`Evaluator.items(of:)`).
    func items(_ path: FieldPath) -> ItemTable {
        if let table = itemTables[path.keys] { return table }
        let table = ItemTable(owner: self, path: path)
        itemTables[path.keys] = table
        return table
    }

    /// The deal a row belongs to.
    func deal(ofRow row: Int) -> Record? { nil }
}

/// One row per deal, read in a per-deal rule's scope.
final class DealTable: RowTable {
    let deals: [Deal]

    init(deals: [Deal], interner: Interner) {
        self.deals = deals
        super.init(rowCount: deals.count, interner: interner)
    }

    override func read(_ path: FieldPath, row: Int) -> Evaluator.FieldRead {
        Evaluator.dealRead(path, in: deals[row].record)
    }

    /// Reads remember where the previous deal had the key: deals from one
    /// file usually list their keys in one order, so most reads hit at once.
    override func reader(_ path: FieldPath) -> (Int) -> Evaluator.FieldRead {
        guard let first = path.keys.first else { return { self.read(path, row: $0) } }
        let rest = path.keys.dropFirst()
        var hint = 0
        return { row in
            let record = self.deals[row].record
            if hint < record.entries.count, record.entries[hint].key == first {
                let entry = record.entries[hint]
                return Evaluator.navigate(Evaluator.FieldRead(value: entry.value, provenance: entry.provenance, found: true), rest)
            }
            if let index = record.index(ofKey: first) { hint = index }
            return Evaluator.dealRead(path, in: record)
        }
    }

    override func deal(ofRow row: Int) -> Record? { deals[row].record }
}

/// One row per item of a collection field, over all rows of its owner, read
/// as inside `any/every/no … where` and `count of … where`: the item's own
/// fields, its collection names, then the deal's fields.
final class ItemTable: RowTable {
    /// Items of owner row r are rows `starts[r] ..< starts[r + 1]`.
    let starts: [Int]
    /// False where the collection itself is unknown in that owner row.
    let known: [Bool]
    private let values: [Value]
    private let owners: [Int]
    private let names: [String]
    private unowned let owner: RowTable

    init(owner: RowTable, path: FieldPath) {
        var starts = [0]
        var known: [Bool] = []
        var values: [Value] = []
        var owners: [Int] = []
        starts.reserveCapacity(owner.rowCount + 1)
        known.reserveCapacity(owner.rowCount)
        for row in 0..<owner.rowCount {
            let value = owner.read(path, row: row).value
            switch value {
            case .unknown:
                known.append(false)
            case .list(let items):
                known.append(true)
                values.append(contentsOf: items)
                owners.append(contentsOf: repeatElement(row, count: items.count))
            default:
                known.append(true)
                values.append(value)
                owners.append(row)
            }
            starts.append(values.count)
        }
        self.starts = starts
        self.known = known
        self.values = values
        self.owners = owners
        self.names = CollectionNames.itemNames(for: path.keys.last ?? "")
        self.owner = owner
        super.init(rowCount: values.count, interner: owner.interner)
    }

    /// The items themselves, as a column (for `contains`).
    private(set) lazy var selfColumn = CellColumn(rows: rowCount, interner: interner) { row in
        Evaluator.FieldRead(value: values[row], provenance: nil, found: true)
    }

    override func read(_ path: FieldPath, row: Int) -> Evaluator.FieldRead {
        guard let first = path.keys.first else { return Evaluator.FieldRead(value: .unknown, provenance: nil, found: false) }
        let item = values[row]
        if names.contains(first) {
            return Evaluator.navigate(Evaluator.FieldRead(value: item, provenance: nil, found: true), path.keys.dropFirst())
        }
        if case .record(let record) = item {
            if let found = Evaluator.fieldRead(first, in: record) {
                return Evaluator.navigate(found, path.keys.dropFirst())
            }
        } else if item.isUnknown {
            // An unknown item has no known fields (see `Evaluator.lookup`).
            return Evaluator.FieldRead(value: .unknown, provenance: nil, found: false)
        }
        return owner.read(path, row: owners[row])
    }

    override func deal(ofRow row: Int) -> Record? { owner.deal(ofRow: owners[row]) }
}
