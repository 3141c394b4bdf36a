/// A figure as the generator decided it: an amount in the unit word it is
/// written with, and optionally a status and source (then it is written as a
/// figure object `{value, unit, status, source}`).
public struct SyntheticFigure: Sendable, Equatable {
    /// Decimal text of the amount (`5`, `12.5`).
    public var amount: String
    /// `GW`, `MW`, `USD billion`, `USD million`, `years`, `months`.
    public var unit: String
    public var status: String?
    public var source: String?

    /// Written as `{value, unit, ...}` rather than a plain `"5 GW"` string.
    public var isObject: Bool { status != nil || source != nil }

    /// The plain-literal form (`5 GW`, `$12.5 billion`, `10 years`).
    public var literal: String {
        switch unit {
        case "USD billion": return "$\(amount) billion"
        case "USD million": return "$\(amount) million"
        default: return "\(amount) \(unit)"
        }
    }
}

public struct SyntheticParty: Sendable, Equatable {
    public var name: String
    public var role: String
}

/// One generated deal: the ground truth every writer serialises. A nil
/// field is left out of the data (missing, hence unknown to rules).
public struct SyntheticDeal: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var kind: String?
    public var announced: String?
    public var parties: [SyntheticParty]?
    public var hyperscaler: String?
    public var capacity: SyntheticFigure?
    public var capacityTarget: String?
    public var dealValue: SyntheticFigure?
    public var term: SyntheticFigure?
    public var chips: [String]?
    public var chipRoadmap: String?
    public var exclusivity: String?
    public var powerSource: String?
    public var regulatoryStatus: String?
    public var location: String?
}

/// Deterministic synthetic deals shaped like `data/deals.yaml`: about 15
/// fields, figures with and without provenance, dates of mixed precision,
/// and about 5% of optional fields missing.
public enum DealGenerator {
    public static let defaultSeed: UInt64 = 0xDEA1_2026

    static let kinds = ["compute", "power", "datacenter", "chips", "mixed"]
    static let hyperscalers = ["Amazon Web Services", "Microsoft Azure", "Google Cloud", "Oracle", "Meta", "CoreWeave"]
    static let labs = ["Anthropic", "OpenAI", "xAI", "Mistral", "Cohere", "DeepMind"]
    static let utilities = ["Entergy", "Constellation Energy", "NextEra Energy", "Talen Energy", "Dominion", "Vistra"]
    static let otherRoles = ["developer", "financier", "chipmaker", "neocloud"]
    static let chipNames = ["Trainium2", "Trainium3", "Trainium4", "H100", "B200", "GB300", "MI450", "TPU v6", "TPU v7"]
    static let roadmaps = ["validated", "unvalidated", "mixed", "none"]
    static let exclusivities = ["exclusive", "preferred", "non-exclusive"]
    static let powerSources = ["gas", "coal", "oil", "nuclear", "solar", "wind", "hydro", "geothermal", "mixed"]
    static let regulatory = ["approved", "pending", "rejected", "none"]
    static let statuses = ["confirmed", "reported", "estimated"]
    static let sources = ["press reports", "company announcement", "regulatory filing", "Press Release", "analyst estimate"]
    static let places = ["Abilene, Texas", "Richland Parish, Louisiana", "Loudoun County, Virginia", "Mount Pleasant, Wisconsin", "New Albany, Ohio"]

    public static func generate(count: Int, seed: UInt64 = defaultSeed) -> [SyntheticDeal] {
        var random = SplitMix64(seed: seed)
        var deals: [SyntheticDeal] = []
        deals.reserveCapacity(max(count, 0))
        for index in 0..<max(count, 0) {
            deals.append(deal(index + 1, &random))
        }
        return deals
    }

    static func deal(_ number: Int, _ random: inout SplitMix64) -> SyntheticDeal {
        // Every optional field is left out about 5% of the time.
        func present() -> Bool { !random.chance(5) }
        let id = "deal-" + String(number)
        var deal = SyntheticDeal(id: id)
        let hyperscaler = random.pick(hyperscalers)
        let lab = random.pick(labs)
        if present() { deal.name = "\(hyperscaler) and \(lab) agreement \(number)" }
        if present() { deal.kind = random.pick(kinds) }
        if present() { deal.announced = date(random: &random, from: 2023, years: 4) }
        if present() {
            var parties = [SyntheticParty(name: hyperscaler, role: "hyperscaler"), SyntheticParty(name: lab, role: "lab")]
            if random.chance(40) { parties.append(SyntheticParty(name: random.pick(utilities), role: "utility")) }
            if random.chance(20) { parties.append(SyntheticParty(name: "Partner \(random.below(50))", role: random.pick(otherRoles))) }
            deal.parties = parties
        }
        if present() { deal.hyperscaler = hyperscaler }
        if present() {
            let gigawatts = random.chance(50)
            let amount = gigawatts ? String(1 + random.below(12)) : String(100 + 5 * random.below(180))
            deal.capacity = figure(amount, gigawatts ? "GW" : "MW", objectPercent: 60, random: &random)
        }
        if present() { deal.capacityTarget = date(random: &random, from: 2026, years: 7) }
        if present() {
            let billions = random.chance(80)
            let whole = billions ? 1 + random.below(150) : 50 + 10 * random.below(90)
            let amount = billions && random.chance(25) ? "\(whole).5" : String(whole)
            deal.dealValue = figure(amount, billions ? "USD billion" : "USD million", objectPercent: 90, random: &random)
        }
        if present() {
            let years = random.chance(70)
            let amount = years ? String(1 + random.below(25)) : String(6 + 6 * random.below(40))
            deal.term = figure(amount, years ? "years" : "months", objectPercent: 40, random: &random)
        }
        if present() {
            var chips: [String] = []
            for _ in 0..<(1 + random.below(3)) {
                let chip = random.pick(chipNames)
                if !chips.contains(chip) { chips.append(chip) }
            }
            deal.chips = chips
        }
        if present() { deal.chipRoadmap = random.pick(roadmaps) }
        if present() { deal.exclusivity = random.pick(exclusivities) }
        if present() { deal.powerSource = random.pick(powerSources) }
        if present() { deal.regulatoryStatus = random.pick(regulatory) }
        if present() { deal.location = random.pick(places) }
        return deal
    }

    /// A figure; with `objectPercent` chance it carries a status (and usually a source).
    static func figure(_ amount: String, _ unit: String, objectPercent: Int, random: inout SplitMix64) -> SyntheticFigure {
        var result = SyntheticFigure(amount: amount, unit: unit)
        if random.chance(objectPercent) {
            result.status = random.pick(statuses)
            if random.chance(85) { result.source = random.pick(sources) }
        }
        return result
    }

    /// `2028`, `2028-06` or `2028-06-15`, in roughly equal shares.
    static func date(random: inout SplitMix64, from firstYear: Int, years: Int) -> String {
        let year = String(firstYear + random.below(years))
        let month = 1 + random.below(12)
        let day = 1 + random.below(28)
        switch random.below(3) {
        case 0: return year
        case 1: return year + "-" + twoDigits(month)
        default: return year + "-" + twoDigits(month) + "-" + twoDigits(day)
        }
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
