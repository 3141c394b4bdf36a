import DealRulesData
import DealRulesModel
import Testing

@Suite("CSV data")
struct CSVLoaderTests {
    @Test func headersNestIntoFigureObjects() throws {
        let data = DataFixtures.load("""
        id,Chip Roadmap,capacityTarget,deal_value.value,deal_value.unit,deal_value.status
        a,unvalidated,2030,100,USD billion,reported
        b,Unvalidated,2027-02,5,USD billion,confirmed
        c,validated,2031,,,
        d,validated,,,,estimated
        """, .csv)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        #expect(data.deals.map(\.subject) == ["a", "b", "c", "d"])
        let a = data.deals[0].record
        #expect(a.entries.map(\.key) == ["id", "chip roadmap", "capacity target", "deal value"])
        #expect(DataFixtures.rendered(a["deal value"]) == "$100 billion")
        #expect(a.entry("deal value")?.provenance?.status == .reported)
        #expect(a.entry("chip roadmap")?.originalKey == "Chip Roadmap")
        #expect(a.entry("deal value")?.location == SourceLocation(path: "test.csv", line: 2, column: 20))
        guard case .date(let target)? = data.deals[1]["capacity target"] else { Issue.record("2027-02 is a date"); return }
        #expect(target.precision == .month)
        #expect(data.deals[2].record.entry("deal value") == nil)
        #expect(data.deals[3]["capacity target"] == nil)
        #expect(data.deals[3]["deal value"]?.isUnknown == true)
        #expect(data.deals[3].record.entry("deal value")?.provenance?.status == .estimated)
    }

    /// Columns count characters, not bytes, however long the ASCII runs
    /// before and after non-ASCII text are.
    @Test func columnsCountCharactersAfterNonASCIICells() {
        let rows = [
            "d1,Société Générale et compagnie réunies,first field,x",
            "d2,plain ascii name that runs well past eight bytes,second,y",
            "d3,😀😀,third one here,z",
        ]
        let data = DataFixtures.load("id,name,note,last\n" + rows.joined(separator: "\n"), .csv)
        #expect(data.diagnostics.isEmpty)
        for (index, row) in rows.enumerated() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false)
            var expected: [Int] = []
            var column = 1
            for cell in cells {
                expected.append(column)
                column += cell.unicodeScalars.count + 1
            }
            let found = data.deals[index].record.entries.map { $0.location?.column ?? 0 }
            #expect(found == expected, "row \(index + 2)")
        }
    }

    @Test func quotingFollowsRFC4180() throws {
        let text = "id,location,note,value\r\n\"a\",\"Abilene, Texas\",\"said \"\"up to\"\" $100 billion\",\"$27B\"\r\nb,plain,\"two\nlines\",5 GW\r\n"
        let data = DataFixtures.load(text, .csv)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        #expect(data.deals.count == 2)
        guard case .text("Abilene, Texas")? = data.deals[0]["location"] else { Issue.record("comma inside quotes"); return }
        guard case .text("said \"up to\" $100 billion")? = data.deals[0]["note"] else { Issue.record("doubled quotes"); return }
        #expect(DataFixtures.rendered(data.deals[0]["value"]) == "$27 billion")
        guard case .text("two\nlines")? = data.deals[1]["note"] else { Issue.record("newline inside quotes"); return }
        #expect(DataFixtures.rendered(data.deals[1]["value"]) == "5 GW")
        #expect(data.deals[1].location?.line == 3)
    }

    @Test func raggedRowsAndBadQuotesAreErrorsWithLines() {
        let data = DataFixtures.load("id,a,b\nx,1,2\ny,1\nz,1,2,3\n\"w\"oops,1,2\nv,1,2\n", .csv)
        #expect(DataFixtures.codes(data) == ["E413", "E413", "E412"])
        #expect(data.diagnostics.map { $0.location?.line } == [3, 4, 5])
        #expect(data.diagnostics[0].sourceLine == "y,1")
        #expect(data.deals.map(\.subject) == ["x", "v"])
        #expect(data.deals.map(\.position) == [1, 5])
        let unclosed = DataFixtures.load("id,a\nx,\"never closed\ny,2\n", .csv)
        #expect(DataFixtures.codes(unclosed) == ["E412"])
        #expect(unclosed.diagnostics.first?.location == SourceLocation(path: "test.csv", line: 2, column: 3))
    }

    @Test func headerProblems() {
        let data = DataFixtures.load("id,,a.,capacity,Capacity,x,x.y\n1,2,3,4,5,6,7\n", .csv)
        #expect(DataFixtures.codes(data) == ["E414", "E414", "E414", "E414"])
        #expect(data.deals.first?.record.entries.map(\.key) == ["id", "capacity", "x"])
        #expect(DataFixtures.load("", .csv).deals.isEmpty)
        #expect(DataFixtures.load("id,a\n", .csv).deals.isEmpty)
    }

    /// Repeated cells and figures are read once and shared (`CSVValueCache`):
    /// every row must still get its own places, every problem its own
    /// diagnostic, and nested records their own cells.
    @Test func repeatedCellsKeepTheirOwnPlacesAndProblems() throws {
        let data = DataFixtures.load("""
        id,capacity.value,capacity.unit,capacity.status,site.city,site.state,deal_value.value,deal_value.unit,term
        a,5,GW,reported,Austin,Texas,10,USD billion,5 years
        b,5,GW,reported,Austin,Texas,10,USD billion,5 years
        c,  ,GW,reported,Dallas,Texas,10,USD bilion,5 years
        d,5,GW,reported,Austin,Texas,10,USD bilion,5 years
        e,,GW,reported,Austin,Texas,1e999,USD billion,null
        f,5,GW,reported,Austin,Texas,1e999,USD billion,5 years
        """, .csv)
        // A bad unit or number is reported on every row that has it.
        let problems = data.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" }
        #expect(problems == ["4:34 E424", "5:33 E424", "6:29 E426", "7:30 E426"], "\(problems)")
        #expect(data.deals.count == 6)
        for (row, deal) in data.deals.enumerated() {
            let line = row + 2
            #expect(deal.record.location?.line == line)
            for entry in deal.record.entries {
                #expect(entry.location?.line == line, "\(deal.subject) \(entry.key)")
            }
            guard case .record(let site)? = deal["site"] else { Issue.record("site is a record"); continue }
            #expect(site.entries.allSatisfy { $0.location?.line == line }, "\(deal.subject)")
        }
        // The same figure on two rows: one value, each row's own place.
        #expect(DataFixtures.rendered(data.deals[1]["capacity"]) == "5 GW")
        #expect(data.deals[1].record.entry("capacity")?.provenance?.status == .reported)
        #expect(data.deals[1].record.entry("capacity")?.location == SourceLocation(path: "test.csv", line: 3, column: 3))
        // A blank value cell: the figure is unknown and starts at its unit.
        #expect(data.deals[2]["capacity"]?.isUnknown == true)
        #expect(data.deals[2].record.entry("capacity")?.location == SourceLocation(path: "test.csv", line: 4, column: 6))
        #expect(data.deals[4].record.entry("capacity")?.location == SourceLocation(path: "test.csv", line: 6, column: 4))
        #expect(data.deals[4]["term"]?.isUnknown == true)
        #expect(DataFixtures.rendered(data.deals[5]["term"]) == "5 years")
        guard case .record(let site)? = data.deals[2]["site"], case .text(let city)? = site["city"] else {
            Issue.record("row c has a site with a city"); return
        }
        #expect(city == "Dallas")
    }

    /// Cells equal only by canonical equivalence are not shared: each row
    /// keeps the bytes its file has (precomposed `é`, then `e` + U+0301).
    @Test func canonicallyEqualCellsKeepTheirOwnBytes() throws {
        let data = DataFixtures.load("id,city,capacity.value,capacity.unit\na,Montr\u{E9}al,5,GW\u{E9}\nb,Montre\u{301}al,5,GWe\u{301}\nc,Montr\u{E9}al,5,GW\n", .csv)
        let cities = data.deals.map { deal -> [UInt8] in
            guard case .text(let city)? = deal["city"] else { return [] }
            return Array(city.utf8)
        }
        #expect(cities == [Array("Montr\u{E9}al".utf8), Array("Montre\u{301}al".utf8), Array("Montr\u{E9}al".utf8)])
        // Both unit spellings are unknown units, each reported on its own row.
        #expect(data.diagnostics.compactMap { $0.location?.line } == [2, 3], "\(data.diagnostics)")
        #expect(DataFixtures.rendered(data.deals[2]["capacity"]) == "5 GW")
    }

    /// Figures read before are shared by the bytes of all their cells, each
    /// cell kept apart: cells that join into the same text are other figures.
    @Test func figuresAreSharedOnlyForTheSameCells() throws {
        let data = DataFixtures.load("id,capacity.value,capacity.source\na,1,2x\nb,12,x\nc,1,2x\nd,12,x\n", .csv)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        let figures = data.deals.map { deal in
            "\(DataFixtures.rendered(deal["capacity"]) ?? "?") \(deal.record.entry("capacity")?.provenance?.source ?? "-")"
        }
        #expect(figures == ["1 2x", "12 x", "1 2x", "12 x"])
    }

    /// A column of more distinct cells than are remembered still reads
    /// every cell as written, before and after the cache stops growing.
    @Test func manyDistinctCellsAllReadBack() throws {
        let names = (0..<1_500).map { "site-\($0 % 1_200)" }
        let text = "id,site\n" + names.enumerated().map { "d\($0.offset),\($0.element)" }.joined(separator: "\n") + "\n"
        let data = DataFixtures.load(text, .csv)
        #expect(data.diagnostics.isEmpty)
        let sites = data.deals.map { deal -> String in
            guard case .text(let site)? = deal["site"] else { return "" }
            return site
        }
        #expect(sites == names)
    }
}
