import DealRulesModel
import Foundation

/// Seeded random deals for differential tests of the evaluator: every
/// field the starter and benchmark rules read, filled with values of the
/// expected type, of wrong types, unknown, or left out; figures with and
/// without provenance; dates of every precision.
struct RandomDeals {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    static let words = [
        "compute", "power", "chips", "datacenter", "mixed", "validated", "unvalidated", "none", "exclusive", "preferred",
        "non-exclusive", "Non_Exclusive", "gas", "coal", "oil", "nuclear", "Natural  Gas", "pending", "approved", "Pending",
        "Trainium3", "trainium-3", "press reports", "Press Release", "hyperscaler", "utility", "lab", "AWS", "aws", "Azure",
        "café", "CAFÉ", "Ünicode", "",
    ]

    static let keys = [
        "id", "kind", "chip roadmap", "capacity", "capacity target", "deal value", "term", "exclusivity", "power source",
        "regulatory status", "chips", "parties", "announced", "hyperscaler", "name", "location", "notes",
    ]

    mutating func deals(_ count: Int) -> [Deal] {
        (0..<count).map { position in
            var entries: [RecordEntry] = []
            for key in RandomDeals.keys where below(10) < 8 {
                let (value, provenance) = field(key, position: position)
                entries.append(RecordEntry(key: key, originalKey: key, value: value, provenance: provenance))
            }
            return Deal(record: Record(entries: entries), position: position + 1)
        }
    }

    mutating func field(_ key: String, position: Int) -> (Value, Provenance?) {
        if key == "id" { return (.text("deal-\(position)"), nil) }
        let provenance: Provenance? = below(3) == 0
            ? Provenance(status: pick([nil, .confirmed, .reported, .estimated]), source: below(2) == 0 ? pick(["press reports", "filing", "Press"]) : nil)
            : nil
        switch below(12) {
        case 0: return (.unknown, provenance)
        case 1: return (anyValue(), provenance)
        default: break
        }
        switch key {
        case "capacity": return (quantity(pick(["GW", "MW"]), pick([1, 2, 5, 10, 500, 900, 2000])), provenance)
        case "deal value": return (money(pick([1, 20, 50, 100, 650])), provenance)
        case "term": return (quantity(pick(["years", "months", "days"]), pick([1, 10, 20, 120])), provenance)
        case "capacity target", "announced": return (date(), provenance)
        case "chips":
            // Now and then an unknown chip: `contains` is then unknown unless
            // another item matches. One draw an item, as for the names alone.
            return (.list((0..<below(4)).map { _ in
                let chip = pick(["Trainium2", "Trainium3", "H100", "MI450", "", "Trainium2", "H100", "MI450"])
                return chip.isEmpty ? .unknown : .text(chip)
            }), provenance)
        case "parties": return (.list((0..<below(4)).map { _ in party() }), nil)
        default: return (.text(pick(RandomDeals.words)), provenance)
        }
    }

    mutating func party() -> Value {
        var entries = [RecordEntry(key: "name", originalKey: "name", value: .text(pick(["AWS", "Azure", "Google", "Entergy", "Anthropic"])))]
        if below(6) > 0 {
            entries.append(RecordEntry(key: "role", originalKey: "role", value: .text(pick(["hyperscaler", "lab", "utility", "Hyperscaler"]))))
        }
        return .record(Record(entries: entries))
    }

    mutating func anyValue() -> Value {
        switch below(7) {
        case 0: return .boolean(below(2) == 0)
        case 1: return .integer(pick([0, 3, 2028, 12]))
        case 2: return .text(pick(RandomDeals.words))
        case 3: return date()
        case 4: return quantity(pick(["GW", "TWh", "years"]), 3)
        case 5: return .list([.text("a"), .integer(2)])
        default: return money(5)
        }
    }

    mutating func quantity(_ unit: String, _ amount: Int) -> Value {
        guard let word = UnitCatalog.unit(named: unit), let quantity = Quantity.of(DecimalNumber(amount), word) else { return .unknown }
        return .quantity(quantity)
    }

    mutating func money(_ billions: Int) -> Value {
        guard let quantity = Quantity.money(DecimalNumber(billions), scale: DecimalNumber(significand: 1, exponent: 9), currency: "USD") else {
            return .unknown
        }
        return .quantity(quantity)
    }

    mutating func date() -> Value {
        let year = 2024 + below(8)
        let shape = below(3)
        let made = shape == 0 ? DateValue(year: year) : shape == 1 ? DateValue(year: year, month: 1 + below(12)) : DateValue(year: year, month: 1 + below(12), day: 1 + below(28))
        return made.map(Value.date) ?? .unknown
    }
}
