import DealRulesModel

/// The `unit` of a figure object (LANGUAGE.md §5): a unit word (`GW`,
/// `years`), money (`USD billion`, `billion EUR`, `USD`), either optionally
/// `per` a unit word (`USD billion per GW`), or `%`/`percent`.
enum FigureUnit: Equatable {
    case money(currency: String, scale: DecimalNumber, per: UnitWord?)
    case measure(UnitWord, per: UnitWord?)
    case percent

    static func parse(_ text: String) -> FigureUnit? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty, words.count <= 5 else { return nil }
        if words.count == 1, words[0] == "%" || words[0].lowercased() == "percent" { return .percent }
        var main = words[...]
        var per: UnitWord? = nil
        if words.count >= 3, words[words.count - 2].lowercased() == "per" {
            guard let word = UnitCatalog.unit(named: words[words.count - 1]) else { return nil }
            per = word
            main = words[..<(words.count - 2)]
        }
        let parts = Array(main)
        if parts.count == 1, let word = UnitCatalog.unit(named: parts[0]) { return .measure(word, per: per) }
        switch parts.count {
        case 1:
            guard let code = currency(parts[0]) else { return nil }
            return .money(currency: code, scale: .one, per: per)
        case 2:
            if let code = currency(parts[0]), let scale = UnitCatalog.scale(named: parts[1]) {
                return .money(currency: code, scale: scale, per: per)
            }
            if let scale = UnitCatalog.scale(named: parts[0]), let code = currency(parts[1]) {
                return .money(currency: code, scale: scale, per: per)
            }
            return nil
        default:
            return nil
        }
    }

    /// `$` or a currency code in any case (`usd` is USD).
    private static func currency(_ word: String) -> String? {
        if word == "$" { return "USD" }
        let upper = word.uppercased()
        guard upper.utf8.count == 3, UnitCatalog.isCurrencyCode(upper) else { return nil }
        return upper
    }

    /// The figure's value; nil when the result overflows.
    func apply(to number: DecimalNumber) -> Value? {
        switch self {
        case .percent:
            return number.divided(by: DecimalNumber(100)).map { .number($0, isPercent: true) }
        case .money(let code, let scale, let per):
            guard let money = Quantity.money(number, scale: scale, currency: code) else { return nil }
            return FigureUnit.dividing(money, by: per)
        case .measure(let word, let per):
            guard let quantity = Quantity.of(number, word) else { return nil }
            return FigureUnit.dividing(quantity, by: per)
        }
    }

    private static func dividing(_ quantity: Quantity, by word: UnitWord?) -> Value? {
        guard let word else { return .quantity(quantity) }
        return quantity.per(word).map { .quantity($0) }
    }
}
