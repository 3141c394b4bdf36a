import DealRulesData
import DealRulesModel
import Testing

@Suite("JSON data")
struct JSONLoaderTests {
    @Test func readsAnArrayOfDeals() throws {
        let data = DataFixtures.load("""
        [
          {"id": "a", "capacity": "5 GW", "deal_value": "$27B", "term": "10 years", "announced": "2026-10",
           "share": 0.25, "big": 12345678901234567890, "sci": 2.5e3, "neg": -3.75, "ok": true, "gone": null,
           "word": "unknown", "chips": ["Trainium2", "Trainium3"], "note": "Project \\"Rainier\\" \\u00e9\\ud83d\\ude00"},
          {"name": "Second deal"},
          {}
        ]
        """, .json)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        #expect(data.deals.count == 3)
        let deal = data.deals[0]
        #expect(deal.subject == "a")
        #expect(DataFixtures.rendered(deal["capacity"]) == "5 GW")
        #expect(DataFixtures.rendered(deal["deal value"]) == "$27 billion")
        #expect(DataFixtures.rendered(deal["term"]) == "10 years")
        guard case .date(let announced)? = deal["announced"] else { Issue.record("announced is a date"); return }
        #expect(announced.precision == .month)
        guard case .number(let share, _)? = deal["share"] else { Issue.record("share is a number"); return }
        #expect(share == DecimalNumber(significand: 25, exponent: -2))
        guard case .number(let big, _)? = deal["big"] else { Issue.record("big is a number"); return }
        #expect(big == DecimalNumber(parsing: "12345678901234567890"))
        #expect(DataFixtures.rendered(deal["sci"]) == "2500")
        #expect(DataFixtures.rendered(deal["neg"]) == "-3.75")
        guard case .boolean(true)? = deal["ok"] else { Issue.record("ok is true"); return }
        #expect(deal["gone"]?.isUnknown == true)
        #expect(deal["word"]?.isUnknown == true)
        #expect(DataFixtures.rendered(deal["chips"]) == "[Trainium2, Trainium3]")
        guard case .text(let note)? = deal["note"] else { Issue.record("note is text"); return }
        #expect(note == "Project \"Rainier\" é😀")
        #expect(data.deals[1].subject == "Second deal")
        #expect(data.deals[2].subject == "#3")
        #expect(data.deals.map(\.position) == [1, 2, 3])
    }

    /// The reader guesses each key from the one before it last time; keys
    /// that come and go, change order, or share a prefix are still read as written.
    @Test(arguments: [DataFormat.json, .ndjson])
    func keysThatComeAndGoAreReadAsWritten(format: DataFormat) throws {
        let deals = [
            #"{"id": "a", "term": 1, "terms": 2, "kind": "x", "party": {"name": "P", "role": "lab"}}"#,
            #"{"id": "b", "terms": 2, "kind": "x", "party": {"role": "lab", "name": "P"}}"#,
            #"{"id": "c", "term": 1, "kind": "x", "party": {"name": "P"}}"#,
            #"{"id": "d", "kind": "x", "term": 1, "terms": 2, "party": {"nam": "P", "role": "lab"}}"#,
            #"{"id": "e", "term": 1, "terms": 2, "kind": "x", "party": {"name": "P", "role": "lab"}}"#,
            #"{"id": "f", "te": 0, "term": 1, "kind": "x"}"#,
            #"{"id": "g", "term": 1, "terms": 2, "kind": "x"}"#,
        ]
        let text = format == .json ? "[\n" + deals.joined(separator: ",\n") + "\n]" : deals.joined(separator: "\n")
        let data = DataFixtures.load(text, format)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        let keys = data.deals.map { $0.record.entries.map(\.originalKey).joined(separator: " ") }
        #expect(keys == [
            "id term terms kind party", "id terms kind party", "id term kind party", "id kind term terms party",
            "id term terms kind party", "id te term kind", "id term terms kind",
        ])
        let partyKeys = data.deals.prefix(5).map { deal -> String in
            guard case .record(let party)? = deal["party"] else { return "no party" }
            return party.entries.map(\.originalKey).joined(separator: " ")
        }
        #expect(partyKeys == ["name role", "role name", "name", "nam role", "name role"])
    }

    @Test func readsAnObjectWithDealsAndIgnoresOtherKeys() {
        let data = DataFixtures.load(#"{"source": "test", "deals": [{"id": "x"}], "count": 1}"#, .json)
        #expect(data.diagnostics.isEmpty)
        #expect(data.deals.map(\.subject) == ["x"])
    }

    @Test func figureObjectsCarryProvenance() throws {
        let data = DataFixtures.load("""
        [{"id": "a",
          "deal_value": {"value": 100, "unit": "USD billion", "status": "reported", "source": "Press reports", "as_of": "2026-10"},
          "capacity": {"value": 5000, "unit": "MW"},
          "target": {"value": 2028, "status": "confirmed"},
          "price": {"value": 20, "unit": "USD billion per GW"},
          "ratio": {"value": 40, "unit": "%"},
          "eur": {"value": 4, "unit": "EUR billion"},
          "text": {"value": "$27B", "status": "estimated"},
          "record": {"value": 5, "note": "not a figure"}}]
        """, .json)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        let record = try #require(data.deals.first?.record)
        let value = try #require(record.entry("deal value"))
        #expect(DataFixtures.rendered(value.value) == "$100 billion")
        #expect(value.provenance == Provenance(status: .reported, source: "Press reports", asOf: "2026-10"))
        #expect(value.originalKey == "deal_value")
        #expect(value.location == SourceLocation(path: "test.json", line: 2, column: 3))
        #expect(DataFixtures.rendered(record["capacity"]) == "5000 MW")
        #expect(record.entry("capacity")?.provenance == nil)
        #expect(DataFixtures.rendered(record["target"]) == "2028")
        #expect(record.entry("target")?.provenance?.status == .confirmed)
        #expect(DataFixtures.rendered(record["price"]) == "$20 billion per GW")
        #expect(DataFixtures.rendered(record["ratio"]) == "40%")
        #expect(DataFixtures.rendered(record["eur"]) == "EUR 4 billion")
        #expect(DataFixtures.rendered(record["text"]) == "$27 billion")
        #expect(record.entry("text")?.provenance?.status == .estimated)
        guard case .record(let nested)? = record["record"] else { Issue.record("a mapping with other keys is a record"); return }
        #expect(nested.entries.map(\.key) == ["value", "note"])
    }

    /// A figure has `value` and nothing but provenance keys beside it,
    /// however those keys are spelled.
    @Test func onlyValueAndProvenanceKeysMakeAFigure() throws {
        let data = DataFixtures.load("""
        [{"id": "a",
          "spelled": {"Value": 3, "UNIT": "GW", "Status": "reported", "Source": "filing", "asOf": "2026"},
          "no value": {"unit": "GW", "status": "reported"},
          "six keys": {"value": 3, "unit": "GW", "status": "reported", "source": "filing", "as of": "2026", "note": "x"},
          "value only": {"value": 7}}]
        """, .json)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        let record = try #require(data.deals.first?.record)
        #expect(DataFixtures.rendered(record["spelled"]) == "3 GW")
        #expect(record.entry("spelled")?.provenance == Provenance(status: .reported, source: "filing", asOf: "2026"))
        guard case .record(let noValue)? = record["no value"] else { Issue.record("no value: a record"); return }
        #expect(noValue.entries.map(\.key) == ["unit", "status"])
        guard case .record(let six)? = record["six keys"] else { Issue.record("six keys: a record"); return }
        #expect(six.entries.count == 6)
        #expect(DataFixtures.rendered(record["value only"]) == "7")
    }

    /// Figures share their quantities, provenance and names with earlier
    /// equal ones (through small tables in front of dictionaries): every
    /// deal must still read back its own amount, unit and provenance, for
    /// more combinations than those tables have slots.
    @Test func sharedFiguresKeepTheirOwnAmountsAndProvenance() throws {
        let statuses = ["confirmed", "reported", "estimated"]
        let units = ["GW", "MW", "years"]
        func figure(_ deal: Int) -> (amount: Int, unit: String, status: String, source: String, asOf: String?) {
            (deal % 97 + 2, units[deal % 3], statuses[(deal / 3) % 3], "source \(deal % 41)", deal % 5 == 0 ? nil : "2026-\(deal % 12 + 1)")
        }
        let lines = (0..<3_000).map { deal -> String in
            let f = figure(deal)
            let asOf = f.asOf.map { #", "as_of": "\#($0)""# } ?? ""
            return #"{"id": "d\#(deal)", "capacity": {"value": \#(f.amount), "unit": "\#(f.unit)", "status": "\#(f.status)", "source": "\#(f.source)"\#(asOf)}}"#
        }
        let data = DataFixtures.load(lines.joined(separator: "\n"), .ndjson)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics.prefix(3))")
        #expect(data.deals.count == 3_000)
        for (deal, loaded) in data.deals.enumerated() {
            let f = figure(deal)
            let entry = try #require(loaded.record.entry("capacity"))
            #expect(DataFixtures.rendered(entry.value) == "\(f.amount) \(f.unit)", "deal \(deal)")
            #expect(entry.provenance == Provenance(status: ProvenanceStatus(rawValue: f.status), source: f.source, asOf: f.asOf), "deal \(deal)")
        }
    }

    /// Values worked out before are remembered; figures that could not be
    /// worked out are not, so each is reported where it is.
    @Test func figureErrorsAreReportedEveryTime() throws {
        let lines = (1...3).map { #"{"id": "x\#($0)", "big": {"value": 1e30, "unit": "USD trillion"}, "bad": {"value": 5, "unit": "gigawatts"}, "ok": {"value": 5, "unit": "GW"}}"# }
        let data = DataFixtures.load(lines.joined(separator: "\n"), .ndjson)
        #expect(data.diagnostics.map { $0.location?.line } == [1, 1, 2, 2, 3, 3])
        #expect(data.diagnostics.map(\.message) == Array(repeating: ["`1000000000000000000000000000000 USD trillion` is too large to hold", "`gigawatts` is not a unit"], count: 3).flatMap { $0 })
        for deal in data.deals {
            #expect(deal["big"]?.isUnknown == true)
            #expect(deal["bad"]?.isUnknown == true)
            #expect(DataFixtures.rendered(deal["ok"]) == "5 GW")
        }
    }

    @Test func badFigureUnitOrStatusIsAnErrorAndUnknown() throws {
        let data = DataFixtures.load("""
        [{"id": "a",
          "v1": {"value": 5, "unit": "gigawatts"},
          "v2": {"value": 5, "status": "rumoured"},
          "v3": {"value": "soon", "unit": "GW"}}]
        """, .json)
        #expect(DataFixtures.codes(data) == ["E424", "E423", "E424"])
        let record = try #require(data.deals.first?.record)
        #expect(record["v1"]?.isUnknown == true)
        #expect(record["v2"]?.isUnknown == true)
        #expect(record["v3"]?.isUnknown == true)
        #expect(data.diagnostics[0].location == SourceLocation(path: "test.json", line: 2, column: 22))
        #expect(data.diagnostics[0].sourceLine == #"  "v1": {"value": 5, "unit": "gigawatts"},"#)
        #expect(data.diagnostics[1].location?.line == 3)
    }

    @Test func keysNormaliseAndCollisionsAreErrors() throws {
        let data = DataFixtures.load("""
        [{"Capacity-Target": 2028, "chipRoadmap": "unvalidated", "capacity_target": 2030, "id": "x", "id": "y"}]
        """, .json)
        let record = try #require(data.deals.first?.record)
        #expect(record.entries.map(\.key) == ["capacity target", "chip roadmap", "id"])
        #expect(DataFixtures.rendered(record["capacity target"]) == "2028")
        #expect(DataFixtures.codes(data) == ["E422", "E422"])
        let collision = data.diagnostics[0]
        #expect(collision.message.contains("Capacity-Target"))
        #expect(collision.message.contains("capacity_target"))
        #expect(collision.location == SourceLocation(path: "test.json", line: 1, column: 58))
        #expect(data.deals.first?.subject == "x")
    }

    @Test func syntaxErrorsHaveLineAndColumn() {
        let cases: [(String, Int, Int)] = [
            ("[\n  {\"id\": \"a\",}\n]", 2, 14),
            ("[{\"id\": 'a'}]", 1, 9),
            ("[{\"id\": \"a\"} {\"id\": \"b\"}]", 1, 14),
            ("[{\"id\": \"a\n\"}]", 1, 9),
            ("[{\"n\": 01}]", 1, 8),
            ("[{\"n\": 1.}]", 1, 10),
            ("[{\"n\": tru}]", 1, 8),
            ("[{\"é\": \"ü\", \"n\": x}]", 1, 18),
            ("[{\"id\": \"a\"}", 1, 1),
            ("", 1, 1),
            ("[{}] extra", 1, 6),
            ("[{\"s\": \"\\x\"}]", 1, 9),
            ("[{\"s\": \"\\ud800\"}]", 1, 9),
        ]
        for (text, line, column) in cases {
            let data = DataFixtures.load(text, .json)
            #expect(DataFixtures.codes(data) == ["E410"], "\(text)")
            #expect(data.diagnostics.first?.location == SourceLocation(path: "test.json", line: line, column: column), "\(text)")
        }
    }

    @Test func dealsThatAreNotMappingsAreReportedAndTheRestKept() {
        let data = DataFixtures.load(#"[{"id": "a"}, 5, "text", [1], {"id": "b"}]"#, .json)
        #expect(DataFixtures.codes(data) == ["E421", "E421", "E421"])
        #expect(data.deals.map(\.subject) == ["a", "b"])
        #expect(data.deals.map(\.position) == [1, 5])
        #expect(data.diagnostics[0].location?.column == 15)
    }

    @Test func wrongTopLevelShapes() {
        #expect(DataFixtures.codes(DataFixtures.load("5", .json)) == ["E420"])
        #expect(DataFixtures.codes(DataFixtures.load(#"{"items": []}"#, .json)) == ["E420"])
        #expect(DataFixtures.codes(DataFixtures.load(#"{"deals": 5}"#, .json)) == ["E420"])
    }

    @Test func numbersOutOfRangeAreErrorsNotCrashes() throws {
        let data = DataFixtures.load(#"[{"huge": 1e999, "tiny": -1e-99999, "fine": 1}]"#, .json)
        #expect(DataFixtures.codes(data) == ["E426", "E426"])
        #expect(data.deals.first?["huge"]?.isUnknown == true)
        #expect(DataFixtures.rendered(data.deals.first?["fine"]) == "1")
    }
}
