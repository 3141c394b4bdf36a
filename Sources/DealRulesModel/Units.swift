/// A base dimension that quantities are measured in. Amounts are stored in
/// the base unit of their dimension (watts, watt-hours, months, days, one
/// unit of a currency), so comparison and addition need no lookup.
public enum BaseDimension: Hashable, Sendable, Comparable, CustomStringConvertible {
    case power          // watt
    case energy         // watt-hour
    case months         // calendar durations: months and years
    case days           // exact durations: days and weeks
    case currency(String)

    public var description: String {
        switch self {
        case .power: return "power"
        case .energy: return "energy"
        case .months: return "duration (months/years)"
        case .days: return "duration (days/weeks)"
        case .currency(let code): return "money (\(code))"
        }
    }

    private var order: (Int, String) {
        switch self {
        case .currency(let code): return (0, code)
        case .power: return (1, "")
        case .energy: return (2, "")
        case .months: return (3, "")
        case .days: return (4, "")
        }
    }

    public static func < (lhs: BaseDimension, rhs: BaseDimension) -> Bool {
        lhs.order < rhs.order
    }
}

/// The dimension of a quantity as a product of base dimensions with integer
/// powers: money is `[USD: 1]`, money per power `[USD: 1, power: -1]`.
public struct UnitSignature: Hashable, Sendable, CustomStringConvertible {
    public struct Factor: Hashable, Sendable {
        public var dimension: BaseDimension
        public var power: Int
    }

    /// Sorted by dimension; no zero powers.
    public private(set) var factors: [Factor]

    /// One dimension to the first power. The common ones share their
    /// storage, so that a portfolio's figures hold one signature per unit
    /// and a rule pass can tell equal units by that storage alone.
    public init(_ dimension: BaseDimension) {
        switch dimension {
        case .power: self = UnitSignature.sharedPower
        case .energy: self = UnitSignature.sharedEnergy
        case .months: self = UnitSignature.sharedMonths
        case .days: self = UnitSignature.sharedDays
        case .currency("USD"): self = UnitSignature.sharedDollars
        case .currency: factors = [Factor(dimension: dimension, power: 1)]
        }
    }

    private static let sharedPower = UnitSignature(factors: [Factor(dimension: .power, power: 1)])
    private static let sharedEnergy = UnitSignature(factors: [Factor(dimension: .energy, power: 1)])
    private static let sharedMonths = UnitSignature(factors: [Factor(dimension: .months, power: 1)])
    private static let sharedDays = UnitSignature(factors: [Factor(dimension: .days, power: 1)])
    private static let sharedDollars = UnitSignature(factors: [Factor(dimension: .currency("USD"), power: 1)])

    public init(factors: [Factor]) {
        self.factors = factors.filter { $0.power != 0 }.sorted { $0.dimension < $1.dimension }
    }

    public static let dimensionless = UnitSignature(factors: [])

    public var isDimensionless: Bool { factors.isEmpty }

    /// The single base dimension, when the signature is one dimension to the first power.
    public var simpleDimension: BaseDimension? {
        factors.count == 1 && factors[0].power == 1 ? factors[0].dimension : nil
    }

    public var currency: String? {
        for factor in factors { if case .currency(let code) = factor.dimension { return code } }
        return nil
    }

    public func multiplied(by other: UnitSignature, sign: Int = 1) -> UnitSignature {
        var powers: [BaseDimension: Int] = [:]
        for factor in factors { powers[factor.dimension, default: 0] += factor.power }
        for factor in other.factors { powers[factor.dimension, default: 0] += sign * factor.power }
        return UnitSignature(factors: powers.map { Factor(dimension: $0.key, power: $0.value) })
    }

    public func divided(by other: UnitSignature) -> UnitSignature { multiplied(by: other, sign: -1) }

    /// How an analyst names the dimension in an error message.
    public var description: String {
        if factors.isEmpty { return "number" }
        if let simple = simpleDimension { return simple.description }
        let numerator = factors.filter { $0.power > 0 }.map { name($0) }
        let denominator = factors.filter { $0.power < 0 }.map { name(Factor(dimension: $0.dimension, power: -$0.power)) }
        let top = numerator.isEmpty ? "1" : numerator.joined(separator: " × ")
        return denominator.isEmpty ? top : top + " per " + denominator.joined(separator: " × ")
    }

    private func name(_ factor: Factor) -> String {
        let base: String
        switch factor.dimension {
        case .currency(let code): base = code
        case .power: base = "power"
        case .energy: base = "energy"
        case .months: base = "months"
        case .days: base = "days"
        }
        return factor.power == 1 ? base : "\(base)^\(factor.power)"
    }
}

/// A unit word as written (`GW`, `years`, `MWh`) with its size in base units.
public struct UnitWord: Hashable, Sendable {
    public var name: String
    public var dimension: BaseDimension
    public var factor: DecimalNumber

    public init(name: String, dimension: BaseDimension, factor: DecimalNumber) {
        self.name = name
        self.dimension = dimension
        self.factor = factor
    }
}

/// The vocabulary of units, money scales and currency codes (LANGUAGE.md §3).
public enum UnitCatalog {
    /// Unit words, looked up case-insensitively.
    public static func unit(named word: String) -> UnitWord? {
        units[word.lowercased()]
    }

    /// `thousand`/`K`, `million`/`M`/`mn`, `billion`/`B`/`bn`, `trillion`/`T`.
    public static func scale(named word: String) -> DecimalNumber? {
        scales[word.lowercased()]
    }

    /// ISO 4217 codes accepted in money literals, written in capitals.
    public static func isCurrencyCode(_ word: String) -> Bool {
        currencies.contains(word)
    }

    /// The scale word used when rendering money.
    public static let scaleNames: [(name: String, factor: DecimalNumber)] = [
        ("trillion", DecimalNumber(significand: 1, exponent: 12)),
        ("billion", DecimalNumber(significand: 1, exponent: 9)),
        ("million", DecimalNumber(significand: 1, exponent: 6)),
        ("thousand", DecimalNumber(significand: 1, exponent: 3)),
    ]

    private static let units: [String: UnitWord] = {
        var table: [String: UnitWord] = [:]
        func add(_ names: [String], _ dimension: BaseDimension, _ exponent: Int32, _ significand: Int64 = 1) {
            for name in names {
                table[name.lowercased()] = UnitWord(name: name, dimension: dimension, factor: DecimalNumber(significand: significand, exponent: exponent))
            }
        }
        add(["W"], .power, 0)
        add(["kW"], .power, 3)
        add(["MW"], .power, 6)
        add(["GW"], .power, 9)
        add(["TW"], .power, 12)
        add(["Wh"], .energy, 0)
        add(["kWh"], .energy, 3)
        add(["MWh"], .energy, 6)
        add(["GWh"], .energy, 9)
        add(["TWh"], .energy, 12)
        add(["month", "months"], .months, 0)
        add(["year", "years"], .months, 0, 12)
        add(["day", "days"], .days, 0)
        add(["week", "weeks"], .days, 0, 7)
        return table
    }()

    private static let scales: [String: DecimalNumber] = [
        "thousand": DecimalNumber(significand: 1, exponent: 3), "k": DecimalNumber(significand: 1, exponent: 3),
        "million": DecimalNumber(significand: 1, exponent: 6), "m": DecimalNumber(significand: 1, exponent: 6),
        "mn": DecimalNumber(significand: 1, exponent: 6),
        "billion": DecimalNumber(significand: 1, exponent: 9), "b": DecimalNumber(significand: 1, exponent: 9),
        "bn": DecimalNumber(significand: 1, exponent: 9),
        "trillion": DecimalNumber(significand: 1, exponent: 12), "t": DecimalNumber(significand: 1, exponent: 12),
    ]

    private static let currencies: Set<String> = [
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "INR", "KRW", "SAR", "AED", "QAR",
        "KWD", "SGD", "HKD", "TWD", "SEK", "NOK", "DKK", "PLN", "BRL", "MXN", "ZAR", "ILS", "TRY", "IDR",
        "MYR", "THB", "VND", "PHP", "CZK", "HUF", "RON", "CLP", "COP", "ARS", "EGP", "NGN",
    ]
}
