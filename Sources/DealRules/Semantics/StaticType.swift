import DealRulesModel
import DealRulesSyntax

/// What the checker knows of a value's type before any data is read: from
/// literals, the schema, and definitions built from them.
indirect enum StaticType: CustomStringConvertible {
    case anything
    case boolean
    case number
    case money
    case quantity(UnitSignature)
    case duration
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
        case .money: self = .money
        case .power: self = .quantity(UnitSignature(.power))
        case .energy: self = .quantity(UnitSignature(.energy))
        case .duration: self = .duration
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
                self = .money
            } else if let dimension = quantity.unit.simpleDimension, dimension == .months || dimension == .days {
                self = .duration
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
        case .money: return "money"
        case .quantity(let unit): return unit.description
        case .duration: return "duration"
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
        case (.number, .number), (.money, .money), (.duration, .duration), (.date, .date), (.boolean, .boolean),
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
