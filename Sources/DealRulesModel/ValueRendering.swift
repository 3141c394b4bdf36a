/// Renders values the way an analyst writes them (LANGUAGE.md §8):
/// `5 GW`, `$100 billion`, `EUR 4 billion`, `2028-06`, `40%`, and a
/// non-confirmed status in parentheses: `$100 billion (reported)`.
public enum ValueRendering {
    /// Most decimals shown for a rendered figure.
    public static let displayPlaces = 6

    public static func render(_ value: Value, provenance: Provenance? = nil) -> String {
        let text = render(value)
        if let status = provenance?.status, status != .confirmed, !value.isUnknown {
            return joined(text, " (", status.rawValue, ")")
        }
        return text
    }

    public static func render(_ value: Value) -> String {
        switch value {
        case .unknown: return "unknown"
        case .boolean(let flag): return flag ? "true" : "false"
        case .number(let number, let percent):
            if percent, let scaled = number.multiplied(by: DecimalNumber(100)) {
                return plain(scaled) + "%"
            }
            return plain(number)
        case .quantity(let quantity): return render(quantity)
        case .date(let date): return date.description
        case .text(let text): return text
        case .symbol(let symbol): return symbol
        case .list(let items): return "[" + items.map { render($0) }.joined(separator: ", ") + "]"
        case .record(let record):
            let body = record.entries.map { "\($0.key): \(render($0.value, provenance: $0.provenance))" }
            return "{" + body.joined(separator: ", ") + "}"
        case .range(let lower, let upper):
            return lower == upper ? plain(lower) : "\(plain(lower)) to \(plain(upper))"
        }
    }

    /// The pieces as one string, copied once (`TextBuilder`): a figure is
    /// rendered for most findings of a report.
    private static func joined(_ pieces: String...) -> String {
        var text = TextBuilder(capacity: 32)
        for piece in pieces { text.append(piece) }
        return text.text
    }

    /// A number without trailing zeros, rounded for display.
    public static func plain(_ number: DecimalNumber) -> String {
        number.rounded(toPlaces: displayPlaces).description
    }

    public static func render(_ quantity: Quantity) -> String {
        var amount = quantity.amount
        var perText = ""
        if let per = quantity.perWord {
            amount = amount.multiplied(by: per.factor) ?? amount
            perText = " per " + per.name
        }
        if let code = moneyCurrency(quantity) {
            return money(amount, currency: code) + perText
        }
        if let word = quantity.displayWord {
            let shown = amount.divided(by: word.factor) ?? amount
            return joined(plain(shown), " ", unitName(word, count: shown), perText)
        }
        if quantity.unit.isDimensionless { return plain(amount) + perText }
        if let per = quantity.perWord, quantity.unit == UnitSignature.dimensionless.divided(by: UnitSignature(per.dimension)) {
            return plain(amount) + perText // `0.2 per GW`
        }
        return "\(plain(amount)) \(baseUnits(quantity.unit))" + perText
    }

    /// A derived unit in base units: `W·months`, `USD per W`.
    static func baseUnits(_ unit: UnitSignature) -> String {
        func name(_ dimension: BaseDimension) -> String {
            switch dimension {
            case .power: return "W"
            case .energy: return "Wh"
            case .months: return "months"
            case .days: return "days"
            case .currency(let code): return code
            }
        }
        func term(_ factor: UnitSignature.Factor) -> String {
            let power = abs(factor.power)
            return power == 1 ? name(factor.dimension) : "\(name(factor.dimension))^\(power)"
        }
        let top = unit.factors.filter { $0.power > 0 }.map(term).joined(separator: "·")
        let bottom = unit.factors.filter { $0.power < 0 }.map(term).joined(separator: "·")
        if bottom.isEmpty { return top }
        return top.isEmpty ? "per \(bottom)" : "\(top) per \(bottom)"
    }

    /// `$27 billion`, `$900 million`, `EUR 4 billion`, `$500`.
    public static func money(_ amount: DecimalNumber, currency: String) -> String {
        let magnitude = amount.isNegative ? amount.negated : amount
        var number = amount
        var scaleWord = ""
        for (name, factor) in UnitCatalog.scaleNames where DecimalNumber.compare(magnitude, factor) >= 0 {
            number = amount.divided(by: factor) ?? amount
            scaleWord = " " + name
            break
        }
        // Scaled money reads best with at most three decimals: `$66.667 billion`.
        let digits = scaleWord.isEmpty ? plain(number) : number.rounded(toPlaces: 3).description
        if currency == "USD" {
            return digits.hasPrefix("-") ? joined("-$", String(digits.dropFirst()), scaleWord) : joined("$", digits, scaleWord)
        }
        return joined(currency, " ", digits, scaleWord)
    }

    private static func moneyCurrency(_ quantity: Quantity) -> String? {
        // Money, or money per one other unit (`$20 billion per GW`).
        guard let code = quantity.unit.currency else { return nil }
        let others = quantity.unit.factors.filter {
            if case .currency = $0.dimension { return false } else { return true }
        }
        let moneyFactor = quantity.unit.factors.first { if case .currency = $0.dimension { return true } else { return false } }
        guard moneyFactor?.power == 1 else { return nil }
        if others.isEmpty { return code }
        if quantity.perWord != nil, others.count == 1, others[0].power == -1 { return code }
        return nil
    }

    /// `1 year`, `2 years`: singular for exactly one.
    private static func unitName(_ word: UnitWord, count: DecimalNumber) -> String {
        guard count == .one, word.name.hasSuffix("s"), word.name.count > 3 else { return word.name }
        return String(word.name.dropLast())
    }
}
