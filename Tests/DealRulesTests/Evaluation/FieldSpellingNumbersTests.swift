@testable import DealRules
import DealRulesModel
import Testing

/// Rules read a field's first key by key numbers (`FieldSpellingNumbers`);
/// that must find exactly the entry `Record.index(ofField:)` finds by
/// strings: the key as written before its plural spellings, the first
/// entry of a spelling, nothing for a key the record lacks.
@Suite struct FieldSpellingNumbersTests {
    static let wanted = ["party", "kind", "chip", "capacity target", "status", "key", "café", "cafe\u{301}", "missing", "notes"]

    private static func randomRecord(_ random: inout SplitMix) -> Record {
        var entries: [RecordEntry] = []
        for _ in 0..<random.below(10) {
            let key = KeyLocatorTests.vocabulary[random.below(KeyLocatorTests.vocabulary.count)]
            entries.append(RecordEntry(key: key, originalKey: key, value: .number(DecimalNumber(entries.count), isPercent: false)))
        }
        return Record(entries: entries)
    }

    /// `FieldSpellings` carries where the last record had each spelling
    /// from record to record, and first compares one key number there. Over
    /// records whose keys come in changing orders (each key once, as
    /// loaders keep them), it must find what a search by strings finds.
    @Test("a search that remembers places finds what a fresh one finds")
    func rememberedPlacesFindWhatStringsFind() {
        var random = SplitMix(seed: 91)
        var searches = FieldSpellingNumbersTests.wanted.map { FieldSpellings(FieldSpellingNumbers($0)) }
        var mismatches: [String] = []
        var found = 0
        for round in 0..<3_000 {
            var record = FieldSpellingNumbersTests.randomRecord(&random)
            var seen = Set<String>()
            record = Record(entries: record.entries.filter { seen.insert($0.key).inserted })
            // Long runs of one order now and then, as a file's records have.
            if round % 50 < 25 { record = Record(entries: record.entries.sorted { $0.key < $1.key }) }
            record.entries.withUnsafeBufferPointer { entries in
                for index in searches.indices {
                    let got = searches[index].index(in: entries)
                    let expected = record.index(ofField: FieldSpellingNumbersTests.wanted[index])
                    if got != expected { mismatches.append("\(FieldSpellingNumbersTests.wanted[index]) in round \(round)") }
                    if got != nil { found += 1 }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(found > 1_000)
    }

    @Test("key numbers find what a search by strings finds")
    func numbersFindWhatStringsFind() {
        var random = SplitMix(seed: 77)
        let fields = FieldSpellingNumbersTests.wanted.map { FieldSpellingNumbers($0) }
        var mismatches: [String] = []
        var found = 0
        for _ in 0..<3_000 {
            let record = FieldSpellingNumbersTests.randomRecord(&random)
            for (key, field) in zip(FieldSpellingNumbersTests.wanted, fields) {
                let got = record.index(ofField: field)
                if got != nil { found += 1 }
                if got != record.index(ofField: key) { mismatches.append("\(key) in \(record.entries.map(\.key))") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(found > 3_000, "the records hold the wanted keys often enough to matter")
    }

    /// Spellings without numbers (past the table's limit) are compared as
    /// strings, with the same answers.
    @Test("spellings without numbers are compared as strings")
    func withoutNumbersStringsDecide() {
        var random = SplitMix(seed: 78)
        let fields = FieldSpellingNumbersTests.wanted.map { FieldSpellingNumbers($0, number: { _ in -1 }) }
        #expect(fields.allSatisfy { $0.numbers.allSatisfy { $0 == -1 } })
        var mismatches: [String] = []
        for _ in 0..<1_000 {
            let record = FieldSpellingNumbersTests.randomRecord(&random)
            for (key, field) in zip(FieldSpellingNumbersTests.wanted, fields) where record.index(ofField: field) != record.index(ofField: key) {
                mismatches.append("\(key) in \(record.entries.map(\.key))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// A field path works out its first key's spellings once; they are not
    /// part of what makes two paths equal.
    @Test("a field path carries its first key's spellings")
    func fieldPathSpellings() {
        let path = FieldPath(keys: ["party", "role"], display: "party.role")
        #expect(path.firstKey.spellings == ["party", "parties", "partys", "partyes"])
        #expect(path.firstKey.numbers == path.firstKey.spellings.map { FoldedKeys.shared.id(of: $0) })
        #expect(path == FieldPath(keys: ["party", "role"], display: "party.role"))
        #expect(path != FieldPath(keys: ["party"], display: "party.role"))
        #expect(FieldPath(keys: [], display: "").firstKey.spellings.isEmpty)
        let record = Record(entries: [RecordEntry(key: "parties", originalKey: "Parties", value: .list([]))])
        #expect(Evaluator.dealRead(path, in: record).found)
    }
}
