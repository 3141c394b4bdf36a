import DealRulesModel

/// A deal decoded once into plain fields for the hand-written baseline:
/// integers in base units, day ranges for dates, small codes for symbols.
/// Nil means unknown. Decoding is not timed; only the rules are.
public struct BaselineDeal: Sendable {
    public struct Days: Sendable {
        var first: Int
        var last: Int
    }

    public enum Status: UInt8, Sendable { case none, confirmed, reported, estimated }

    var kind: String?
    var announced: Days?
    /// Watts.
    var capacity: Int64?
    var capacityTarget: Days?
    /// US dollars.
    var dealValue: Int64?
    var dealValueStatus: Status = .none
    /// Folded source of the deal value.
    var dealValueSource: String?
    /// Months (the months/years family); nil also when given in days.
    var termMonths: Int64?
    var termKnown = false
    var termStatus: Status = .none
    /// Folded chip names.
    var chips: [String]?
    var roles: [String]?
    var chipRoadmap: String?
    var exclusivity: String?
    var powerSource: String?
    var regulatoryStatus: String?

    /// Reads the fields the baseline rules use from a loaded deal.
    public init(_ deal: Deal) {
        let record = deal.record
        func entry(_ key: String) -> RecordEntry? { record.entry(key) }
        kind = BaselineDeal.symbol(entry("kind")?.value)
        announced = BaselineDeal.days(entry("announced")?.value)
        capacity = BaselineDeal.amount(entry("capacity")?.value, isPower: true)
        capacityTarget = BaselineDeal.days(entry("capacity target")?.value)
        if let value = entry("deal value") {
            dealValue = BaselineDeal.amount(value.value, isPower: false)
            dealValueStatus = BaselineDeal.status(value.provenance)
            if !value.value.isUnknown, let source = value.provenance?.source {
                dealValueSource = NameFolding.foldSymbol(source)
            }
        }
        if let term = entry("term"), case .quantity(let quantity) = term.value {
            termKnown = true
            termStatus = BaselineDeal.status(term.provenance)
            if quantity.unit.simpleDimension == .months { termMonths = quantity.amount.intValue.map(Int64.init) }
        }
        if case .list(let items)? = entry("chips")?.value {
            chips = items.compactMap { BaselineDeal.symbol($0) }
        }
        if case .list(let items)? = entry("parties")?.value {
            roles = items.compactMap { item in
                if case .record(let party) = item { return BaselineDeal.symbol(party["role"]) }
                return nil
            }
        }
        chipRoadmap = BaselineDeal.symbol(entry("chip roadmap")?.value)
        exclusivity = BaselineDeal.symbol(entry("exclusivity")?.value)
        powerSource = BaselineDeal.symbol(entry("power source")?.value)
        regulatoryStatus = BaselineDeal.symbol(entry("regulatory status")?.value)
    }

    static func symbol(_ value: Value?) -> String? {
        switch value {
        case .text(let text)?, .symbol(let text)?: return NameFolding.foldSymbol(text)
        default: return nil
        }
    }

    static func days(_ value: Value?) -> Days? {
        switch value {
        case .date(let date)?:
            return Days(first: date.firstDay, last: date.lastDay)
        case .number(let number, false)?:
            guard let year = number.intValue, (1000...9999).contains(year), let date = DateValue(year: year) else { return nil }
            return Days(first: date.firstDay, last: date.lastDay)
        default:
            return nil
        }
    }

    static func amount(_ value: Value?, isPower: Bool) -> Int64? {
        guard case .quantity(let quantity)? = value, let dimension = quantity.unit.simpleDimension else { return nil }
        switch dimension {
        case .power where isPower: break
        case .currency("USD") where !isPower: break
        default: return nil
        }
        return quantity.amount.intValue.map(Int64.init)
    }

    static func status(_ provenance: Provenance?) -> Status {
        switch provenance?.status {
        case .confirmed?: return .confirmed
        case .reported?: return .reported
        case .estimated?: return .estimated
        case nil: return .none
        }
    }
}
