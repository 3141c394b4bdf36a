/// A number with a dimension: power, energy, a duration, money, or a
/// product/quotient of those. `amount` is in base units (see `BaseDimension`);
/// the unit words remember how the figure was written so it renders the same
/// way (`835 MW` stays `835 MW`).
public struct Quantity: Hashable, Sendable {
    public var amount: DecimalNumber
    public var unit: UnitSignature
    /// Display unit of the numerator (`GW`, `years`); nil for money, which
    /// renders with a scale word, and for derived units.
    public var displayWord: UnitWord?
    /// Display unit after `per` (`$20 billion per GW`).
    public var perWord: UnitWord?

    public init(amount: DecimalNumber, unit: UnitSignature, displayWord: UnitWord? = nil, perWord: UnitWord? = nil) {
        self.amount = amount
        self.unit = unit
        self.displayWord = displayWord
        self.perWord = perWord
    }

    /// `5 GW` → amount 5×10^9 W, shown in GW. Nil on overflow.
    public static func of(_ number: DecimalNumber, _ word: UnitWord) -> Quantity? {
        guard let amount = number.multiplied(by: word.factor) else { return nil }
        return Quantity(amount: amount, unit: UnitSignature(word.dimension), displayWord: word)
    }

    /// `$27 billion` → 27×10^9 USD.
    public static func money(_ number: DecimalNumber, scale: DecimalNumber = .one, currency: String) -> Quantity? {
        guard let amount = number.multiplied(by: scale) else { return nil }
        return Quantity(amount: amount, unit: UnitSignature(.currency(currency)))
    }

    /// This quantity divided by one unit word (`… per GW`). Nil on overflow.
    public func per(_ word: UnitWord) -> Quantity? {
        guard let amount = amount.divided(by: word.factor) else { return nil }
        return Quantity(amount: amount, unit: unit.divided(by: UnitSignature(word.dimension)), displayWord: displayWord, perWord: word)
    }

    public var isMoney: Bool { unit.simpleDimension.map { if case .currency = $0 { return true } else { return false } } ?? false }
}

/// Provenance status of a figure (LANGUAGE.md §5, §9), weakest last.
public enum ProvenanceStatus: String, Sendable, Hashable, CaseIterable, Comparable {
    case confirmed, reported, estimated

    private var weakness: Int {
        switch self {
        case .confirmed: return 0
        case .reported: return 1
        case .estimated: return 2
        }
    }

    /// `confirmed < reported < estimated`: the larger is the weaker basis.
    public static func < (lhs: ProvenanceStatus, rhs: ProvenanceStatus) -> Bool { lhs.weakness < rhs.weakness }
}

/// Where a figure comes from and how firm it is.
public struct Provenance: Hashable, Sendable {
    public var status: ProvenanceStatus?
    public var source: String?
    public var asOf: String?

    public init(status: ProvenanceStatus? = nil, source: String? = nil, asOf: String? = nil) {
        self.status = status
        self.source = source
        self.asOf = asOf
    }
}
