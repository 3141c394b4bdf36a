@testable import DealRules
import DealRulesData
@testable import DealRulesModel
import Foundation
import Testing

/// Deals read in pieces keep their records in packs (`DealPack`); a
/// packed record must come back as the very record that was packed, and
/// everything computed from packed deals must be what unpacked deals give.
@Suite("Packed deals")
struct DealPackTests {
    /// Every entry's name (the very object it had), value and place: a
    /// shared value is the very box it had, a text or symbol of its own
    /// the same case with the same bytes.
    static func sameRecords(_ left: Record, _ right: Record) -> Bool {
        guard left.packedLocation == right.packedLocation, left.entries.count == right.entries.count else { return false }
        return zip(left.entries, right.entries).allSatisfy { a, b in
            a.name === b.name && sameValues(a.value, b.value) && a.packedLocation == b.packedLocation && a.location == b.location
        }
    }

    static func sameValues(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)), (.symbol(let x), .symbol(let y)):
            return Array(x.utf8) == Array(y.utf8)
        default:
            return unsafeBitCast(a, to: UInt.self) == unsafeBitCast(b, to: UInt.self)
        }
    }

    static func location(_ path: String, _ line: Int, _ column: Int) -> DealRulesModel.SourceLocation {
        DealRulesModel.SourceLocation(path: path, line: line, column: column)
    }

    /// Records with every kind of place an entry can have: on the record's
    /// line, lines below it, above it, in another file, none at all, and
    /// too large to pack in a word; and with nested records, lists,
    /// provenance, and no entries.
    static func awkwardDeals() -> [Deal] {
        let shared = Value.symbol("validated")
        let figure = Value.number(DecimalNumber(5))
        let provenance = Provenance(status: .reported, source: "press reports")
        return (0..<40).map { index in
            let line = 10 + index * 3
            let here = location("deals.yaml", line, 3)
            var entries = [
                RecordEntry(key: "id", originalKey: "id", value: .text("d\(index)"), location: location("deals.yaml", line, 7)),
                RecordEntry(key: "name", originalKey: "Name", value: .symbol("Déal \(index) — a name longer than fifteen bytes 🙂"),
                            location: location("deals.yaml", line, 30)),
                RecordEntry(key: "blank", originalKey: "blank", value: .text(""), location: location("deals.yaml", line, 40)),
                RecordEntry(key: "chip roadmap", originalKey: "chip_roadmap", value: shared, location: location("deals.yaml", line + 1, 5)),
                RecordEntry(key: "capacity", originalKey: "capacity", value: figure, provenance: provenance,
                            location: location("deals.yaml", line + 2, 5)),
                RecordEntry(key: "earlier", originalKey: "earlier", value: .integer(index), location: location("deals.yaml", line - 1, 2)),
                RecordEntry(key: "elsewhere", originalKey: "elsewhere", value: .boolean(true), location: location("other.yaml", line, 9)),
                RecordEntry(key: "nowhere", originalKey: "nowhere", value: .unknown, location: nil),
                RecordEntry(key: "far", originalKey: "far", value: .text("x"), location: location("deals.yaml", 1 << 27, 1 << 27)),
                RecordEntry(key: "parties", originalKey: "parties",
                            value: .list([.record(Record(entries: [RecordEntry(key: "name", originalKey: "name", value: .text("Amazon"))]))]),
                            location: location("deals.yaml", line + 2, 1_000_000)),
            ]
            if index % 7 == 3 { entries = [] }
            return Deal(record: Record(entries: entries, location: index % 5 == 4 ? nil : here), position: index + 1)
        }
    }

    @Test func packedRecordsComeBackExactly() {
        let deals = DealPackTests.awkwardDeals()
        var packed = deals
        DealPack.pack(&packed)
        #expect(packed.count == deals.count)
        for (original, copy) in zip(deals, packed) {
            #expect(copy.isPacked)
            #expect(copy.position == original.position && copy.subject == original.subject)
            #expect(copy.packedLocation == original.packedLocation)
            #expect(DealPackTests.sameRecords(copy.record, original.record), "deal \(original.position)")
        }
        // Entries visited in place are the record's, through one scratch
        // reused from deal to deal.
        let scratch = EntryScratch()
        for (original, copy) in zip(deals, packed).reversed() {
            let visited = copy.withEntries(scratch: scratch) { Array($0) }
            #expect(DealPackTests.sameRecords(Record(entries: visited, packedLocation: original.record.packedLocation), original.record))
            let plain = original.withEntries(scratch: scratch) { Array($0) }
            #expect(DealPackTests.sameRecords(Record(entries: plain, packedLocation: original.record.packedLocation), original.record))
        }
        // Packing what is packed changes nothing; unpacking gives the records back.
        var again = packed
        DealPack.pack(&again)
        let unpacked = again.map { deal in
            var copy = deal
            copy.record = deal.record
            return copy
        }
        for (original, copy) in zip(deals, unpacked) {
            #expect(!copy.isPacked)
            #expect(DealPackTests.sameRecords(copy.record, original.record))
        }
    }

    /// A lean read (what the column pass asks for) makes the texts of its
    /// own only for the keys it wants, and no locations; every other entry
    /// is the one a full read gives.
    @Test func aLeanReadMakesOnlyTheWantedTexts() {
        let deals = DealPackTests.awkwardDeals()
        var packed = deals
        DealPack.pack(&packed)
        let lean = LeanRead(keyIDs: [FoldedKeys.shared.id(of: "name"), FoldedKeys.shared.id(of: "chip roadmap")])
        let scratch = EntryScratch()
        var ownTextsLeftOut = 0
        for (original, copy) in zip(deals, packed) {
            let full = original.record.entries
            let visited = copy.withEntries(scratch: scratch, lean: lean) { Array($0) }
            #expect(visited.count == full.count, "deal \(original.position)")
            for (entry, expected) in zip(visited, full) {
                #expect(entry.name === expected.name)
                #expect(entry.packedLocation == .none)
                let ownText = !DealPackTests.sameValues(entry.value, expected.value)
                if ownText {
                    // Only a text of the entry's own may be left out, and only for a key not wanted.
                    #expect(entry.value.isUnknown && expected.key != "name" && expected.key != "chip roadmap", "\(expected.key)")
                    ownTextsLeftOut += 1
                }
            }
            // A deal holding its record gives it as it is.
            let plain = original.withEntries(scratch: scratch, lean: lean) { Array($0) }
            #expect(DealPackTests.sameRecords(Record(entries: plain, packedLocation: original.record.packedLocation), original.record))
        }
        // The ids are texts of their own, and were left out.
        #expect(ownTextsLeftOut >= 30)
    }

    @Test func aPackedDealGivenARecordHoldsItAgain() {
        var deals = DealPackTests.awkwardDeals()
        DealPack.pack(&deals)
        var deal = deals[0]
        var record = deal.record
        record.entries.removeLast()
        deal.record = record
        #expect(!deal.isPacked)
        #expect(deal.record.entries.count == DealPackTests.awkwardDeals()[0].record.entries.count - 1)
    }

    /// The pack's table of words keeps every key apart through growth,
    /// zero and words that collide in their high bits included.
    @Test func wordTableKeepsEveryKey() {
        var numbers = WordTable()
        var counts = WordTable(capacity: 1)
        let keys: [UInt] = [0, 1, UInt.max] + (0..<5_000).map { UInt($0) << 48 } + (0..<5_000).map { UInt($0) &* 0x9E37_79B9 }
        var expected: [UInt: Int] = [:]
        var repeats: [UInt: Int] = [:]
        for key in keys {
            repeats[key, default: 0] += 1
            let number = numbers.number(of: key) { expected.count }
            if expected[key] == nil { expected[key] = number }
            #expect(number == expected[key])
            counts.count(key)
        }
        #expect(expected.count > 9_000)
        for (key, number) in expected {
            #expect(numbers.number(of: key) == number)
            #expect(counts.number(of: key) == repeats[key])
        }
        #expect(numbers.number(of: 12_345_678_901) == nil)
    }

    /// Loaded deals share their repeated values, and a pack holds each
    /// once: with its ids and names, less than the entries alone take
    /// unpacked (24 bytes each). About a third of that while locations
    /// pack as lines and columns; a whole word each once the process has
    /// read more than 4,094 files (as the whole test suite does), when
    /// locations live in the table of large ones.
    @Test func aPackHoldsRepeatsOnce() throws {
        let text = CSVPiecesTests.file(2_000)
        let packed = try NDJSONPiecesTests.loadFile(text, limits: DataLimits(), name: "deals.csv")
        let plain = try NDJSONPiecesTests.loadFile(text, limits: DataLimits(packsDeals: false), name: "deals.csv")
        guard case .packed(let pack, _) = packed.deals[0].body else {
            Issue.record("the deals were not packed")
            return
        }
        #expect(pack.count == plain.deals.count)
        let entries = plain.deals.reduce(0) { $0 + $1.record.entries.count }
        #expect(entries > 10_000)
        #expect(pack.byteCount < entries * 24, "\(pack.byteCount) bytes for \(entries) entries")
        #expect(pack.record(at: -1).entries.isEmpty && pack.record(at: pack.count).entries.isEmpty)
        for index in stride(from: 0, to: plain.deals.count, by: 97) {
            #expect(NDJSONPiecesTests.summary(LoadedData(deals: [packed.deals[index]]))
                == NDJSONPiecesTests.summary(LoadedData(deals: [plain.deals[index]])))
        }
    }

    /// The bundled and benchmark rules give the same report over packed
    /// deals as over the same deals unpacked.
    @Test(arguments: ["Rules", "Benchmarks/rules"])
    func rulesSeeNoDifference(_ directory: String) throws {
        let program = try KernelAgreementTests.program(directory: directory)
        var random = RandomDeals(seed: 2031)
        let deals = random.deals(700)
        let options = RuleRunner.Options(asOf: KernelAgreementTests.asOf)
        let plain = TextReport.render(RuleRunner.run(program, deals: deals, options: options), options: ReportOptions())
        var packed = deals
        DealPack.pack(&packed)
        let allPacked = packed.allSatisfy { $0.isPacked }
        #expect(allPacked)
        let fromPacks = TextReport.render(RuleRunner.run(program, deals: packed, options: options), options: ReportOptions())
        #expect(plain.count > 1_000)
        #expect(fromPacks == plain)
    }

    /// A CSV file read in pieces is packed unless the limits say not to,
    /// and reads the same either way; other formats are not packed.
    @Test(arguments: [DataFormat.csv, .ndjson])
    func loadsArePackedAndReadTheSame(_ format: DataFormat) throws {
        let text = format == .csv ? CSVPiecesTests.file(300) : NDJSONPiecesTests.lines.joined(separator: "\n") + "\n"
        let name = format == .csv ? "deals.csv" : "deals.ndjson"
        let packed = try NDJSONPiecesTests.loadFile(text, limits: DataLimits(pieceSize: 2_000), name: name)
        let plain = try NDJSONPiecesTests.loadFile(text, limits: DataLimits(pieceSize: 2_000, packsDeals: false), name: name)
        #expect(packed.deals.count > 100)
        let allPacked = packed.deals.allSatisfy { $0.isPacked }
        let nonePacked = !packed.deals.contains { $0.isPacked }
        let somePlainPacked = plain.deals.contains { $0.isPacked }
        #expect(format == .csv ? allPacked : nonePacked)
        #expect(!somePlainPacked)
        #expect(NDJSONPiecesTests.summary(packed) == NDJSONPiecesTests.summary(plain))
    }
}
