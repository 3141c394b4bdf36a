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
    private var foldedTexts: [String] = []
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
            foldedTexts.append(folded)
        }
        spellingIDs[text] = id
        return id
    }

    /// `NameFolding.foldSymbol` of the text with this id.
    func foldedText(_ id: Int32) -> String {
        foldedTexts.indices.contains(Int(id)) ? foldedTexts[Int(id)] : ""
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

/// Rows a kernel runs over, and how a field path reads in one of them.
class RowTable {
    let rowCount: Int
    let interner: Interner
    var columns: [[String]: CellColumn] = [:]
    private var itemTables: [[String]: ItemTable] = [:]

    init(rowCount: Int, interner: Interner) {
        self.rowCount = rowCount
        self.interner = interner
    }

    /// What `Evaluator.read(path)` gives in this row.
    func read(_ path: FieldPath, row: Int) -> Evaluator.FieldRead {
        Evaluator.FieldRead(value: .unknown, provenance: nil, found: false)
    }

    /// The column of `read(path)` over every row.
    func buildColumn(_ path: FieldPath) -> CellColumn {
        CellColumn(rows: rowCount, interner: interner) { read(path, row: $0) }
    }

    func column(_ path: FieldPath) -> CellColumn {
        if let column = columns[path.keys] { return column }
        let column = buildColumn(path)
        columns[path.keys] = column
        return column
    }

    /// `F of P` (a projection without `where`): F read inside P, unless P
    /// holds a list — then the evaluator projects item by item, so the
    /// cell is left to it.
    func projectionColumn(_ path: FieldPath, _ inner: FieldPath) -> CellColumn {
        let key = ["\u{1}of"] + path.keys + ["\u{1}of"] + inner.keys
        if let column = columns[key] { return column }
        let wholes = reads(path)
        let column = CellColumn(rows: rowCount, interner: interner) { row in
            let whole = wholes[row]
            if case .list = whole.value { return Evaluator.FieldRead(value: .record(Record()), provenance: nil, found: true) }
            return Evaluator.navigate(whole, inner.keys[...])
        }
        columns[key] = column
        return column
    }

    /// `read(path)` in every row, in row order.
    func reads(_ path: FieldPath) -> [Evaluator.FieldRead] {
        (0..<rowCount).map { read(path, row: $0) }
    }

    /// The value of `read(path)` in every row, in row order.
    func values(_ path: FieldPath) -> [Value] {
        reads(path).map(\.value)
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

    override func buildColumn(_ path: FieldPath) -> CellColumn {
        prefetch([path])
        return columns[path.keys] ?? super.buildColumn(path)
    }

    /// Builds the columns of these fields in one pass over the deals, so
    /// each deal's entries are visited once for all of them. Remembers
    /// where the previous deal had each key: deals from one file usually
    /// list their keys in one order.
    func prefetch(_ paths: [FieldPath]) {
        var wanted: [FieldPath] = []
        for path in paths where path.keys.count == 1 && columns[path.keys] == nil && !wanted.contains(where: { $0.keys == path.keys }) {
            wanted.append(path)
        }
        guard !wanted.isEmpty else { return }
        let keys = wanted.map { $0.keys[0] }
        var builders = wanted.map { _ in CellColumnBuilder(rows: rowCount, interner: interner) }
        scan(keys) { row, column, entries, index in
            builders[column].set(row, entries[index].value, entries[index].provenance?.status)
        }
        for (path, builder) in zip(wanted, builders) { columns[path.keys] = CellColumn(builder) }
    }

    override func reads(_ path: FieldPath) -> [Evaluator.FieldRead] {
        guard path.keys.count == 1 else { return super.reads(path) }
        var reads = [Evaluator.FieldRead](repeating: Evaluator.FieldRead(value: .unknown, provenance: nil, found: false), count: rowCount)
        scan(path.keys) { row, _, entries, index in
            reads[row] = Evaluator.FieldRead(value: entries[index].value, provenance: entries[index].provenance, found: true)
        }
        return reads
    }

    /// Calls `visit` for every deal and key that has the entry
    /// `Record.index(ofField:)` finds (the key as written, else its plural
    /// spellings in the same order), with the deal's entries and its index:
    /// entries are read in place, not copied.
    private func scan(_ keys: [String], _ visit: (Int, Int, UnsafeBufferPointer<RecordEntry>, Int) -> Void) {
        let spellings = keys.map { CollectionNames.candidates(for: $0) }
        var hints = spellings.map { [Int](repeating: 0, count: $0.count) }
        deals.withUnsafeBufferPointer { deals in
            for row in deals.indices {
                deals[row].record.entries.withUnsafeBufferPointer { entries in
                    for column in keys.indices {
                        var found: Int? = nil
                        for (choice, spelling) in spellings[column].enumerated() {
                            let hint = hints[column][choice]
                            if hint < entries.count && entries[hint].key == spelling {
                                found = hint
                            } else if let index = entries.firstIndex(where: { $0.key == spelling }) {
                                hints[column][choice] = index
                                found = index
                            }
                            if found != nil { break }
                        }
                        if let found { visit(row, column, entries, found) }
                    }
                }
            }
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
        for (row, value) in owner.values(path).enumerated() {
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
