import DealRulesData
import DealRulesModel
import Testing

@Suite("NDJSON data")
struct NDJSONLoaderTests {
    @Test func oneDealPerLineAndBadLinesDoNotStopTheRest() {
        let text = "{\"id\": \"a\", \"capacity\": \"5 GW\"}\r\n\n{\"id\": \"b\",}\n   \n[1, 2]\n{\"id\": \"c\"} x\n{\"id\": \"d\", \"v\": {\"value\": 1, \"unit\": \"GW\", \"status\": \"estimated\"}}\n"
        let data = DataFixtures.load(text, .ndjson)
        #expect(data.deals.map(\.subject) == ["a", "d"])
        #expect(DataFixtures.codes(data) == ["E410", "E421", "E410"])
        #expect(data.diagnostics.map { $0.location?.line } == [3, 5, 6])
        #expect(data.diagnostics[0].location?.column == 12)
        #expect(data.diagnostics[0].sourceLine == "{\"id\": \"b\",}")
        #expect(data.deals.map(\.position) == [1, 5])
        #expect(data.deals[1].record.entry("v")?.provenance?.status == .estimated)
        #expect(DataFixtures.rendered(data.deals[0]["capacity"]) == "5 GW")
    }

    @Test func anUnclosedLineDoesNotSwallowTheNextLine() {
        let data = DataFixtures.load("{\"id\": \"a\n{\"id\": \"b\"}\n{\"id\": [1, 2\n{\"id\": \"c\"}", .ndjson)
        #expect(data.deals.map(\.subject) == ["b", "c"])
        #expect(DataFixtures.codes(data) == ["E410", "E410"])
        #expect(data.diagnostics.map { $0.location?.line } == [1, 3])
    }
}
