import DealRulesData
import DealRulesModel
import Testing

/// Loaded deals are kept small (shared entry names, packed locations,
/// shared provenance); what they say must not change.
@Suite("Compact records")
struct CompactRecordTests {
    @Test(arguments: [
        (1, 1), (3, 17), (67_108_863, 67_108_863), (67_108_864, 1), (1, 67_108_864),
        (4_000_000_000, 5), (Int.max, Int.max), (0, 0), (-1, 4),
    ])
    func locationsOfEverySizeComeBackExactly(line: Int, column: Int) {
        let location = SourceLocation(path: "data/deals-\(line % 7).ndjson", line: line, column: column)
        let packed = PackedLocation(location)
        #expect(packed.location == location)
        #expect(packed == PackedLocation(location), "a large location packed twice still compares equal")
        #expect(Set([packed, PackedLocation(location)]).count == 1)
        #expect(packed != PackedLocation(SourceLocation(path: location.path, line: line, column: column &+ 1)))
    }

    @Test func noLocationStaysNone() {
        #expect(PackedLocation(nil).location == nil)
        #expect(PackedLocation.none.location == nil)
        #expect(PackedLocation(pathID: 0, line: 5, column: 5).location == nil)
    }

    @Test func manyPathsKeepTheirOwnNames() {
        // More paths than the packed form has room for go to the table of large locations.
        let locations = (0..<5_000).map { SourceLocation(path: "many/file-\($0).json", line: $0 + 1, column: 2) }
        let packed = locations.map { PackedLocation($0) }
        #expect(packed.map(\.location) == locations)
    }

    @Test func keyNumbersAreEqualExactlyWhenKeysAre() {
        let a = EntryName(key: "capacity target", originalKey: "capacityTarget")
        let b = EntryName(key: "capacity target", originalKey: "capacity_target")
        let c = EntryName(key: "capacity", originalKey: "capacity")
        #expect(a.keyID >= 0 && a.keyID == b.keyID)
        #expect(a.keyID != c.keyID)
        // Canonically equivalent keys are equal strings, and get one number.
        let composed = EntryName(key: "r\u{E9}gion", originalKey: "région")
        let decomposed = EntryName(key: "re\u{301}gion", originalKey: "région")
        #expect(composed.keyID == decomposed.keyID)
        #expect(composed.isKey("re\u{301}gion", id: FoldedKeys.shared.id(of: "re\u{301}gion")))
        // A key without a number (past the table's limit) compares as a string.
        #expect(c.isKey("capacity", id: -1))
        #expect(!c.isKey("capacity target", id: -1))
    }

    @Test func entryKeysChangeWithoutTouchingSharedNames() {
        let name = EntryName(key: "capacity target", originalKey: "capacityTarget")
        var entry = RecordEntry(name: name, value: .integer(5), provenance: nil, packedLocation: .none)
        let other = RecordEntry(name: name, value: .integer(6), provenance: nil, packedLocation: .none)
        entry.key = "target"
        #expect(entry.key == "target")
        #expect(entry.originalKey == "capacityTarget")
        entry.originalKey = "Target"
        #expect(entry.originalKey == "Target")
        #expect(other.key == "capacity target" && other.originalKey == "capacityTarget")
        #expect(name.key == "capacity target")
    }

    @Test func anEntryIsThreeWords() {
        // Name (with any provenance), value and packed location: a field
        // added here costs every loaded entry of every deal.
        #expect(MemoryLayout<RecordEntry>.size == 24)
        #expect(MemoryLayout<RecordEntry>.stride == 24)
    }

    @Test func provenanceChangesWithoutTouchingSharedNames() {
        let press = Provenance(status: .reported, source: "press")
        let name = EntryName(key: "capacity", originalKey: "Capacity")
        var entry = RecordEntry(name: name, value: .integer(5), provenance: press, packedLocation: .none)
        let plain = RecordEntry(name: name, value: .integer(6), provenance: nil, packedLocation: .none)
        #expect(plain.name === name, "no provenance: the shared name itself")
        #expect(entry.provenance == press && entry.status == .reported)
        #expect(entry.name.keyID == name.keyID)
        #expect(name.provenanceBox == nil)

        // Renaming keeps the provenance; changing the provenance keeps the key.
        entry.key = "power"
        entry.originalKey = "Power"
        #expect(entry.provenance == press)
        entry.provenance = Provenance(status: .estimated)
        #expect(entry.status == .estimated && entry.key == "power" && entry.originalKey == "Power")
        entry.provenance = nil
        #expect(entry.provenance == nil && entry.status == nil && entry.key == "power")
        #expect(plain.provenance == nil && name.provenanceBox == nil && name.key == "capacity")

        let box = ProvenanceBox(press)
        let named = name.with(box)
        #expect(named.with(box) === named, "the same box: the same name")
        #expect(named.with(nil).provenanceBox == nil && named.with(nil).keyID == name.keyID)
    }

    /// Figures with different values but one provenance share one name
    /// (which carries the provenance), in every format; another provenance
    /// under the same key gets its own name with the same key number.
    @Test(arguments: [DataFormat.ndjson, .json, .yaml, .csv])
    func figuresShareOneNamePerKeyAndProvenance(format: DataFormat) throws {
        let figures: [(value: Int, unit: String, status: String, source: String)] = [
            (5, "GW", "reported", "press"), (7, "GW", "reported", "press"), (9, "GW", "confirmed", "filing"),
            (11, "GW", "reported", "press"), (5, "GW", "estimated", "model"), (5000, "MW", "estimated", "model"),
        ]
        let text: String
        switch format {
        case .csv:
            text = (["id,capacity.value,capacity.unit,capacity.status,capacity.source"]
                + figures.enumerated().map { "d\($0.offset),\($0.element.value),\($0.element.unit),\($0.element.status),\($0.element.source)" })
                .joined(separator: "\n")
        case .yaml:
            text = figures.enumerated().map {
                "- id: d\($0.offset)\n  capacity:\n    value: \($0.element.value)\n    unit: \($0.element.unit)\n    status: \($0.element.status)\n    source: \($0.element.source)"
            }.joined(separator: "\n")
        default:
            let objects = figures.enumerated().map {
                "{\"id\": \"d\($0.offset)\", \"capacity\": {\"value\": \($0.element.value), \"unit\": \"\($0.element.unit)\", \"status\": \"\($0.element.status)\", \"source\": \"\($0.element.source)\"}}"
            }
            text = format == .json ? "[" + objects.joined(separator: ",\n") + "]" : objects.joined(separator: "\n")
        }
        let data = DataFixtures.load(text, format)
        #expect(data.diagnostics.isEmpty)
        try #require(data.deals.count == 6)
        let entries = try data.deals.map { deal in try #require(deal.record.entry("capacity")) }
        #expect(entries[0].name === entries[1].name)
        #expect(entries[0].name === entries[3].name)
        #expect(entries[0].name !== entries[2].name)
        #expect(entries[4].name === entries[5].name)
        #expect(entries[0].name.keyID == entries[2].name.keyID)
        #expect(entries.map(\.status) == [.reported, .reported, .confirmed, .reported, .estimated, .estimated])
        #expect(entries.map { $0.provenance?.source } == ["press", "press", "filing", "press", "model", "model"])
        #expect(entries.map { DataFixtures.rendered($0.value) } == ["5 GW", "7 GW", "9 GW", "11 GW", "5 GW", "5000 MW"])
        // One amount in one unit is one value, whatever its provenance; the
        // same power written in MW is a value of its own, shown as written.
        #expect(CompactRecordTests.box(of: entries[0].value) == CompactRecordTests.box(of: entries[4].value))
        #expect(CompactRecordTests.box(of: entries[0].value) != CompactRecordTests.box(of: entries[1].value))
        #expect(CompactRecordTests.box(of: entries[4].value) != CompactRecordTests.box(of: entries[5].value))
        // The id entries, which have no provenance, share the plain name.
        let ids = try data.deals.map { deal in try #require(deal.record.entry("id")) }
        #expect(ids.allSatisfy { $0.name === ids[0].name && $0.provenance == nil })
    }

    /// The word a value is: `Value` is an indirect enum, so a figure's
    /// word is the address of its box, and equal words are one shared box.
    static func box(of value: Value) -> UInt {
        withUnsafeBytes(of: value) { $0.load(as: UInt.self) }
    }

    @Test func loadedDealsShareOneNamePerKeyAndOneProvenancePerFigure() {
        let line = "{\"id\": \"a\", \"capacity\": {\"value\": 5, \"unit\": \"GW\", \"status\": \"reported\", \"source\": \"press\"}}"
        let data = DataFixtures.load([line, line.replacingOccurrences(of: "\"a\"", with: "\"b\"")].joined(separator: "\n"), .ndjson)
        #expect(data.deals.count == 2)
        let first = data.deals[0].record.entries
        let second = data.deals[1].record.entries
        #expect(first[1].name === second[1].name)
        #expect(first[1].provenance == second[1].provenance)
        #expect(first[1].provenance?.status == .reported)
        #expect(second[1].location?.line == 2, "a shared figure still has its own location")
        #expect(data.deals[1].location?.line == 2)
    }
}
