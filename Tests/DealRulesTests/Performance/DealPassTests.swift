@testable import DealRules
import DealRulesData
import DealRulesModel
import Testing

/// One pass over the deals (`DealTable.prefetch`) fills every column, item
/// table and projection a run reads. These tests hold what that pass
/// builds — through its shortcuts: provenance read without making a value,
/// collections kept whole instead of item by item — to what the evaluator
/// reads from the same deals, worked out here path by path.
@Suite struct DealPassTests {
    static func path(_ keys: String...) -> FieldPath { FieldPath(keys: keys, display: keys.joined(separator: " ")) }

    /// Random deals, and deals whose figures carry provenance on values of
    /// every shape: a list, a record, nothing, and a figure without any.
    static func deals() -> [Deal] {
        var random = RandomDeals(seed: 4242)
        var deals = random.deals(300)
        let pressed = Provenance(status: .reported, source: "press reports")
        let shapes: [(Value, Provenance?)] = [
            (.list([.text("a"), .text("b")]), pressed),
            (.record(Record(entries: [RecordEntry(key: "source", originalKey: "source", value: .text("inner filing"))])), pressed),
            (.record(Record(entries: [RecordEntry(key: "amount", originalKey: "amount", value: .number(DecimalNumber(3)))])), pressed),
            (.unknown, Provenance(status: .estimated, source: nil)),
            (.number(DecimalNumber(5)), Provenance(status: nil, source: "filing")),
            (.number(DecimalNumber(5)), nil),
            (.symbol("gas"), Provenance(status: .confirmed, source: "")),
        ]
        for (value, provenance) in shapes {
            let entries = [
                RecordEntry(key: "id", originalKey: "id", value: .text("shape-\(deals.count)")),
                RecordEntry(key: "deal value", originalKey: "deal value", value: value, provenance: provenance),
                RecordEntry(key: "chips", originalKey: "chips", value: value, provenance: provenance),
            ]
            deals.append(Deal(record: Record(entries: entries), position: deals.count + 1))
        }
        return deals
    }

    /// The cell the evaluator's read of `inner of collection` makes: a list
    /// is projected item by item, which columns leave to the evaluator.
    static func expectedProjection(_ deals: [Deal], _ collection: FieldPath, _ inner: FieldPath, _ interner: Interner) -> CellColumn {
        CellColumn(rows: deals.count, interner: interner) { row in
            let whole = Evaluator.dealRead(collection, in: deals[row].record)
            if case .list = whole.value { return Evaluator.FieldRead(value: .record(Record()), provenance: nil, found: true) }
            return Evaluator.navigate(whole, inner.keys[...])
        }
    }

    /// The test deals' table after one pass that read `plan`.
    /// `inPlace` false: as where `ValueInPlace` knows no layout.
    static func read(_ plan: ReadPlan, inPlace: Bool = true) -> (deals: [Deal], table: DealTable, interner: Interner) {
        let deals = DealPassTests.deals()
        let interner = Interner()
        let table = DealTable(deals: deals, interner: interner)
        if !inPlace { table.inPlace = nil }
        table.prefetch(plan)
        return (deals, table, interner)
    }

    static func expectSameCells(_ built: CellColumn, _ expected: CellColumn, _ label: String) {
        #expect(built.kinds == expected.kinds, "\(label): kinds")
        #expect(built.statuses == expected.statuses, "\(label): statuses")
        #expect(built.textIDs == expected.textIDs, "\(label): texts")
        #expect(built.significands == expected.significands && built.exponents == expected.exponents, "\(label): amounts")
        #expect(built.unitIDs == expected.unitIDs, "\(label): units")
        #expect(built.firstDays == expected.firstDays && built.lastDays == expected.lastDays, "\(label): days")
    }

    @Test(arguments: [["source"], ["status"], ["as of"], ["value"], ["amount"]])
    func projectionsAreWhatTheEvaluatorReads(_ innerKeys: [String]) {
        let collection = DealPassTests.path("deal value")
        let inner = FieldPath(keys: innerKeys, display: innerKeys.joined(separator: " "))
        var plan = ReadPlan()
        plan.projections = [(collection, inner)]
        let (deals, table, interner) = DealPassTests.read(plan)
        let built = table.projectionColumn(collection, inner)
        let expected = DealPassTests.expectedProjection(deals, collection, inner, interner)
        DealPassTests.expectSameCells(built, expected, "\(innerKeys) of deal value")
        // The shapes above reach every branch: text, unknown and, for
        // lists, a cell left to the evaluator.
        #expect(Set(built.kinds).count >= 2, "\(innerKeys): \(Set(built.kinds))")
    }

    /// Loaded deals share one entry name for each key and provenance, and
    /// the pass remembers each name's source or status by its address:
    /// deals that share names, and deals whose figure has none, a list or
    /// a record, must each still get the evaluator's cell.
    @Test(arguments: ["source", "status"])
    func projectionsOfLoadedDealsSharingNames(_ inner: String) {
        var lines: [String] = []
        for index in 0..<120 {
            let value: String
            switch index % 6 {
            case 0: value = #"{"value": 5, "unit": "GW", "status": "reported", "source": "press reports"}"#
            case 1: value = #"{"value": 7, "unit": "GW", "status": "confirmed", "source": "company filing"}"#
            case 2: value = "12"
            case 3: value = #"["a", "b"]"#
            case 4: value = #"{"amount": 3}"#
            default: value = #"{"value": 9, "unit": "GW", "status": "reported", "source": "press reports"}"#
            }
            lines.append(#"{"id": "d\#(index)", "capacity": \#(value)}"#)
        }
        let loaded = DataLoader.load(bytes: Array(lines.joined(separator: "\n").utf8), path: "shared.ndjson", format: .ndjson)
        #expect(!loaded.hasErrors && loaded.deals.count == 120)
        let collection = DealPassTests.path("capacity")
        let innerPath = DealPassTests.path(inner)
        var plan = ReadPlan()
        plan.projections = [(collection, innerPath)]
        let interner = Interner()
        let table = DealTable(deals: loaded.deals, interner: interner)
        table.prefetch(plan)
        let built = table.projectionColumn(collection, innerPath)
        let expected = DealPassTests.expectedProjection(loaded.deals, collection, innerPath, interner)
        DealPassTests.expectSameCells(built, expected, "\(inner) of capacity")
        #expect(Set(built.kinds) == [.text, .unknown, .other], "\(Set(built.kinds))")
    }

    @Test func provenanceTextIsInternedOnceWhateverHoldsIt() {
        let collection = DealPassTests.path("deal value")
        var plan = ReadPlan()
        plan.projections = [(collection, DealPassTests.path("source")), (collection, DealPassTests.path("status"))]
        let (_, table, interner) = DealPassTests.read(plan)
        let sources = table.projectionColumn(collection, DealPassTests.path("source"))
        let statuses = table.projectionColumn(collection, DealPassTests.path("status"))
        let press = interner.id(ofText: "press reports")
        let reported = interner.id(ofText: "reported")
        #expect(sources.textIDs.contains(press) && statuses.textIDs.contains(reported))
        // Neither column holds a status of its own: these are plain texts.
        #expect(sources.statuses.allSatisfy { $0 == 0 } && statuses.statuses.allSatisfy { $0 == 0 })
    }

    /// The items of a collection as the evaluator counts them: a list's
    /// items, one item for any other known value, none for an unknown one.
    static func expectedItems(_ deals: [Deal], _ collection: FieldPath) -> (items: [Value], owners: [Int], known: [Bool]) {
        var items: [Value] = []
        var owners: [Int] = []
        var known: [Bool] = []
        for (row, deal) in deals.enumerated() {
            let value = Evaluator.dealRead(collection, in: deal.record).value
            switch value {
            case .unknown:
                known.append(false)
            case .list(let list):
                known.append(true)
                items += list
                owners += Array(repeating: row, count: list.count)
            default:
                known.append(true)
                items.append(value)
                owners.append(row)
            }
        }
        return (items, owners, known)
    }

    @Test(arguments: ["chips", "parties", "deal value", "hyperscaler"], [true, false])
    func itemTablesHoldEveryItemInRowOrder(_ key: String, inPlace: Bool) {
        let collection = DealPassTests.path(key)
        var plan = ReadPlan()
        plan.collections = [collection]
        let (deals, table, interner) = DealPassTests.read(plan, inPlace: inPlace)
        #expect((table.items(collection).inPlace != nil) == inPlace)
        let items = table.items(collection)
        let expected = DealPassTests.expectedItems(deals, collection)
        #expect(items.rowCount == expected.items.count, "\(key)")
        #expect(items.known == expected.known, "\(key)")
        #expect(items.starts.count == deals.count + 1 && items.starts.last == expected.items.count, "\(key)")
        for row in deals.indices {
            let owned = expected.owners.indices.filter { expected.owners[$0] == row }
            #expect(Array(items.starts[row]..<items.starts[row + 1]) == owned, "\(key) row \(row)")
        }
        // Every item, as `item` reads it and as the in-place pass reads it.
        let whole = DealPassTests.path(CollectionNames.itemNames(for: key).first ?? key)
        let selfExpected = CellColumn(rows: expected.items.count, interner: interner) { row in
            Evaluator.FieldRead(value: expected.items[row], provenance: nil, found: true)
        }
        DealPassTests.expectSameCells(items.selfColumn, selfExpected, "\(key) items in place")
        let readBack = CellColumn(rows: items.rowCount, interner: interner) { items.read(whole, row: $0) }
        DealPassTests.expectSameCells(readBack, selfExpected, "\(key) items read one by one")
    }

    @Test(arguments: [true, false])
    func itemFieldsFallBackToTheDealAsTheEvaluatorDoes(inPlace: Bool) {
        let collection = DealPassTests.path("parties")
        var plan = ReadPlan()
        plan.collections = [collection]
        let (_, table, interner) = DealPassTests.read(plan, inPlace: inPlace)
        let items = table.items(collection)
        for field in [DealPassTests.path("role"), DealPassTests.path("name"), DealPassTests.path("kind")] {
            // The one-pass column against the item-by-item read.
            let built = items.column(field)
            let read = CellColumn(rows: items.rowCount, interner: interner) { items.read(field, row: $0) }
            DealPassTests.expectSameCells(built, read, "\(field.keys) of parties")
        }
        #expect(items.rowCount > 100)
    }
}
