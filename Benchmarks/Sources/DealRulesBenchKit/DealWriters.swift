import Foundation

/// Serialises synthetic deals in every format `--data` reads. The field
/// names use the spellings real data uses (`capacity_target`, `deal_value`),
/// which rules reach through key folding.
public enum DealWriters {
    public enum Format: String, CaseIterable, Sendable {
        case json, ndjson, yaml, csv
    }

    public static func write(_ deals: [SyntheticDeal], as format: Format) -> [UInt8] {
        var out = ByteWriter()
        switch format {
        case .json:
            out.append("[\n")
            for (index, deal) in deals.enumerated() {
                jsonObject(deal, into: &out)
                out.append(index + 1 < deals.count ? ",\n" : "\n")
            }
            out.append("]\n")
        case .ndjson:
            for deal in deals {
                jsonObject(deal, into: &out)
                out.append("\n")
            }
        case .yaml:
            out.append("deals:\n")
            for deal in deals { yamlDeal(deal, into: &out) }
        case .csv:
            csv(deals, into: &out)
        }
        return out.bytes
    }

    // MARK: JSON

    /// The fields of a deal in writing order, as (key, JSON text) pairs.
    static func jsonFields(_ deal: SyntheticDeal) -> [(String, String)] {
        var fields: [(String, String)] = [("id", quoted(deal.id))]
        if let name = deal.name { fields.append(("name", quoted(name))) }
        if let kind = deal.kind { fields.append(("kind", quoted(kind))) }
        if let announced = deal.announced { fields.append(("announced", quoted(announced))) }
        if let parties = deal.parties {
            let items = parties.map { "{\"name\": \(quoted($0.name)), \"role\": \(quoted($0.role))}" }
            fields.append(("parties", "[" + items.joined(separator: ", ") + "]"))
        }
        if let hyperscaler = deal.hyperscaler { fields.append(("hyperscaler", quoted(hyperscaler))) }
        if let capacity = deal.capacity { fields.append(("capacity", jsonFigure(capacity))) }
        if let target = deal.capacityTarget { fields.append(("capacity_target", quoted(target))) }
        if let value = deal.dealValue { fields.append(("deal_value", jsonFigure(value))) }
        if let term = deal.term { fields.append(("term", jsonFigure(term))) }
        if let chips = deal.chips { fields.append(("chips", "[" + chips.map(quoted).joined(separator: ", ") + "]")) }
        if let roadmap = deal.chipRoadmap { fields.append(("chip_roadmap", quoted(roadmap))) }
        if let exclusivity = deal.exclusivity { fields.append(("exclusivity", quoted(exclusivity))) }
        if let power = deal.powerSource { fields.append(("power_source", quoted(power))) }
        if let regulatory = deal.regulatoryStatus { fields.append(("regulatory_status", quoted(regulatory))) }
        if let location = deal.location { fields.append(("location", quoted(location))) }
        return fields
    }

    static func jsonObject(_ deal: SyntheticDeal, into out: inout ByteWriter) {
        out.append("{")
        for (index, (key, value)) in jsonFields(deal).enumerated() {
            if index > 0 { out.append(", ") }
            out.append("\"")
            out.append(key)
            out.append("\": ")
            out.append(value)
        }
        out.append("}")
    }

    static func jsonFigure(_ figure: SyntheticFigure) -> String {
        guard figure.isObject else { return quoted(figure.literal) }
        var parts = ["\"value\": \(figure.amount)", "\"unit\": \(quoted(figure.unit))"]
        if let status = figure.status { parts.append("\"status\": \(quoted(status))") }
        if let source = figure.source { parts.append("\"source\": \(quoted(source))") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: YAML

    static func yamlDeal(_ deal: SyntheticDeal, into out: inout ByteWriter) {
        out.append("  - id: \(deal.id)\n")
        if let name = deal.name { out.append("    name: \(quoted(name))\n") }
        if let kind = deal.kind { out.append("    kind: \(kind)\n") }
        if let announced = deal.announced { out.append("    announced: \(announced)\n") }
        if let parties = deal.parties {
            out.append("    parties:\n")
            for party in parties { out.append("      - {name: \(quoted(party.name)), role: \(party.role)}\n") }
        }
        if let hyperscaler = deal.hyperscaler { out.append("    hyperscaler: \(quoted(hyperscaler))\n") }
        if let capacity = deal.capacity { out.append("    capacity: \(yamlFigure(capacity))\n") }
        if let target = deal.capacityTarget { out.append("    capacity_target: \(target)\n") }
        if let value = deal.dealValue { out.append("    deal_value: \(yamlFigure(value))\n") }
        if let term = deal.term { out.append("    term: \(yamlFigure(term))\n") }
        if let chips = deal.chips { out.append("    chips: [\(chips.joined(separator: ", "))]\n") }
        if let roadmap = deal.chipRoadmap { out.append("    chip_roadmap: \(roadmap)\n") }
        if let exclusivity = deal.exclusivity { out.append("    exclusivity: \(exclusivity)\n") }
        if let power = deal.powerSource { out.append("    power_source: \(power)\n") }
        if let regulatory = deal.regulatoryStatus { out.append("    regulatory_status: \(regulatory)\n") }
        if let location = deal.location { out.append("    location: \(quoted(location))\n") }
    }

    static func yamlFigure(_ figure: SyntheticFigure) -> String {
        guard figure.isObject else { return quoted(figure.literal) }
        var parts = ["value: \(figure.amount)", "unit: \(figure.unit)"]
        if let status = figure.status { parts.append("status: \(status)") }
        if let source = figure.source { parts.append("source: \(quoted(source))") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    // MARK: CSV

    /// CSV cannot hold lists, so `parties` and `chips` are left out; figures
    /// are `capacity.value`, `capacity.unit`, ... columns.
    static let csvHeader = [
        "id", "name", "kind", "announced", "hyperscaler",
        "capacity.value", "capacity.unit", "capacity.status", "capacity.source", "capacity_target",
        "deal_value.value", "deal_value.unit", "deal_value.status", "deal_value.source",
        "term.value", "term.unit", "term.status", "term.source",
        "chip_roadmap", "exclusivity", "power_source", "regulatory_status", "location",
    ]

    static func csv(_ deals: [SyntheticDeal], into out: inout ByteWriter) {
        out.append(csvHeader.joined(separator: ","))
        out.append("\n")
        for deal in deals {
            var cells = [deal.id, deal.name ?? "", deal.kind ?? "", deal.announced ?? "", deal.hyperscaler ?? ""]
            cells += csvFigure(deal.capacity)
            cells.append(deal.capacityTarget ?? "")
            cells += csvFigure(deal.dealValue)
            cells += csvFigure(deal.term)
            cells += [deal.chipRoadmap ?? "", deal.exclusivity ?? "", deal.powerSource ?? "", deal.regulatoryStatus ?? "", deal.location ?? ""]
            out.append(cells.map(csvCell).joined(separator: ","))
            out.append("\n")
        }
    }

    static func csvFigure(_ figure: SyntheticFigure?) -> [String] {
        guard let figure else { return ["", "", "", ""] }
        return [figure.amount, figure.unit, figure.status ?? "", figure.source ?? ""]
    }

    static func csvCell(_ text: String) -> String {
        guard text.contains(",") || text.contains("\"") else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Appends UTF-8 text to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}
