import DealRulesData
import DealRulesModel
import Testing

/// Every data diagnostic as a user sees it — code, location, message and the
/// quoted line — pinned in `Golden/data/diagnostics.txt`.
@Suite("Data diagnostics golden")
struct DataDiagnosticGoldenTests {
    static let cases: [(name: String, format: DataFormat, text: String)] = [
        ("json-trailing-comma", .json, "[\n  {\"id\": \"a\",}\n]\n"),
        ("json-single-quotes", .json, "[{\"id\": 'a'}]"),
        ("json-unclosed", .json, "[{\"id\": \"a\"},\n {\"id\": \"b\"\n"),
        ("json-not-a-deal", .json, "[{\"id\": \"a\"}, 42, [\"x\"]]"),
        ("json-shape", .json, "{\"items\": []}"),
        ("json-huge-number", .json, "[{\"v\": 1e400}]"),
        ("ndjson-bad-lines", .ndjson, "{\"id\": \"a\"}\n{\"id\": }\n{\"id\": \"c\"} trailing\n"),
        ("yaml-unclosed-flow", .yaml, "deals:\n  - id: a\n    chips: [Trainium2, Trainium3\n  - id: b\n"),
        ("yaml-bad-indent", .yaml, "- id: a\n  name: x\n name: y\n"),
        ("yaml-complex-key", .yaml, "- ? [a, b]\n  : c\n"),
        ("csv-ragged", .csv, "id,capacity\na,5 GW\nb\nc,1 GW,extra\n"),
        ("csv-quotes", .csv, "id,note\na,\"fine\"\nb,\"bad\"quote\nc,\"never closed\n"),
        ("csv-header", .csv, "id,,deal_value,deal_value.unit,Id\n1,2,3,4,5\n"),
        ("figure-unit-and-status", .yaml, "- id: a\n  deal_value: {value: 100, unit: USD gazillion, status: rumoured}\n  capacity: {value: soon, unit: GW}\n"),
        ("key-collision", .yaml, "- id: a\n  capacity_target: 2028\n  capacityTarget: 2030\n"),
        ("duplicate-subject", .json, "[{\"id\": \"a\"},\n {\"id\": \"a\"}]"),
        ("too-deep", .json, "[" + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "]"),
    ]

    @Test func diagnosticsReadWell() throws {
        var output = ""
        for (name, format, text) in DataDiagnosticGoldenTests.cases {
            output += "== \(name) (\(format.rawValue))\n"
            let data = DataFixtures.load(text, format, path: "\(name).\(format.rawValue)")
            for diagnostic in data.diagnostics {
                output += "\(diagnostic)\n"
                if let line = diagnostic.sourceLine { output += "  | \(line)\n" }
                for note in diagnostic.notes { output += "  note: \(note)\n" }
                for help in diagnostic.help { output += "  help: \(help)\n" }
            }
            output += "deals: \(data.deals.map(\.subject).joined(separator: ", "))\n\n"
        }
        try Golden.expect(output, area: "data", name: "diagnostics.txt")
    }
}
