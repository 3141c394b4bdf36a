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
///
/// Only `kinds` and `statuses` have a cell for every row. The payload
/// arrays are made on the first cell that needs one and are otherwise
/// empty: most columns hold one kind (a symbol column has no amounts or
/// days), and a payload is read only after its row's kind says it is there.
final class CellColumn {
    let kinds: [CellKind]
    /// `ProvenanceStatus` as 1, 2, 3; 0 when the value has none.
    let statuses: [UInt8]
    /// Folded-text id for text and symbols; booleans as 0/1.
    let textIDs: [Int32]
    /// Numbers, and quantities in base units, as the two parts of each
    /// `DecimalNumber` (12 bytes a row instead of its padded 16).
    let significands: [Int64]
    let exponents: [Int32]
    /// For quantities.
    let unitIDs: [Int32]
    /// Dates as day periods; also for whole numbers 1000–9999, which
    /// compare with dates as years (`Evaluator.date(of:)`). Days since
    /// 1970 of years 1–9999 fit 32 bits (half the memory of `Int`).
    let firstDays: [Int32]
    let lastDays: [Int32]
    /// For numbers: whether `firstDays` and `lastDays` hold it as a year.
    let isYear: [Bool]

    init(_ builder: CellColumnBuilder) {
        kinds = builder.kinds.array
        statuses = builder.statuses.array
        textIDs = builder.textIDs.array
        significands = builder.significands.array
        exponents = builder.exponents.array
        unitIDs = builder.unitIDs.array
        firstDays = builder.firstDays.array
        lastDays = builder.lastDays.array
        isYear = builder.isYear.array
    }

    /// The bytes its arrays take.
    var byteCount: Int {
        CellColumn.bytes(kinds) + CellColumn.bytes(statuses) + CellColumn.bytes(textIDs) + CellColumn.bytes(significands)
            + CellColumn.bytes(exponents) + CellColumn.bytes(unitIDs) + CellColumn.bytes(firstDays) + CellColumn.bytes(lastDays)
            + CellColumn.bytes(isYear)
    }

    /// The bytes an array's storage takes.
    static func bytes<T>(_ array: [T]) -> Int { array.capacity * MemoryLayout<T>.stride }

    @inline(__always) func amount(_ row: Int) -> DecimalNumber {
        DecimalNumber(significand: significands[row], exponent: exponents[row])
    }

    @inline(__always) func firstDay(_ row: Int) -> Int { Int(firstDays[row]) }
    @inline(__always) func lastDay(_ row: Int) -> Int { Int(lastDays[row]) }

    /// Whether the cell reads as a date: a date, or a number that is a year.
    @inline(__always) func isDate(_ row: Int) -> Bool {
        let kind = kinds[row]
        return kind == .date || (kind == .number && !isYear.isEmpty && isYear[row])
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

/// The arrays of a `CellColumn` while it is being filled, as lanes
/// (`ColumnLane`); payload lanes are made, every row blank, on first use.
struct CellColumnBuilder {
    let interner: Interner
    let rows: Int
    private(set) var kinds: ColumnLane<CellKind>
    private(set) var statuses: ColumnLane<UInt8>
    private(set) var textIDs: ColumnLane<Int32>
    private(set) var significands: ColumnLane<Int64>
    private(set) var exponents: ColumnLane<Int32>
    private(set) var unitIDs: ColumnLane<Int32>
    private(set) var firstDays: ColumnLane<Int32>
    private(set) var lastDays: ColumnLane<Int32>
    private(set) var isYear: ColumnLane<Bool>
    /// The unit of the last quantity and its id: a column's quantities
    /// mostly share one. Loaders share one signature for each unit, so a
    /// quantity whose signature is this very storage (`bits(of:)`) has
    /// that unit, found without calling out to compare (a call would make
    /// the compiler copy, and retain, the quantity); holding the signature
    /// here keeps its storage alive.
    private var lastUnit: (unit: UnitSignature, id: Int32)? = nil
    /// How text is read in place (`ValueInPlace`), looked up once: a
    /// static is checked for initialisation on every read. Tests pass nil
    /// to take the path of a layout it does not know.
    private let inPlace: ValueInPlace.Layout?
    /// `yearDays`' years, made when the first is met.
    private var knownYears: [KnownYear] = []

    init(rows: Int, interner: Interner, inPlace: ValueInPlace.Layout? = ValueInPlace.layout) {
        self.inPlace = inPlace
        self.interner = interner
        self.rows = rows
        kinds = ColumnLane(count: rows, blank: .unknown, made: true)
        statuses = ColumnLane(count: rows, blank: 0, made: true)
        textIDs = ColumnLane(count: rows, blank: -1)
        significands = ColumnLane(count: rows, blank: 0)
        exponents = ColumnLane(count: rows, blank: 0)
        unitIDs = ColumnLane(count: rows, blank: -1)
        firstDays = ColumnLane(count: rows, blank: 0)
        lastDays = ColumnLane(count: rows, blank: 0)
        isYear = ColumnLane(count: rows, blank: false)
    }

    /// Row `source` of a built column into row `row`.
    mutating func copy(_ column: CellColumn, row source: Int, to row: Int) {
        let row = checked(row)
        let kind = column.kinds[source]
        kinds.write(row, kind)
        statuses.write(row, column.statuses[source])
        switch kind {
        case .boolean, .text:
            setText(row, column.textIDs[source])
        case .number:
            setAmount(row, column.amount(source))
            if column.isDate(source) { setYear(row, column.firstDay(source), column.lastDay(source)) }
        case .quantity:
            setAmount(row, column.amount(source))
            setUnit(row, column.unitIDs[source])
        case .date:
            setDays(row, column.firstDay(source), column.lastDay(source))
        case .unknown, .other, .list:
            break
        }
    }

    /// Every row of `column` into rows `offset ..< offset + column's rows`:
    /// what `copy` does row by row, array by array. Rows of a payload array
    /// that no cell uses hold the same blank in both, so whole ranges copy.
    mutating func place(_ column: CellColumn, at offset: Int) {
        let count = column.kinds.count
        guard count > 0, offset >= 0, offset <= rows - count else { return }
        kinds.place(column.kinds, at: offset)
        statuses.place(column.statuses, at: offset)
        textIDs.place(column.textIDs, at: offset)
        significands.place(column.significands, at: offset)
        exponents.place(column.exponents, at: offset)
        unitIDs.place(column.unitIDs, at: offset)
        firstDays.place(column.firstDays, at: offset)
        lastDays.place(column.lastDays, at: offset)
        isYear.place(column.isYear, at: offset)
    }

    // The setters below are given rows the caller has checked against
    // `rows` (`checked(_:)`): every lane has that many.

    /// `row`, stopping the program unless it is one of the column's rows.
    @inline(__always)
    private func checked(_ row: Int) -> Int {
        guard row >= 0, row < rows else { preconditionFailure("row \(row) of a column of \(rows) rows") }
        return row
    }

    @inline(__always)
    private mutating func setText(_ row: Int, _ id: Int32) {
        textIDs.make()
        textIDs.write(row, id)
    }

    @inline(__always)
    private mutating func setAmount(_ row: Int, _ amount: DecimalNumber) {
        significands.make()
        exponents.make()
        significands.write(row, amount.significand)
        exponents.write(row, amount.exponent)
    }

    @inline(__always)
    private mutating func setUnit(_ row: Int, _ id: Int32) {
        unitIDs.make()
        unitIDs.write(row, id)
    }

    @inline(__always)
    private mutating func setDays(_ row: Int, _ first: Int, _ last: Int) {
        firstDays.make()
        lastDays.make()
        // Dates are of years 1–9999 (`DateValue.validYears`), so no day clamps.
        firstDays.write(row, Int32(clamping: first))
        lastDays.write(row, Int32(clamping: last))
    }

    @inline(__always)
    private mutating func setYear(_ row: Int, _ first: Int, _ last: Int) {
        isYear.make()
        isYear.write(row, true)
        setDays(row, first, last)
    }

    /// The cell of a text that is no entry's value (a figure's source or
    /// status), as `set` would make it of `.text(text)` without provenance;
    /// nil leaves the cell unknown.
    /// Returns the text's id, -1 for none.
    @discardableResult
    mutating func set(_ row: Int, text: String?) -> Int32 {
        let id = text.map { interner.id(ofText: $0) } ?? -1
        set(row, textID: id)
        return id
    }

    /// The same cell by the text's id (-1: none, the cell unknown).
    mutating func set(_ row: Int, textID id: Int32) {
        let row = checked(row)
        statuses.write(row, 0)
        guard id >= 0 else {
            kinds.write(row, .unknown)
            return
        }
        kinds.write(row, .text)
        setText(row, id)
    }

    mutating func set(_ row: Int, _ value: Value, _ status: ProvenanceStatus?) {
        withUnsafePointer(to: value) { set(row, valueAt: $0, status) }
    }

    /// The cell of `entries[index]`, its value read in place when
    /// `valueOffset` (`EntryValues.valueOffset`) is known.
    @inline(__always)
    mutating func set(_ row: Int, entry index: Int, of entries: UnsafeBufferPointer<RecordEntry>, valueOffset: Int?) {
        if let valueOffset, let base = entries.baseAddress, index >= 0, index < entries.count {
            set(row, valueAt: EntryValues.value(of: base + index, offset: valueOffset), entries[index].status)
        } else {
            set(row, entries[index].value, entries[index].status)
        }
    }

    /// The cell of the value at `value`, read in place (`EntryValues`).
    ///
    /// The value is read first (`pending`) and the lanes written after:
    /// while a binding into the value is alive, a write through a lane or
    /// a call out might, as far as the compiler knows, change the value,
    /// so it would copy (and retain) the value's box for every cell. Where
    /// the interner must keep text or a unit, that is looked up after the
    /// read, from the value again (`textID`, `unitID`).
    mutating func set(_ row: Int, valueAt value: UnsafePointer<Value>, _ status: ProvenanceStatus?) {
        let row = checked(row)
        var cell = pending(value)
        if cell.kind == .text, cell.textID < 0 { cell.textID = CellColumnBuilder.textID(valueAt: value, interner) }
        if cell.kind == .quantity, cell.unitID < 0 { cell.unitID = unitID(valueAt: value) }
        statuses.write(row, CellColumn.code(status))
        kinds.write(row, cell.kind)
        switch cell.kind {
        case .boolean, .text:
            setText(row, cell.textID)
        case .number:
            guard let amount = cell.amount else { break }
            setAmount(row, amount)
            if cell.mayBeYear, let year = yearDays(amount) { setYear(row, year.first, year.last) }
        case .quantity:
            if let amount = cell.amount { setAmount(row, amount) }
            setUnit(row, cell.unitID)
        case .date:
            setDays(row, Int(cell.firstDay), Int(cell.lastDay))
        case .unknown, .other, .list:
            break
        }
    }

    /// The first and last day of the year a number reads as
    /// (`Evaluator.year(of:)`), or nil. The days of the last few years met
    /// are kept by year (a column of years holds a handful): making the
    /// year's date for every such cell cost a hundred and more
    /// instructions a cell.
    private mutating func yearDays(_ amount: DecimalNumber) -> (first: Int, last: Int)? {
        guard let year = amount.intValue, (1000...9999).contains(year) else { return nil }
        let slot = year & (CellColumnBuilder.yearSlots - 1)
        if slot < knownYears.count, knownYears[slot].year == year { return (knownYears[slot].first, knownYears[slot].last) }
        guard let date = Evaluator.year(of: amount) else { return nil }
        if knownYears.isEmpty { knownYears = Array(repeating: KnownYear(year: -1, first: 0, last: 0), count: CellColumnBuilder.yearSlots) }
        knownYears[slot] = KnownYear(year: year, first: date.firstDay, last: date.lastDay)
        return (date.firstDay, date.lastDay)
    }

    private struct KnownYear {
        var year: Int
        var first: Int
        var last: Int
    }

    /// Years kept by `yearDays`, by the low bits of the year.
    private static var yearSlots: Int { 16 }

    /// What a value puts in its cell, read before anything is written.
    /// `textID` is -1 for text the interner has not seen lately, and
    /// `unitID` -1 for a unit other than the column's last.
    private struct PendingCell {
        var kind: CellKind
        var textID: Int32 = -1
        /// For numbers and quantities (an optional: a default of
        /// `DecimalNumber.zero` is a global read from another module, a
        /// call that would make the read copy the value).
        var amount: DecimalNumber? = nil
        var unitID: Int32 = -1
        var firstDay: Int32 = 0
        var lastDay: Int32 = 0
        /// A number that is not a percentage, which reads as a year when
        /// it is a whole number 1000–9999 (`Evaluator.year(of:)`).
        var mayBeYear = false
    }

    @inline(__always)
    private func pending(_ value: UnsafePointer<Value>) -> PendingCell {
        switch value.pointee {
        case .unknown:
            return PendingCell(kind: .unknown)
        case .boolean(let flag):
            return PendingCell(kind: .boolean, textID: flag ? 1 : 0)
        case .number(let number, let isPercent):
            return PendingCell(kind: .number, amount: number, mayBeYear: !isPercent)
        case .quantity(let quantity):
            var cell = PendingCell(kind: .quantity, amount: quantity.amount)
            if let lastUnit, let bits = CellColumnBuilder.bits(of: lastUnit.unit), CellColumnBuilder.bits(of: quantity.unit) == bits {
                cell.unitID = lastUnit.id
            }
            return cell
        case .date(let date):
            return PendingCell(kind: .date, firstDay: Int32(clamping: date.firstDay), lastDay: Int32(clamping: date.lastDay))
        case .text, .symbol:
            // Not bound: binding the string would retain its storage.
            if let inPlace, let bits = ValueInPlace.textBits(of: value, inPlace) {
                return PendingCell(kind: .text, textID: interner.recentID(ofBits: bits) ?? -1)
            }
            return PendingCell(kind: .text, textID: CellColumnBuilder.recentTextID(valueAt: value, interner))
        case .list:
            return PendingCell(kind: .list)
        case .record, .range:
            return PendingCell(kind: .other)
        }
    }

    /// The interner's id of a text value if it is among the recent ones,
    /// else -1; where `ValueInPlace` has no layout.
    @inline(never)
    private static func recentTextID(valueAt value: UnsafePointer<Value>, _ interner: Interner) -> Int32 {
        switch value.pointee {
        case .text(let text), .symbol(let text): return interner.recentID(of: text) ?? -1
        default: return -1
        }
    }

    /// The interner's id of a text value (a copy of the text is kept).
    @inline(never)
    private static func textID(valueAt value: UnsafePointer<Value>, _ interner: Interner) -> Int32 {
        switch value.pointee {
        case .text(let text), .symbol(let text): return interner.id(ofText: text)
        default: return -1
        }
    }

    /// The interner's id of a quantity's unit, remembered as the column's
    /// last unit.
    @inline(never)
    private mutating func unitID(valueAt value: UnsafePointer<Value>) -> Int32 {
        guard case .quantity(let quantity) = value.pointee else { return -1 }
        let id: Int32
        if let lastUnit, lastUnit.unit == quantity.unit {
            id = lastUnit.id
        } else {
            id = interner.id(ofUnit: quantity.unit)
        }
        lastUnit = (quantity.unit, id)
        return id
    }

    /// The one word of a unit signature (its factors' storage); nil if the
    /// signature is not one word.
    @inline(__always)
    private static func bits(of unit: UnitSignature) -> UInt? {
        guard MemoryLayout<UnitSignature>.size == MemoryLayout<UInt>.size else { return nil }
        return unsafeBitCast(unit, to: UInt.self)
    }
}
