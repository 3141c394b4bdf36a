import DealRulesModel
import Testing

@Suite("DecimalNumber")
struct DecimalNumberTests {
    static func number(_ text: String) -> DecimalNumber {
        DecimalNumber(parsing: text) ?? DecimalNumber(significand: 999_999, exponent: 99)
    }

    @Test("parses", arguments: [
        ("5", "5"), ("-5.25", "-5.25"), ("1_000_000", "1000000"), ("1e3", "1000"), ("2.5E-2", "0.025"),
        ("007", "7"), ("0.10", "0.1"), ("+3", "3"), ("0", "0"), ("0.000", "0"),
        ("123456789012345678901", "123456789012345679000"),
    ])
    func parses(text: String, expected: String) {
        #expect(DecimalNumber(parsing: text)?.description == expected)
    }

    @Test("rejects", arguments: [".5", "5.", "1__0", "_1", "1_", "abc", "", "-", "1.2.3", "5x", "1e", "1e9999999", "1e40"])
    func rejects(text: String) {
        #expect(DecimalNumber(parsing: text) == nil)
    }

    @Test("adds, subtracts, multiplies, divides", arguments: [
        ("0.1", "+", "0.2", "0.3"), ("1", "-", "0.9", "0.1"), ("2.5", "*", "4", "10"), ("10", "/", "4", "2.5"),
        ("1", "/", "3", "0.333333333333333333"), ("2", "/", "3", "0.666666666666666667"), ("-7", "/", "2", "-3.5"),
        ("1000000000", "*", "1000000000", "1000000000000000000"), ("0", "/", "5", "0"), ("5", "-", "5", "0"),
        ("-0.5", "+", "0.25", "-0.25"), ("1e30", "+", "1", "1000000000000000000000000000000"),
    ])
    func arithmetic(lhs: String, op: String, rhs: String, expected: String) {
        let a = DecimalNumberTests.number(lhs)
        let b = DecimalNumberTests.number(rhs)
        let result: DecimalNumber?
        switch op {
        case "+": result = a.adding(b)
        case "-": result = a.subtracting(b)
        case "*": result = a.multiplied(by: b)
        default: result = a.divided(by: b)
        }
        #expect(result?.description == expected)
    }

    @Test("overflow and division by zero give nil")
    func overflow() {
        let big = DecimalNumberTests.number("1e30")
        #expect(big.multiplied(by: big) == nil)
        #expect(DecimalNumberTests.number("1e36").multiplied(by: DecimalNumber(10)) == nil)
        #expect(DecimalNumber(5).divided(by: .zero) == nil)
        #expect(DecimalNumberTests.number("9e36").adding(DecimalNumberTests.number("9e36")) == nil)
        #expect(DecimalNumber(significand: Int64.max).multiplied(by: DecimalNumber(significand: Int64.max)) == nil)
        #expect(DecimalNumber(significand: 999_999_999).multiplied(by: DecimalNumber(significand: 999_999_999))?.description == "999999998000000001")
        #expect(DecimalNumber(significand: Int64.min).negated.isNegative == false)
    }

    @Test("compares exactly", arguments: [
        ("1", "2", -1), ("2", "1", 1), ("1.0", "1", 0), ("0.1", "0.10", 0), ("-1", "1", -1), ("-2", "-1", -1),
        ("1000", "999.999", 1), ("0", "-0.0001", 1), ("1e17", "99999999999999999", 1), ("1e20", "99999999999999999999", 0), ("0.3", "0.30000001", -1),
    ])
    func compares(lhs: String, rhs: String, expected: Int) {
        #expect(DecimalNumber.compare(DecimalNumberTests.number(lhs), DecimalNumberTests.number(rhs)) == expected)
        #expect(DecimalNumber.compare(DecimalNumberTests.number(rhs), DecimalNumberTests.number(lhs)) == -expected)
    }

    @Test("equal values are equal however written")
    func equality() {
        #expect(DecimalNumberTests.number("1.50") == DecimalNumberTests.number("1.5"))
        #expect(DecimalNumberTests.number("100") == DecimalNumber(significand: 1, exponent: 2))
        #expect(DecimalNumber(significand: 0, exponent: 7) == .zero)
    }

    @Test("rounds for display", arguments: [
        ("1.23456789", 6, "1.234568"), ("2.5", 0, "3"), ("-2.5", 0, "-3"), ("0.0000004", 6, "0"), ("1.2", 6, "1.2"),
        ("66.6666666", 3, "66.667"), ("0.9999996", 6, "1"),
    ])
    func rounds(text: String, places: Int, expected: String) {
        #expect(DecimalNumberTests.number(text).rounded(toPlaces: places).description == expected)
    }

    @Test("integers and doubles")
    func conversions() {
        #expect(DecimalNumber(parsing: "2029")?.intValue == 2029)
        #expect(DecimalNumber(parsing: "2029.5")?.intValue == nil)
        #expect(DecimalNumber(parsing: "1e30")?.intValue == nil)
        #expect(DecimalNumber(exactly: 0.1)?.description == "0.1")
        #expect(DecimalNumber(exactly: 3.0)?.description == "3")
        #expect(DecimalNumber(exactly: .infinity) == nil)
        #expect(DecimalNumber(exactly: .nan) == nil)
    }
}
