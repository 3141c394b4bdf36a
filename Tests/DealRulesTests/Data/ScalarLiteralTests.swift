import DealRulesModel
import Testing

@Suite("ScalarLiteral")
struct ScalarLiteralTests {
    /// Literal text → how it renders back (the type is checked separately).
    static let accepted: [(String, String)] = [
        ("12", "12"), ("2.5", "2.5"), ("1_000", "1000"), ("1_000_000", "1000000"), ("0", "0"), ("2028", "2028"),
        ("40%", "40%"), ("12.5%", "12.5%"),
        ("$27 billion", "$27 billion"), ("$27B", "$27 billion"), ("$1.5bn", "$1.5 billion"),
        ("$300M", "$300 million"), ("$300mn", "$300 million"), ("$5K", "$5 thousand"), ("$2T", "$2 trillion"),
        ("$27", "$27"), ("27 billion USD", "$27 billion"), ("EUR 4 billion", "EUR 4 billion"),
        ("4 billion EUR", "EUR 4 billion"), ("EUR 4", "EUR 4"), ("12 USD", "$12"),
        ("$20 billion per GW", "$20 billion per GW"),
        ("5 GW", "5 GW"), ("900 MW", "900 MW"), ("12 TWh", "12 TWh"), ("10 years", "10 years"),
        ("1 year", "1 year"), ("18 months", "18 months"), ("30 days", "30 days"), ("2 weeks", "2 weeks"),
        ("5GW", "5 GW"), ("5  GW", "5 GW"),
        ("2028-06-30", "2028-06-30"), ("2028-06", "2028-06"),
        ("true", "true"), ("FALSE", "false"), ("yes", "true"), ("No", "false"),
    ]

    static let rejected: [String] = [
        "", " 5", "5 ", "$12,5", ".5", "5.", "1__000", "_1", "1_", "5 GWs", "5 gigawatts", "$", "$B", "$27 billions",
        "27 billion", "eur 4 billion", "EUR", "4 EUR billion", "$27B billion", "2028-6", "2028-13", "2028-02-30",
        "2028-06-30T10:00", "-5", "+5", "1e3", "40 %", "%", "Project Rainier", "unvalidated", "on", "null",
        "5 GW per", "$20 billion per gigawatt", "5 GW per GW per GW", "ten", "12abc",
    ]

    @Test("every literal form parses", arguments: accepted)
    func parsesLiteral(text: String, rendered: String) throws {
        let value = try #require(ScalarLiteral.parse(text), "\(text) should be a literal")
        #expect(ValueRendering.render(value) == rendered)
    }

    @Test("near misses are not literals", arguments: rejected)
    func rejectsNearMiss(text: String) {
        #expect(ScalarLiteral.parse(text) == nil, "\(text) should not be a literal")
    }

    @Test func typesAreRight() throws {
        guard case .number(let number, let percent)? = ScalarLiteral.parse("40%") else { Issue.record("40% is a number"); return }
        #expect(percent)
        #expect(number == DecimalNumber(significand: 4, exponent: -1))
        guard case .number(let plain, false)? = ScalarLiteral.parse("1_000") else { Issue.record("1_000 is a number"); return }
        #expect(plain == DecimalNumber(1000))
        guard case .quantity(let money)? = ScalarLiteral.parse("$27B") else { Issue.record("$27B is money"); return }
        #expect(money.isMoney)
        #expect(money.unit.currency == "USD")
        #expect(money.amount == DecimalNumber(significand: 27, exponent: 9))
        guard case .quantity(let power)? = ScalarLiteral.parse("5 GW") else { Issue.record("5 GW is a quantity"); return }
        #expect(power.unit == UnitSignature(.power))
        #expect(power.amount == DecimalNumber(significand: 5, exponent: 9))
        guard case .quantity(let perPower)? = ScalarLiteral.parse("$20 billion per GW") else { Issue.record("money per GW"); return }
        #expect(perPower.unit == UnitSignature(.currency("USD")).divided(by: UnitSignature(.power)))
        guard case .date(let date)? = ScalarLiteral.parse("2028-06") else { Issue.record("2028-06 is a date"); return }
        #expect(date.precision == .month)
        guard case .boolean(true)? = ScalarLiteral.parse("YES") else { Issue.record("YES is true"); return }
        let unknown = try #require(ScalarLiteral.parse("unknown"))
        #expect(unknown.isUnknown)
        #expect(ScalarLiteral.parse("Unknown")?.isUnknown == true)
    }

    @Test func euroAndDollarAreDifferentCurrencies() {
        guard case .quantity(let euros)? = ScalarLiteral.parse("EUR 4 billion"),
              case .quantity(let dollars)? = ScalarLiteral.parse("$4 billion") else {
            Issue.record("both are money")
            return
        }
        #expect(euros.unit != dollars.unit)
        #expect(euros.amount == dollars.amount)
    }

    @Test func numbersKeepExactDecimals() {
        guard case .number(let value, _)? = ScalarLiteral.parse("0.1") else { Issue.record("0.1 is a number"); return }
        #expect(value == DecimalNumber(significand: 1, exponent: -1))
    }
}
