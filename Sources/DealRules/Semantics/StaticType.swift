import DealRulesModel
import DealRulesSyntax

/// What the checker knows of a value's type before any data is read: from
/// literals, the schema, and definitions built from them.
indirect enum StaticType: CustomStringConvertible {
    case anything
    case boolean
    case number
    /// Money; the currency when a literal shows it (a schema `money` field does not).
    case money(currency: String?)
    case quantity(UnitSignature)
    /// A duration; its family (months/years or days/weeks) when a literal shows it.
    case duration(family: BaseDimension?)
    case date
    case text
    /// A `one of …` field: its allowed symbols as declared.
    case choice([String])
    /// A bare-word symbol written in the rule.
    case symbol(String)
    case list(StaticType)
    case record

    init(_ type: SchemaType) {
        switch type {
        case .boolean: self = .boolean
        case .number: self = .number
        case .money: self = .money(currency: nil)
        case .power: self = .quantity(UnitSignature(.power))
        case .energy: self = .quantity(UnitSignature(.energy))
        case .duration: self = .duration(family: nil)
        case .date: self = .date
        case .text: self = .text
        case .oneOf(let names): self = .choice(names.map(\.text))
        case .listOf(let element): self = .list(StaticType(element))
        case .record: self = .record
        }
    }

    init(literal value: Value) {
        switch value {
        case .boolean: self = .boolean
        case .number: self = .number
        case .quantity(let quantity):
            if quantity.isMoney {
                self = .money(currency: quantity.unit.currency)
            } else if let dimension = quantity.unit.simpleDimension, dimension == .months || dimension == .days {
                self = .duration(family: dimension)
            } else {
                self = .quantity(quantity.unit)
            }
        case .date: self = .date
        case .text: self = .text
        case .symbol(let text): self = .symbol(text)
        case .list: self = .list(.anything)
        case .record: self = .record
        case .unknown, .range: self = .anything
        }
    }

    var description: String {
        switch self {
        case .anything: return "any value"
        case .boolean: return "boolean"
        case .number: return "number"
        case .money(let currency): return currency.map { "money (\($0))" } ?? "money"
        case .quantity(let unit): return unit.description
        case .duration(let family): return family.map(\.description) ?? "duration"
        case .date: return "date"
        case .text: return "text"
        case .choice(let names): return "one of " + names.joined(separator: ", ")
        case .symbol(let text): return "the symbol `\(text)`"
        case .list(let element): return "list of \(element)"
        case .record: return "record"
        }
    }

    var isKnown: Bool {
        if case .anything = self { return false }
        return true
    }

    /// Can two values of these types be compared? Nil means yes; otherwise
    /// why not.
    static func comparisonProblem(_ lhs: StaticType, _ rhs: StaticType) -> String? {
        switch (lhs, rhs) {
        case (.anything, _), (_, .anything): return nil
        case (.money(let a), .money(let b)):
            // No implicit FX (LANGUAGE.md §5): each currency is its own dimension.
            if let a, let b, a != b { return "\(lhs) cannot be compared with \(rhs); there is no currency conversion" }
            return nil
        case (.duration(let a), .duration(let b)):
            if let a, let b, a != b { return "months/years cannot be compared with days/weeks" }
            return nil
        case (.money(let currency), .quantity(let unit)), (.quantity(let unit), .money(let currency)):
            return unit.simpleDimension.map({ if case .currency(let code) = $0 { return currency == nil || currency == code } else { return false } }) == true
                ? nil : "\(lhs) cannot be compared with \(rhs)"
        case (.duration(let family), .quantity(let unit)), (.quantity(let unit), .duration(let family)):
            return unit.simpleDimension.map({ ($0 == .months || $0 == .days) && (family == nil || family == $0) }) == true
                ? nil : "\(lhs) cannot be compared with \(rhs)"
        case (.number, .number), (.date, .date), (.boolean, .boolean),
             (.record, .record), (.list, .list):
            return nil
        case (.date, .number), (.number, .date):
            return nil // a whole number 1000–9999 is a year
        case (.quantity(let a), .quantity(let b)):
            return a == b ? nil : "\(a) cannot be compared with \(b)"
        case (.text, .text), (.text, .symbol), (.symbol, .text), (.symbol, .symbol), (.choice, .text), (.text, .choice):
            return nil
        case (.choice(let names), .symbol(let symbol)), (.symbol(let symbol), .choice(let names)):
            let folded = NameFolding.foldSymbol(symbol)
            if names.contains(where: { NameFolding.foldSymbol($0) == folded }) { return nil }
            return "`\(symbol)` is not one of \(names.joined(separator: ", "))"
        case (.choice, .choice):
            return nil
        default:
            return "\(lhs) cannot be compared with \(rhs)"
        }
    }
}
