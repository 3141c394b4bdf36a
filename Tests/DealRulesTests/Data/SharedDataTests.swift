import DealRulesData
import DealRulesModel
import Foundation
import Testing

@Suite("Shared data files")
struct SharedDataTests {
    @Test func theRealDealsLoad() throws {
        let path = DataFixtures.sharedRoot.appendingPathComponent("data/deals.yaml").path
        try #require(FileManager.default.fileExists(atPath: path))
        let data = DataLoader.load(path: path, format: nil)
        #expect(data.diagnostics.isEmpty, "\(data.diagnostics)")
        #expect(data.deals.count == 15)
        #expect(Set(data.deals.map(\.subject)).count == 15)
        let deal = try #require(data.deals.first { $0.subject == "amazon-anthropic-2026" })
        let value = try #require(deal.record.entry("deal value"))
        #expect(ValueRendering.render(value.value) == "$100 billion")
        #expect(value.provenance?.status == .reported)
        #expect(value.provenance?.source == "headline reports; absent from the primary announcement")
        #expect(ValueRendering.render(value.value, provenance: value.provenance) == "$100 billion (reported)")
        #expect(ValueRendering.render(deal["capacity"] ?? .unknown) == "5 GW")
        #expect(ValueRendering.render(deal["term"] ?? .unknown) == "10 years")
        guard case .number(let target, _)? = deal["capacity target"] else { Issue.record("2028 stays a number"); return }
        #expect(target == DecimalNumber(2028))
        guard case .date(let announced)? = deal["announced"] else { Issue.record("announced is a date"); return }
        #expect(announced.description == "2026-10")
        let tmi = try #require(data.deals.first { $0.subject == "microsoft-constellation-tmi" })
        guard case .date(let day)? = tmi["announced"] else { Issue.record("timestamp date"); return }
        #expect(day.precision == .day)
        #expect(ValueRendering.render(tmi["capacity"] ?? .unknown) == "835 MW")
        let nvidia = try #require(data.deals.first { $0.subject == "nvidia-openai-10gw" })
        guard case .date(let month)? = nvidia["capacity target"] else { Issue.record("2026-12 is a date"); return }
        #expect(month.precision == .month)
    }

    @Test func everyConformanceDataFileLoads() throws {
        let cases = DataFixtures.sharedRoot.appendingPathComponent("conformance/cases")
        let names = try FileManager.default.contentsOfDirectory(atPath: cases.path).sorted()
        var loaded = 0
        for name in names {
            let folder = cases.appendingPathComponent(name)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                guard file.hasPrefix("deals."), DataFormat.infer(path: file) != nil else { continue }
                let data = DataLoader.load(path: folder.appendingPathComponent(file).path, format: nil)
                #expect(!data.hasErrors, "\(name)/\(file): \(data.diagnostics)")
                loaded += 1
            }
        }
        #expect(loaded >= 10)
    }

    @Test func conformanceCSVReadsFiguresFromHeaders() throws {
        let path = DataFixtures.sharedRoot.appendingPathComponent("conformance/cases/12-csv-keys-and-figures/deals.csv").path
        try #require(FileManager.default.fileExists(atPath: path))
        let data = DataLoader.load(path: path, format: nil)
        #expect(data.deals.map(\.subject) == ["a", "b", "c"])
        let a = data.deals[0].record
        #expect(ValueRendering.render(a["deal value"] ?? .unknown) == "$100 billion")
        #expect(a.entry("deal value")?.provenance?.status == .reported)
        #expect(a.entry("chip roadmap") != nil)
        #expect(a.entry("capacity target") != nil)
        #expect(data.deals[2]["deal value"] == nil)
    }

    @Test func conformanceMoneyAndPowerFiles() throws {
        let money = DataLoader.load(path: DataFixtures.sharedRoot.appendingPathComponent("conformance/cases/04-money-and-provenance/deals.yaml").path, format: nil)
        #expect(money.deals.map { ValueRendering.render($0["deal value"] ?? .unknown) } == ["$100 billion", "$27 billion", "$60 billion", "unknown"])
        let power = DataLoader.load(path: DataFixtures.sharedRoot.appendingPathComponent("conformance/cases/03-power-units/deals.json").path, format: nil)
        #expect(power.deals.map { ValueRendering.render($0["capacity"] ?? .unknown) } == ["5 GW", "900 MW", "1000 MW", "5000 MW"])
    }
}
