import DealRulesModel

/// What a loader has learned of its figures' units: each unit text
/// (`USD billion`) parsed once, and the values of recent amounts in a unit.
///
/// Figure objects that the readers' caches of whole objects miss (their
/// status or source differs) mostly repeat an amount and unit met before;
/// working out such a value again — looking the unit up by its text,
/// scaling the amount, building the quantity — costs some 2,000
/// instructions, a lookup here (`RecentTable`) about a tenth of that.
struct FigureUnits: Sendable {
    private var parsed: [String: FigureUnit] = [:]
    private static let parsedLimit = 10_000

    /// The last value worked out in each slot, chosen by amount and unit text.
    private var recent = RecentTable<Recent>()

    private struct Recent: Sendable {
        let unitText: String
        let number: DecimalNumber
        let value: Value
    }

    /// The unit written `text`; nil when it is not one.
    mutating func unit(_ text: String) -> FigureUnit? {
        if let known = parsed[text] { return known }
        guard let unit = FigureUnit.parse(text) else { return nil }
        if parsed.count < FigureUnits.parsedLimit { parsed[text] = unit }
        return unit
    }

    /// `number` in the unit written `unitText`, as `make` works it out
    /// (nil when it cannot be), remembered for the next equal pair.
    mutating func value(of number: DecimalNumber, in unitText: String, _ make: (inout FigureUnits) -> Value?) -> Value? {
        let slot = RecentKey.slot(RecentKey.hash(number) ^ RecentKey.hash(unitText))
        if let known = recent[slot], known.number == number, known.unitText == unitText { return known.value }
        guard let value = make(&self) else { return nil }
        recent.remember(Recent(unitText: unitText, number: number, value: value), at: slot)
        return value
    }
}
