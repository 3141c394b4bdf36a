import DealRulesData
import DealRulesModel
import Testing

@Suite("YAML data")
struct YAMLLoaderTests {
    @Test func plainScalarsReadLikeJSONValues() throws {
        let data = DataFixtures.load("""
        deals:
          - id: a
            capacity: 5 GW
            announced: 2028-06
            signed: 2024-12-15
            stamp: 2024-12-15T10:30:00Z
            flag: true
            answer: yes
            other: on
            count: 12
            year: 2025
            ratio: 40%
            missing: ~
            nothing:
            word: unknown
            quoted: "5 GW"
            quoted_text: 'Project Rainier'
            quoted_true: "true"
            quoted_null: "null"
            negative: -2.5
            thousands: 1_000
            money: $27 billion
            notes: Project Rainier cluster; option on future Trainium generations.
        """, .yaml)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        let deal = try #require(data.deals.first)
        #expect(DataFixtures.rendered(deal["capacity"]) == "5 GW")
        guard case .date(let month)? = deal["announced"], case .date(let day)? = deal["signed"],
              case .date(let stamp)? = deal["stamp"] else { Issue.record("dates"); return }
        #expect(month.precision == .month)
        #expect(day.precision == .day && day.description == "2024-12-15")
        #expect(stamp.description == "2024-12-15")
        guard case .boolean(true)? = deal["flag"], case .boolean(true)? = deal["answer"] else { Issue.record("booleans"); return }
        guard case .text("on")? = deal["other"] else { Issue.record("`on` is text"); return }
        guard case .number(let year, _)? = deal["year"] else { Issue.record("2025 stays a number"); return }
        #expect(year == DecimalNumber(2025))
        #expect(DataFixtures.rendered(deal["ratio"]) == "40%")
        #expect(deal["missing"]?.isUnknown == true)
        #expect(deal["nothing"]?.isUnknown == true)
        #expect(deal["word"]?.isUnknown == true)
        #expect(DataFixtures.rendered(deal["quoted"]) == "5 GW")
        guard case .text("Project Rainier")? = deal["quoted text"] else { Issue.record("quoted text"); return }
        guard case .boolean(true)? = deal["quoted true"] else { Issue.record("a quoted literal is read as one"); return }
        guard case .text("null")? = deal["quoted null"] else { Issue.record("quoted null is text"); return }
        #expect(DataFixtures.rendered(deal["negative"]) == "-2.5")
        #expect(DataFixtures.rendered(deal["thousands"]) == "1000")
        #expect(DataFixtures.rendered(deal["money"]) == "$27 billion")
        guard case .text? = deal["notes"] else { Issue.record("notes are text"); return }
        #expect(deal.location == SourceLocation(path: "test.yaml", line: 2, column: 5))
        #expect(deal.record.entry("capacity")?.location == SourceLocation(path: "test.yaml", line: 3, column: 5))
    }

    @Test func aTopLevelListAndFigureObjects() throws {
        let data = DataFixtures.load("""
        - id: amazon-anthropic
          deal_value: {value: 100, unit: USD billion, status: reported, source: "Press reports"}
          capacity_target: {value: 2026-12, status: reported}
          parties:
            - {name: Amazon, role: hyperscaler}
        - id: y
          name: no figures
        """, .yaml)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        let record = try #require(data.deals.first?.record)
        #expect(DataFixtures.rendered(record["deal value"]) == "$100 billion")
        #expect(record.entry("deal value")?.provenance == Provenance(status: .reported, source: "Press reports"))
        guard case .date(let target)? = record["capacity target"] else { Issue.record("figure with a date value"); return }
        #expect(target.precision == .month)
        guard case .list(let parties)? = record["parties"], case .record(let first)? = parties.first else {
            Issue.record("parties is a list of records")
            return
        }
        guard case .text("Amazon")? = first["name"] else { Issue.record("party name"); return }
        #expect(data.deals.map(\.subject) == ["amazon-anthropic", "y"])
    }

    @Test func syntaxErrorsCarryTheMarkLine() throws {
        let data = DataFixtures.load("deals:\n  - id: a\n    name: [unclosed\n  - id: b\n", .yaml)
        #expect(DataFixtures.codes(data) == ["E411"])
        let location = try #require(data.diagnostics.first?.location)
        #expect(location.path == "test.yaml")
        #expect(location.line >= 3)
        #expect(data.diagnostics.first?.sourceLine != nil)
    }

    @Test func shapeKeyAndDealErrors() {
        #expect(DataFixtures.codes(DataFixtures.load("just text", .yaml)) == ["E420"])
        #expect(DataFixtures.codes(DataFixtures.load("items: []", .yaml)) == ["E420"])
        #expect(DataFixtures.codes(DataFixtures.load("deals: 5", .yaml)) == ["E420"])
        #expect(DataFixtures.load("deals:", .yaml).diagnostics.isEmpty)
        #expect(DataFixtures.load("", .yaml).deals.isEmpty)
        let mixed = DataFixtures.load("- id: a\n- 5\n- [x]\n- id: b\n  ? [complex]\n  : value\n", .yaml)
        #expect(mixed.deals.map(\.subject) == ["a", "b"])
        #expect(DataFixtures.codes(mixed) == ["E421", "E421", "E425"])
        #expect(mixed.diagnostics.map { $0.location?.line } == [2, 3, 5])
        let collision = DataFixtures.load("- chip_roadmap: a\n  chipRoadmap: b\n", .yaml)
        #expect(DataFixtures.codes(collision) == ["E422"])
        #expect(collision.diagnostics.first?.location == SourceLocation(path: "test.yaml", line: 2, column: 3))
        #expect(collision.diagnostics.first?.sourceLine == "  chipRoadmap: b")
    }

    @Test func aliasesAreReadButCannotExplode() {
        let small = DataFixtures.load("- &p {name: Amazon}\n- id: b\n  party: *p\n", .yaml)
        #expect(small.diagnostics.isEmpty, "\(small.diagnostics)")
        #expect(small.deals.count == 2)
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = "*a\(level - 1)"
            bomb += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        bomb += "deals:\n  - id: boom\n    payload: *a8\n"
        let exploded = DataFixtures.load(bomb, .yaml)
        #expect(DataFixtures.codes(exploded) == ["E433"])
    }
}

@Suite("YAML merge keys")
struct YAMLMergeKeyTests {
    @Test func mergeKeysAddDefaultsWithoutOverriding() throws {
        let data = DataFixtures.load("""
        defaults: &defaults
          kind: compute
          exclusivity: none
          term: {value: 5, unit: years, status: reported}
        deals:
          - <<: *defaults
            id: a
            exclusivity: preferred
          - id: b
            <<: [*defaults, {region: EU}]
        """, .yaml)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        let a = try #require(data.deals.first?.record)
        #expect(a.entries.map(\.key) == ["id", "exclusivity", "kind", "term"])
        guard case .text("preferred")? = a["exclusivity"] else { Issue.record("own key wins"); return }
        #expect(a.entry("term")?.provenance?.status == .reported)
        #expect(data.deals[1].record.entries.map(\.key) == ["id", "kind", "exclusivity", "term", "region"])
        #expect(DataFixtures.codes(DataFixtures.load("- <<: 5\n  id: a\n", .yaml)) == ["E425"])
    }
}
