import DealRulesData
import DealRulesModel
import Testing

/// The JSON reader keeps small one-line mappings it has met twice (the
/// parties of a deal) and makes them again where they recur. What it makes
/// must be what reading the bytes afresh gives: the same keys and values,
/// and every location where the bytes are at this place.
@Suite("Flat record cache")
struct FlatRecordCacheTests {
    static let party = #"{"name": "Oracle", "role": "lab"}"#

    /// The column (in Unicode scalars, from 1) of each place `needle`
    /// starts in `line`, as the loaders count columns.
    static func columns(of needle: String, in line: String) -> [Int] {
        let bytes = Array(line.utf8)
        let wanted = Array(needle.utf8)
        var found: [Int] = []
        var offset = 0
        while offset + wanted.count <= bytes.count {
            if Array(bytes[offset..<offset + wanted.count]) == wanted {
                found.append(String(decoding: bytes[..<offset], as: UTF8.self).unicodeScalars.count + 1)
            }
            offset += 1
        }
        return found
    }

    /// The party records of every deal, in order, with the line each deal is on.
    static func parties(_ data: LoadedData) -> [(line: Int, record: Record)] {
        data.deals.enumerated().flatMap { index, deal -> [(line: Int, record: Record)] in
            guard case .list(let items)? = deal["parties"] else { return [] }
            return items.compactMap { item in
                guard case .record(let record) = item else { return nil }
                return (index + 1, record)
            }
        }
    }

    @Test(arguments: [DataFormat.ndjson, .json])
    func recurringMappingsHaveTheLocationsOfTheirPlace(format: DataFormat) throws {
        let party = FlatRecordCacheTests.party
        // Five copies a line, at different columns; non-ASCII text before
        // them on the second line (columns count scalars) and a wider gap
        // on the third.
        let lines = [
            #"{"id": "a", "parties": [\#(party), \#(party), \#(party), \#(party), \#(party)]}"#,
            #"{"id": "é😀", "parties": [\#(party), \#(party),\#(party), \#(party), \#(party)]}"#,
            #"{"id": "c",   "parties": [  \#(party) , \#(party),   \#(party), \#(party), \#(party)]}"#,
        ]
        let text = format == .json ? "[" + lines.joined(separator: ",\n") + "]" : lines.joined(separator: "\n")
        let data = DataFixtures.load(text, format)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        let found = FlatRecordCacheTests.parties(data)
        #expect(found.count == 15)
        let lineTexts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (line, text) in lineTexts.enumerated() {
            let opens = FlatRecordCacheTests.columns(of: party, in: text)
            let names = FlatRecordCacheTests.columns(of: #""name""#, in: text)
            let roles = FlatRecordCacheTests.columns(of: #""role""#, in: text)
            let records = found.filter { $0.line == line + 1 }.map(\.record)
            #expect(records.count == 5)
            for (copy, record) in records.enumerated() {
                #expect(record.entries.map(\.key) == ["name", "role"])
                #expect(record.entries.map { ValueRendering.render($0.value) } == ["Oracle", "lab"])
                #expect(record.packedLocation.location == SourceLocation(path: "test.\(format.rawValue)", line: line + 1, column: opens[copy]))
                #expect(record.entries.map { $0.packedLocation.location?.column } == [names[copy], roles[copy]])
                #expect(record.entries.allSatisfy { $0.packedLocation.location?.line == line + 1 })
            }
        }
    }

    @Test func aRecurringMappingTooDeepIsStillAnError() {
        let party = FlatRecordCacheTests.party
        // An NDJSON line's deal is at depth 2, its list of parties at 3 and
        // each party at 4; the last line's party sits one deeper.
        var lines = (1...3).map { #"{"id": "d\#($0)", "parties": [\#(party), \#(party), \#(party)]}"# }
        lines.append(#"{"id": "deep", "parties": [[\#(party)]]}"#)
        let data = DataFixtures.load(lines.joined(separator: "\n"), .ndjson, limits: DataLimits(maxDepth: 4))
        #expect(DataFixtures.codes(data) == ["E430"])
        #expect(data.diagnostics.first?.location?.line == 4)
        #expect(FlatRecordCacheTests.parties(data).count == 9)
    }

    @Test func aRecurringMappingWithCollidingKeysIsReportedEveryTime() {
        let clash = #"{"name": "A", "Name": "B"}"#
        let lines = (1...4).map { #"{"id": "d\#($0)", "parties": [\#(clash)]}"# }
        let data = DataFixtures.load(lines.joined(separator: "\n"), .ndjson)
        #expect(DataFixtures.codes(data) == Array(repeating: "E422", count: 4))
        #expect(data.diagnostics.map { $0.location?.line } == [1, 2, 3, 4])
        for (_, record) in FlatRecordCacheTests.parties(data) {
            #expect(record.entries.map(\.key) == ["name"])
        }
    }

    @Test func aRecurringMappingWithNonASCIITextKeepsItsColumns() {
        let party = #"{"name": "Société Générale", "role": "bank"}"#
        let lines = (1...4).map { #"{"id": "d\#($0)", "parties": [\#(party), \#(party)], "after": "x"}"# }
        let data = DataFixtures.load(lines.joined(separator: "\n"), .ndjson)
        #expect(data.diagnostics.isEmpty)
        let expected = FlatRecordCacheTests.columns(of: #""after""#, in: lines[0])
        for deal in data.deals {
            let after = deal.record.entries.first { $0.key == "after" }
            #expect(after?.packedLocation.location?.column == expected.first)
        }
        #expect(FlatRecordCacheTests.parties(data).map { DataFixtures.rendered($0.record["name"]) } == Array(repeating: "Société Générale", count: 8))
    }
}
