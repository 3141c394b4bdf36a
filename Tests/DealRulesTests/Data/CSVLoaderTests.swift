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
}
