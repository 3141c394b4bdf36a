import Foundation

/// Seeded deal data for the nothing-lost tests: a few hundred deals in the
/// shape of data/deals.yaml, some without an id or a name, some sharing an
/// id, with malformed records mixed in. `expected` is what a loader must
/// keep, in order, with each kept deal's subject.
struct GeneratedDeals {
    struct Record {
        /// Subject the deal must get; nil for a malformed record.
        var subject: String?
        var fields: [(String, String)]
    }

    private var state: UInt64
    var records: [Record] = []

    init(seed: UInt64, count: Int, malformedEvery: Int = 17) {
        state = seed
        var usedIDs: [String] = []
        for position in 1...count {
            if position % malformedEvery == 0 {
                records.append(Record(subject: nil, fields: []))
                continue
            }
            var fields: [(String, String)] = []
            var subject = "#\(position)"
            let idChoice = next(10)
            if idChoice < 7 {
                let id = "deal-\(position)"
                fields.append(("id", id))
                usedIDs.append(id)
                subject = id
            } else if idChoice == 7, let earlier = usedIDs.last {
                fields.append(("id", earlier)) // a duplicate id: both deals are kept
                subject = earlier
            } else if idChoice == 8 {
                fields.append(("name", "Named deal \(position)"))
                subject = "Named deal \(position)"
            }
            if next(4) > 0 { fields.append(("capacity", "\(next(12) + 1) \(next(2) == 0 ? "GW" : "MW")")) }
            if next(4) > 0 { fields.append(("capacity_target", next(2) == 0 ? "\(2025 + next(6))" : "\(2025 + next(6))-0\(next(9) + 1)")) }
            if next(4) > 0 { fields.append(("deal_value", "$\(next(150) + 1) billion")) }
            if next(3) > 0 { fields.append(("chip_roadmap", ["validated", "unvalidated", "mixed", "none"][next(4)])) }
            if next(3) > 0 { fields.append(("term", "\(next(20) + 1) years")) }
            if next(3) > 0 { fields.append(("exclusivity", ["exclusive", "preferred", "non-exclusive"][next(3)])) }
            if next(3) > 0 { fields.append(("power_source", ["gas", "nuclear", "solar", "coal"][next(4)])) }
            if next(3) > 0 { fields.append(("regulatory_status", ["approved", "pending", "none"][next(3)])) }
            if next(2) > 0 { fields.append(("hyperscaler", ["AWS", "Azure", "Google", "Oracle"][next(4)])) }
            records.append(Record(subject: subject, fields: fields))
        }
    }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    /// Subjects of the deals a loader must keep, in data order.
    var subjects: [String] { records.compactMap(\.subject) }

    /// 1-based positions of the malformed records.
    var malformedPositions: [Int] { records.enumerated().filter { $0.element.subject == nil }.map { $0.offset + 1 } }

    private static func json(_ record: Record) -> String {
        var entries = record.fields.filter { $0.0 != "hyperscaler" }.map { "\"\($0.0)\": \"\($0.1)\"" }
        if let hyperscaler = record.fields.first(where: { $0.0 == "hyperscaler" }) {
            entries.append("\"parties\": [{\"name\": \"\(hyperscaler.1)\", \"role\": \"hyperscaler\"}, {\"name\": \"Lab\", \"role\": \"lab\"}]")
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }

    /// One deal a line; a malformed record is a line that is not JSON.
    var ndjson: String {
        records.map { $0.subject == nil ? "{\"id\": broken" : Self.json($0) }.joined(separator: "\n") + "\n"
    }

    /// A JSON list; a malformed record is an item that is not an object.
    var json: String {
        "[\n" + records.map { $0.subject == nil ? "[\"not\", \"a\", \"deal\"]" : Self.json($0) }.joined(separator: ",\n") + "\n]\n"
    }

    /// CSV with every column; a malformed record is a row with too many cells.
    var csv: String {
        let columns = ["id", "name", "capacity", "capacity_target", "deal_value", "chip_roadmap", "term",
                       "exclusivity", "power_source", "regulatory_status"]
        var lines = [columns.joined(separator: ",")]
        for record in records {
            if record.subject == nil {
                lines.append(Array(repeating: "x", count: columns.count + 2).joined(separator: ","))
                continue
            }
            let values = Dictionary(record.fields, uniquingKeysWith: { first, _ in first })
            lines.append(columns.map { values[$0] ?? "" }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
