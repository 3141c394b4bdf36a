import DealRulesData
import DealRulesModel
import Testing

/// Reading large JSON and NDJSON in two halves must give exactly what
/// reading in order gives.
@Suite("Parallel reading")
struct ParallelReadTests {
    static let inOrder = DataLimits(parallelReadThreshold: Int.max)
    static let inHalves = DataLimits(parallelReadThreshold: 2)

    /// Deals rendered with everything a report could show of them.
    static func summary(_ data: LoadedData) -> [String] {
        data.deals.map { deal in
            let entries = deal.record.entries.map { entry in
                "\(entry.key)=\(ValueRendering.render(entry.value, provenance: entry.provenance))@\(entry.location.map(\.description) ?? "-")"
            }
            return "\(deal.position) \(deal.subject) \(deal.location.map(\.description) ?? "-") " + entries.joined(separator: " ")
        } + data.diagnostics.map { "\($0) | \($0.sourceLine ?? "")" }
    }

    static func deals(count: Int, tricky: Set<Int> = []) -> [String] {
        (0..<count).map { index in
            if tricky.contains(index) { return "{\"id\": \"t\(index)\", \"note\": \"looks like }, { a boundary\"}" }
            switch index % 7 {
            case 0: return "{\"id\": \"d\(index)\", \"value\": {\"value\": \(index), \"unit\": \"USD million\", \"status\": \"reported\"}}"
            case 1: return "{\"name\": \"Ünïcode déal \(index)\", \"capacity\": \"\(index) MW\"}"
            case 2: return "{\"id\": \"d\(index)\", \"chip_roadmap\": \"x\", \"chipRoadmap\": \"y\"}"
            case 3: return "\(index)"
            case 4: return "{}"
            case 5: return "{\"id\": \"dup\", \"big\": 1e999}"
            default: return "{\"id\": \"d\(index)\", \"parties\": [{\"name\": \"A\"}, {\"name\": \"B\"}], \"announced\": \"2025-0\(1 + index % 9)\"}"
            }
        }
    }

    @Test(arguments: [Set<Int>(), Set(95...105)])
    func jsonHalvesMatchReadingInOrder(tricky: Set<Int>) {
        let text = "[\n" + ParallelReadTests.deals(count: 200, tricky: tricky).joined(separator: ",\n") + "\n]\n"
        let ordered = DataFixtures.load(text, .json, limits: ParallelReadTests.inOrder)
        let halves = DataFixtures.load(text, .json, limits: ParallelReadTests.inHalves)
        #expect(ordered.deals.count > 100)
        #expect(ParallelReadTests.summary(halves) == ParallelReadTests.summary(ordered))
    }

    @Test func jsonErrorsInEitherHalfMatch() {
        let deals = ParallelReadTests.deals(count: 200)
        for broken in [20, 180] {
            var copy = deals
            copy[broken] = "{\"id\": oops}"
            let text = "[" + copy.joined(separator: ", ") + "] "
            let ordered = DataFixtures.load(text, .json, limits: ParallelReadTests.inOrder)
            let halves = DataFixtures.load(text, .json, limits: ParallelReadTests.inHalves)
            #expect(ParallelReadTests.summary(halves) == ParallelReadTests.summary(ordered), "broken deal \(broken)")
            #expect(ordered.diagnostics.contains { $0.code == "E410" })
        }
        let trailing = "[" + deals.joined(separator: ", ") + "] extra"
        #expect(ParallelReadTests.summary(DataFixtures.load(trailing, .json, limits: ParallelReadTests.inHalves))
            == ParallelReadTests.summary(DataFixtures.load(trailing, .json, limits: ParallelReadTests.inOrder)))
    }

    /// A byte-order mark is not a column: an error on the first line is
    /// placed alike by both reads.
    @Test func aByteOrderMarkIsNotAColumnInEitherRead() {
        let text = "\u{FEFF}[{\"id\": 1x},\n" + ParallelReadTests.deals(count: 200).joined(separator: ",\n") + "\n]\n"
        let ordered = DataFixtures.load(text, .json, limits: ParallelReadTests.inOrder)
        #expect(ordered.diagnostics.first?.location?.column == 10)
        #expect(ParallelReadTests.summary(DataFixtures.load(text, .json, limits: ParallelReadTests.inHalves))
            == ParallelReadTests.summary(ordered))
    }

    @Test(arguments: [50, 120, 171, 172, 400])
    func dealLimitMatches(maxDeals: Int) {
        let text = "[" + ParallelReadTests.deals(count: 200).joined(separator: ",\n") + "]"
        var ordered = ParallelReadTests.inOrder
        var halves = ParallelReadTests.inHalves
        ordered.maxDeals = maxDeals
        halves.maxDeals = maxDeals
        let a = DataFixtures.load(text, .json, limits: ordered)
        let b = DataFixtures.load(text, .json, limits: halves)
        #expect(ParallelReadTests.summary(b) == ParallelReadTests.summary(a))
        let lines = ParallelReadTests.deals(count: 200).joined(separator: "\n")
        #expect(ParallelReadTests.summary(DataFixtures.load(lines, .ndjson, limits: halves))
            == ParallelReadTests.summary(DataFixtures.load(lines, .ndjson, limits: ordered)))
    }

    @Test func ndjsonHalvesMatchReadingInOrder() {
        var lines = ParallelReadTests.deals(count: 200)
        lines[150] = "{\"id\": broken"
        lines[30] = ""
        let text = lines.joined(separator: "\r\n")
        let ordered = DataFixtures.load(text, .ndjson, limits: ParallelReadTests.inOrder)
        let halves = DataFixtures.load(text, .ndjson, limits: ParallelReadTests.inHalves)
        #expect(ordered.deals.count > 100)
        #expect(ParallelReadTests.summary(halves) == ParallelReadTests.summary(ordered))
    }
}
