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

    /// Strings loaders meet, beside the accepted and rejected literals.
    static let dataLike: [String] = [
        "deal-1", "Oracle and OpenAI agreement 1", "New Albany, Ohio", "2025-12-20", "2030-09", "2026", "2029-02-29",
        "2028-02-29", "0007-01-01", "0000-01", "12345678901234567890", "1234567890123456789", "123456789012345678",
        "1_234.5", "5.25", "7 GW", "2.5%", "USD 5", "USDX 5", "ABC defghij", "EUR\t4 billion", "ABCD", "Trainium2",
        "H100", "validated", "confirmed", "2 years", "19 years", "1 GW", "1.5 gw", "2 Years", "5 gigawatts", "5 GWs",
        "5 MWh", "12 TWh", "27 usd", "5 GW ", "5 G W", "5 GW2", "1234567890123456789 years", "99999999999999999 GW", "9999-12-31", "10000-01-01", "2024-1-01", "é2024", "$100 billion",
    ]

    /// `shape(of:)` never disagrees with `parse`: what it decides, `parse`
    /// decides the same way; and the common shapes are decided from the bytes.
    @Test("byte shapes agree with parse", arguments: accepted.map(\.0) + rejected + dataLike)
    func byteShapeAgreesWithParse(text: String) {
        var bytes = Array(text.utf8)
        let shape = bytes.withUnsafeMutableBufferPointer { ScalarLiteral.shape(of: UnsafeBufferPointer($0)) }
        let parsed = ScalarLiteral.parse(text)
        switch shape {
        case .text:
            #expect(parsed == nil, "\(text) was taken for text")
        case .literal(let value):
            let expected = parsed.map { "\($0.typeName) \(ValueRendering.render($0))" }
            #expect(expected == "\(value.typeName) \(ValueRendering.render(value))", "\(text)")
        case .undecided:
            break
        }
    }

    @Test func commonShapesAreDecidedFromBytes() {
        func shape(_ text: String) -> ScalarLiteral.Shape {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { ScalarLiteral.shape(of: UnsafeBufferPointer($0)) }
        }
        for text in ["Oracle and OpenAI agreement 1", "New Albany, Ohio", "deal-1", "", "-5", "é2024", "ABCD efgh"] {
            guard case .text = shape(text) else { Issue.record("\(text) should be text"); continue }
        }
        guard case .literal(.date(let date)) = shape("2025-12-20") else { Issue.record("a day is a date"); return }
        #expect(date.description == "2025-12-20")
        guard case .literal(.date(let month)) = shape("2030-09") else { Issue.record("a month is a date"); return }
        #expect(month.precision == .month)
        guard case .literal(.quantity(let years)) = shape("19 years") else { Issue.record("19 years is a quantity"); return }
        #expect(ValueRendering.render(.quantity(years)) == "19 years")
        guard case .text = shape("5 gigawatts") else { Issue.record("an unknown unit word leaves text"); return }
        guard case .literal(.boolean(true)) = shape("Yes") else { Issue.record("Yes is true"); return }
        guard case .literal(.unknown) = shape("unknown") else { Issue.record("unknown is unknown"); return }
        guard case .literal(.number(let number, false)) = shape("1_234.5") else { Issue.record("1_234.5 is a number"); return }
        #expect(number == DecimalNumber(significand: 12345, exponent: -1))
        // Currency codes, money, units, percentages and long numbers go to `parse`.
        for text in ["EUR 4 billion", "$27B", "27 USD", "5 MWh", "5  GW", "40%", "12345678901234567890", "2028-02-30"] {
            guard case .undecided = shape(text) else { Issue.record("\(text) should be left to parse"); continue }
        }
    }
}
