import DealRulesModel
import Testing

@Suite("ValueRendering and NameFolding")
struct ValueRenderingTests {
    static func money(_ amount: String, _ currency: String = "USD") -> Value {
        .quantity(Quantity(amount: DecimalNumber(parsing: amount) ?? .zero, unit: UnitSignature(.currency(currency))))
    }

    static func quantity(_ amount: String, _ word: String) -> Value {
        guard let unit = UnitCatalog.unit(named: word), let number = DecimalNumber(parsing: amount), let quantity = Quantity.of(number, unit) else { return .unknown }
        return .quantity(quantity)
    }

    @Test("money uses the largest scale word leaving at least 1", arguments: [
        ("27000000000", "USD", "$27 billion"), ("900000000", "USD", "$900 million"), ("4000000000", "EUR", "EUR 4 billion"),
        ("1500000000000", "USD", "$1.5 trillion"), ("2500", "USD", "$2.5 thousand"), ("999", "USD", "$999"),
        ("-5000000", "USD", "-$5 million"), ("66666666666.67", "USD", "$66.667 billion"), ("0", "USD", "$0"),
    ])
    func money(amount: String, currency: String, expected: String) {
        #expect(ValueRendering.render(ValueRenderingTests.money(amount, currency)) == expected)
    }

    @Test("quantities in their own unit", arguments: [
        ("5", "GW", "5 GW"), ("835", "MW", "835 MW"), ("1", "year", "1 year"), ("1", "years", "1 year"),
        ("10", "years", "10 years"), ("2.5", "weeks", "2.5 weeks"), ("12", "TWh", "12 TWh"), ("1", "days", "1 day"),
    ])
    func quantities(amount: String, word: String, expected: String) {
        #expect(ValueRendering.render(ValueRenderingTests.quantity(amount, word)) == expected)
    }

    @Test("other values")
    func others() {
        #expect(ValueRendering.render(.number(DecimalNumber(parsing: "0.4") ?? .zero, isPercent: true)) == "40%")
        #expect(ValueRendering.render(.number(DecimalNumber(parsing: "2.50") ?? .zero)) == "2.5")
        #expect(ValueRendering.render(.number(DecimalNumber(parsing: "0.3333333333") ?? .zero)) == "0.333333")
        #expect(ValueRendering.render(.unknown) == "unknown")
        #expect(ValueRendering.render(.boolean(true)) == "true")
        #expect(ValueRendering.render(.date(DateValue.parse("2028-06") ?? .epoch)) == "2028-06")
        #expect(ValueRendering.render(.list([.symbol("a"), .text("b")])) == "[a, b]")
        #expect(ValueRendering.render(.range(lower: DecimalNumber(2), upper: DecimalNumber(3))) == "2 to 3")
    }

    @Test("status suffix for anything but confirmed")
    func status() {
        let value = ValueRenderingTests.money("100000000000")
        #expect(ValueRendering.render(value, provenance: Provenance(status: .reported)) == "$100 billion (reported)")
        #expect(ValueRendering.render(value, provenance: Provenance(status: .estimated)) == "$100 billion (estimated)")
        #expect(ValueRendering.render(value, provenance: Provenance(status: .confirmed)) == "$100 billion")
        #expect(ValueRendering.render(value, provenance: nil) == "$100 billion")
        #expect(ValueRendering.render(.unknown, provenance: Provenance(status: .reported)) == "unknown")
    }

    @Test("data keys fold case, _, -, spaces and camelCase", arguments: [
        ("capacity_target", "capacity target"), ("capacityTarget", "capacity target"), ("Capacity-Target", "capacity target"),
        ("capacity  target", "capacity target"), ("USDValue", "usd value"), ("dealValue2", "deal value2"), ("id", "id"),
        ("_leading", "leading"), ("trailing_", "trailing"), ("ÉtatPartie", "état partie"),
    ])
    func keys(key: String, expected: String) {
        #expect(NameFolding.normalizeKey(key) == expected)
    }

    @Test("symbols fold case, _, - and spaces but not camelCase", arguments: [
        ("natural_gas", "natural gas"), ("Natural Gas", "natural gas"), ("natural-gas", "natural gas"),
        ("NATURAL  GAS", "natural gas"), ("naturalGas", "naturalgas"), ("  x ", "x"),
    ])
    func symbols(text: String, expected: String) {
        #expect(NameFolding.foldSymbol(text) == expected)
    }
}
