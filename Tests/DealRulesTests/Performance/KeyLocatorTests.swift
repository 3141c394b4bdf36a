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
        var locator = try #require(KeyLocator(keys: KeyLocatorTests.wanted))
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
        var locator = try #require(KeyLocator(keys: ["kind", "party"]))
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
}
