@testable import DealRules
@testable import DealRulesModel
import Testing

/// A deal pass reads each entry's value where it lies (`EntryValues`) and
/// recognises a column's last unit and recent texts by their storage. These
/// tests hold those shortcuts to what the cells must say, worked out here
/// independently: the kind of every value, its amount, days and status,
/// and ids that are equal exactly when the units (or folded texts) are.
@Suite struct InPlaceCellTests {
    /// Every shape a cell can take, with equal units and texts held in
    /// storages of their own as well as shared ones.
    static func values() -> [Value] {
        let sharedPower = UnitSignature(.power)
        let ownPower = UnitSignature(factors: [.init(dimension: .power, power: 1)])
        let euros = UnitSignature(.currency("EUR"))
        let dollarsPerWatt = UnitSignature(.currency("USD")).divided(by: UnitSignature(.power))
        let gas = String(repeating: "natural gas ", count: 2)
        let gasAgain = String(gas.reversed().reversed())
        var values: [Value] = [
            .unknown, .boolean(true), .boolean(false),
            .number(DecimalNumber(2028)), .number(DecimalNumber(2028), isPercent: true), .number(DecimalNumber(999)),
            .number(DecimalNumber(significand: 25, exponent: -1)), .number(DecimalNumber(significand: 4, exponent: -1), isPercent: true),
            .quantity(Quantity(amount: DecimalNumber(5), unit: sharedPower)),
            .quantity(Quantity(amount: DecimalNumber(6), unit: ownPower)),
            .quantity(Quantity(amount: DecimalNumber(7), unit: euros)),
            .quantity(Quantity(amount: DecimalNumber(8), unit: sharedPower)),
            .quantity(Quantity(amount: DecimalNumber(9), unit: dollarsPerWatt)),
            .quantity(Quantity(amount: DecimalNumber(10), unit: ownPower)),
            .text(gas), .symbol(gasAgain), .text(gas.uppercased()), .symbol("unvalidated"), .text(""), .symbol("Unvalidated"),
            .list([.text("a"), .text("b")]), .record(Record()), .range(lower: .zero, upper: .one),
        ]
        for text in ["2028", "2028-06", "2024-02", "2026-11-25"] {
            if let date = DateValue.parse(text) { values.append(.date(date)) }
        }
        // A column of several hundred rows, units and texts alternating.
        var generator = SystemRandomNumberGenerator()
        return values + (0..<400).map { _ in values[Int.random(in: 0..<values.count, using: &generator)] }
    }

    static func statuses(_ count: Int) -> [ProvenanceStatus?] {
        (0..<count).map { [nil, .confirmed, .reported, .estimated][$0 % 4] }
    }

    /// Entries holding `values`, with statuses by turns (none first).
    static func entries(_ values: [Value], _ statuses: [ProvenanceStatus?]) -> [RecordEntry] {
        zip(values, statuses).map { value, status in
            RecordEntry(key: "field", originalKey: "field", value: value, provenance: status.map { Provenance(status: $0) })
        }
    }

    /// The column of `entries`, read in place when `valueOffset` is given.
    static func column(_ entries: [RecordEntry], valueOffset: Int?, _ interner: Interner) -> CellColumn {
        var builder = CellColumnBuilder(rows: entries.count, interner: interner)
        entries.withUnsafeBufferPointer { entries in
            for row in entries.indices { builder.set(row, entry: row, of: entries, valueOffset: valueOffset) }
        }
        return CellColumn(builder)
    }

    @Test func cellsReadInPlaceSayWhatTheValuesSay() {
        let values = InPlaceCellTests.values()
        let statuses = InPlaceCellTests.statuses(values.count)
        #expect(EntryValues.valueOffset != nil)
        let column = InPlaceCellTests.column(InPlaceCellTests.entries(values, statuses), valueOffset: EntryValues.valueOffset, Interner())
        for (row, value) in values.enumerated() {
            #expect(column.statuses[row] == CellColumn.code(statuses[row]), "row \(row)")
            switch value {
            case .unknown: #expect(column.kinds[row] == .unknown)
            case .boolean(let flag):
                #expect(column.kinds[row] == .boolean && column.textIDs[row] == (flag ? 1 : 0))
            case .number(let number, let isPercent):
                #expect(column.kinds[row] == .number && column.amount(row) == number)
                let year = isPercent ? nil : number.intValue.flatMap { (1000...9999).contains($0) ? DateValue(year: $0) : nil }
                #expect(column.isDate(row) == (year != nil), "row \(row): \(value)")
                if let year { #expect(column.firstDay(row) == year.firstDay && column.lastDay(row) == year.lastDay) }
            case .quantity(let quantity):
                #expect(column.kinds[row] == .quantity && column.amount(row) == quantity.amount)
            case .date(let date):
                #expect(column.kinds[row] == .date && column.firstDay(row) == date.firstDay && column.lastDay(row) == date.lastDay)
            case .text, .symbol: #expect(column.kinds[row] == .text)
            case .list: #expect(column.kinds[row] == .list)
            case .record, .range: #expect(column.kinds[row] == .other)
            }
        }
        // Ids: equal exactly when the units, or the folded texts, are.
        for first in values.indices {
            for second in values.indices {
                switch (values[first], values[second]) {
                case (.quantity(let a), .quantity(let b)):
                    #expect((column.unitIDs[first] == column.unitIDs[second]) == (a.unit == b.unit), "rows \(first), \(second)")
                case (.text(let a), .text(let b)), (.text(let a), .symbol(let b)), (.symbol(let a), .text(let b)), (.symbol(let a), .symbol(let b)):
                    let same = NameFolding.foldSymbol(a) == NameFolding.foldSymbol(b)
                    #expect((column.textIDs[first] == column.textIDs[second]) == same, "rows \(first), \(second)")
                default: continue
                }
            }
        }
    }

    /// Whole numbers 1000–9999 read as years. The builder keeps the days
    /// of the years it met by their low bits: years that share a slot
    /// (2016 and 2032), numbers just outside the range, fractions and
    /// percentages must each still get exactly `Evaluator.year(of:)`'s days.
    @Test func numbersReadAsTheirYears() {
        var numbers: [Value] = []
        for round in 0..<3 {
            for year in [2016, 2032, 2016, 2048, 999, 1000, 9999, 10_000, 2028, 2029, 1970 + round] {
                numbers.append(.number(DecimalNumber(year)))
            }
            numbers.append(.number(DecimalNumber(significand: 20_285, exponent: -1)))
            numbers.append(.number(DecimalNumber(2016), isPercent: true))
        }
        numbers += (1000...1100).map { .number(DecimalNumber($0)) }
        let entries = InPlaceCellTests.entries(numbers, InPlaceCellTests.statuses(numbers.count))
        let column = InPlaceCellTests.column(entries, valueOffset: EntryValues.valueOffset, Interner())
        for (row, value) in numbers.enumerated() {
            guard case .number(let number, let isPercent) = value else { continue }
            let year = isPercent ? nil : Evaluator.year(of: number)
            #expect(column.isDate(row) == (year != nil), "row \(row): \(value)")
            if let year { #expect(column.firstDay(row) == year.firstDay && column.lastDay(row) == year.lastDay, "row \(row)") }
        }
    }

    /// Without a known value offset the builder copies each value out: the
    /// column must be the same, array by array.
    @Test func copiedValuesGiveTheSameColumn() {
        let values = InPlaceCellTests.values()
        let entries = InPlaceCellTests.entries(values, InPlaceCellTests.statuses(values.count))
        let interner = Interner()
        let a = InPlaceCellTests.column(entries, valueOffset: EntryValues.valueOffset, interner)
        let b = InPlaceCellTests.column(entries, valueOffset: nil, interner)
        #expect(a.kinds == b.kinds && a.statuses == b.statuses && a.textIDs == b.textIDs)
        #expect(a.significands == b.significands && a.exponents == b.exponents && a.unitIDs == b.unitIDs)
        #expect(a.firstDays == b.firstDays && a.lastDays == b.lastDays && a.isYear == b.isYear)
    }

    /// Common units share one storage (which the unit shortcut relies on)
    /// and stay equal, with equal hashes, to signatures built from factors.
    @Test func commonUnitsShareTheirStorageAndKeepTheirMeaning() {
        let dimensions: [BaseDimension] = [.power, .energy, .months, .days, .currency("USD"), .currency("EUR")]
        for dimension in dimensions {
            let shared = UnitSignature(dimension)
            let built = UnitSignature(factors: [.init(dimension: dimension, power: 1)])
            #expect(shared == built && shared.hashValue == built.hashValue)
            #expect(shared.simpleDimension == dimension)
        }
        func storage(_ unit: UnitSignature) -> UInt { unsafeBitCast(unit, to: UInt.self) }
        #expect(storage(UnitSignature(.power)) == storage(UnitSignature(.power)))
        #expect(storage(UnitSignature(.currency("USD"))) == storage(UnitSignature(.currency("USD"))))
        #expect(storage(UnitSignature(.power)) != storage(UnitSignature(.energy)))
        #expect(UnitSignature(.power) != UnitSignature(.energy))
    }
}
