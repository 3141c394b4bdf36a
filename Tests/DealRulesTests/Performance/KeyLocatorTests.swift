@testable import DealRules
import DealRulesModel
import Testing

/// The deal scan finds fields by key numbers in one pass over each record
/// (`KeyLocator`); it must find exactly the entry `Record.index(ofField:)`
/// finds: the key as written before its plural spellings, the first entry
/// of a spelling, nothing for a key the record lacks.
@Suite struct KeyLocatorTests {
    /// Spellings that fold alike or are one another's plurals.
    static let vocabulary = [
        "party", "parties", "partys", "partyes", "kind", "kinds", "chip", "chips", "chipes",
        "capacity target", "capacity targets", "status", "statuses", "statuss", "key", "keys", "keies",
        "café", "cafe\u{301}", "cafés", "other", "notes",
    ]
    static let wanted = ["party", "kind", "chip", "capacity target", "status", "key", "café", "cafe\u{301}", "missing", "notes"]

    @Test func findsWhatARecordSearchFinds() throws {
        var random = SplitMix(seed: 2024)
        let locator = try #require(KeyLocator(keys: KeyLocatorTests.wanted))
        var mismatches: [String] = []
        var found = 0
        for stamp in 1...3_000 {
            // Records of 0 to 9 entries, spellings repeated now and then.
            var entries: [RecordEntry] = []
            for _ in 0..<random.below(10) {
                let key = KeyLocatorTests.vocabulary[random.below(KeyLocatorTests.vocabulary.count)]
                entries.append(RecordEntry(key: key, originalKey: key, value: .number(DecimalNumber(entries.count), isPercent: false)))
            }
            let record = Record(entries: entries)
            record.entries.withUnsafeBufferPointer { buffer in
                locator.read(buffer, stamp: stamp)
                for (column, key) in KeyLocatorTests.wanted.enumerated() {
                    let expected = record.index(ofField: key)
                    let got = locator.index(ofKey: column, stamp: stamp)
                    if got != nil { found += 1 }
                    if got != expected {
                        mismatches.append("\(key) in \(entries.map(\.key)): \(String(describing: got)), not \(String(describing: expected))")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(found > 3_000, "the records hold the wanted keys often enough to matter")
    }

    /// A stamp tells one record from the next: nothing found in a record
    /// carries over into the next one read.
    @Test func nothingCarriesOverFromTheLastRecord() throws {
        let locator = try #require(KeyLocator(keys: ["kind", "party"]))
        let first = Record(entries: [RecordEntry(key: "kind", originalKey: "kind", value: .symbol("power")),
                                     RecordEntry(key: "parties", originalKey: "parties", value: .list([]))])
        let second = Record(entries: [RecordEntry(key: "id", originalKey: "id", value: .text("x"))])
        first.entries.withUnsafeBufferPointer { locator.read($0, stamp: 1) }
        #expect(locator.index(ofKey: 0, stamp: 1) == 0 && locator.index(ofKey: 1, stamp: 1) == 1)
        second.entries.withUnsafeBufferPointer { locator.read($0, stamp: 2) }
        #expect(locator.index(ofKey: 0, stamp: 2) == nil && locator.index(ofKey: 1, stamp: 2) == nil)
        Record().entries.withUnsafeBufferPointer { locator.read($0, stamp: 3) }
        #expect(locator.index(ofKey: 0, stamp: 3) == nil)
    }

    /// A key whose number is too large for the locator's table (data with
    /// tens of thousands of distinct keys) is searched for by spelling, and
    /// the columns come out the same. The limit is lowered to just below
    /// a new key's number: filling the process's table of keys instead
    /// would push the numbers of keys other tests make past the limit.
    @Test func keysWithLargeNumbersAreSearchedBySpelling() throws {
        _ = KeyLocator(keys: ["kind"]) // every spelling of `kind` numbered first
        let far = "far key for the spelling search"
        let limit = FoldedKeys.shared.id(of: far)
        #expect(limit > FoldedKeys.shared.id(of: "kind"))
        #expect(KeyLocator(keys: ["kind", far], largestKeyNumber: limit) == nil)
        #expect(KeyLocator(keys: ["kind"], largestKeyNumber: limit) != nil)
        #expect(KeyLocator(keys: ["kind", far]) != nil, "below the usual limit")
        let deals = (0..<20).map { index in
            var entries = [RecordEntry(key: "kind", originalKey: "kind", value: .symbol(index % 2 == 0 ? "power" : "compute"))]
            if index % 3 != 0 { entries.append(RecordEntry(key: far, originalKey: far, value: .number(DecimalNumber(index), isPercent: false))) }
            return Deal(record: Record(entries: entries), position: index + 1)
        }
        let table = DealTable(deals: deals, interner: Interner())
        table.largestKeyNumber = limit
        var plan = ReadPlan()
        plan.fields = [FieldPath(keys: ["kind"], display: "kind"), FieldPath(keys: [far], display: far)]
        table.prefetch(plan)
        let farColumn = try #require(table.columns[[far]])
        let kindColumn = try #require(table.columns[["kind"]])
        for (row, deal) in deals.enumerated() {
            #expect((farColumn.kinds[row] == .number) == (deal.record.index(ofField: far) != nil), "row \(row)")
            #expect(kindColumn.kinds[row] == .text)
        }
        #expect(farColumn.amount(4) == DecimalNumber(4))
    }
}
