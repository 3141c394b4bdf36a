@testable import DealRulesModel
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

    /// Digits of `value` as text, and the sign, for a reference order that
    /// shares nothing with `DecimalNumber.compare`.
    static func referenceCompare(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Int {
        func parts(_ number: DecimalNumber) -> (sign: Int, digits: String, exponent: Int) {
            let sign = number.significand.signum()
            var digits = String(number.significand.magnitude)
            var exponent = Int(number.exponent)
            while digits.count > 1, digits.hasSuffix("0") { digits.removeLast(); exponent += 1 }
            return (Int(sign), digits, exponent)
        }
        let (a, b) = (parts(lhs), parts(rhs))
        if a.sign != b.sign { return a.sign < b.sign ? -1 : 1 }
        if a.sign == 0 { return 0 }
        var order: Int
        let (aMagnitude, bMagnitude) = (a.digits.count + a.exponent, b.digits.count + b.exponent)
        if aMagnitude != bMagnitude {
            order = aMagnitude < bMagnitude ? -1 : 1
        } else {
            let length = max(a.digits.count, b.digits.count)
            let x = a.digits.padding(toLength: length, withPad: "0", startingAt: 0)
            let y = b.digits.padding(toLength: length, withPad: "0", startingAt: 0)
            order = x == y ? 0 : (x < y ? -1 : 1)
        }
        return a.sign > 0 ? order : -order
    }

    /// Amounts a few exponents apart compare by scaling one significand;
    /// the order must be the exact one, at the edges of 64 bits too.
    @Test("compares exactly across exponents")
    func comparesAcrossExponents() {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let edges: [Int64] = [0, 1, -1, 9, 10, 99, 100, 5, 50, 500, 922_337_203_685_477_580, Int64.max, Int64.min + 1, -Int64.max, 1_000_000_000_000_000_000]
        var numbers: [DecimalNumber] = []
        for significand in edges {
            for exponent in [-20, -19, -18, -3, -1, 0, 1, 2, 9, 17, 18, 19] as [Int32] {
                numbers.append(DecimalNumber(significand: significand, exponent: exponent))
            }
        }
        for _ in 0..<400 {
            let digits = Int(next() % 19)
            var significand = Int64(truncatingIfNeeded: next() % (DecimalNumberTestsPowers.power(digits)))
            if next() % 2 == 0 { significand = -significand }
            numbers.append(DecimalNumber(significand: significand, exponent: Int32(Int(next() % 41) - 20)))
        }
        var mismatches: [String] = []
        func check(_ lhs: DecimalNumber, _ rhs: DecimalNumber) {
            let got = DecimalNumber.compare(lhs, rhs)
            let expected = DecimalNumberTests.referenceCompare(lhs, rhs)
            if got != expected { mismatches.append("\(lhs.significand)e\(lhs.exponent) vs \(rhs.significand)e\(rhs.exponent): \(got), not \(expected)") }
        }
        // Every pair of the edge values, then random partners for the rest.
        let edgeCount = edges.count * 12
        for lhs in numbers[..<edgeCount] {
            for rhs in numbers[..<edgeCount] { check(lhs, rhs) }
        }
        for lhs in numbers {
            for _ in 0..<12 { check(lhs, numbers[Int(next() % UInt64(numbers.count))]) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // Numbers are kept normalised, so equal values never differ in exponent.
        #expect(DecimalNumber(significand: 10, exponent: 0) == DecimalNumber(significand: 1, exponent: 1))
    }

    /// `magnitude` (the exponent of the leading digit) counts digits right
    /// at every power of ten.
    @Test("magnitude counts every digit")
    func magnitudeCountsDigits() {
        var value: Int64 = 1
        for power in 0...18 {
            #expect(DecimalNumber(significand: value).magnitude == power, "10^\(power)")
            #expect(DecimalNumber(significand: value - 1).magnitude == (power == 0 ? Int.min / 4 : power - 1), "10^\(power) - 1")
            #expect(DecimalNumber(significand: -value, exponent: 3).magnitude == power + 3)
            if power < 18 { value *= 10 }
        }
        #expect(DecimalNumber(significand: Int64.max).magnitude == 18)
        #expect(DecimalNumber(significand: Int64.min + 1).magnitude == 18)
    }

    /// Every layout of the text: zeros after the digits, a point inside
    /// them, a point before them with and without zeros, and the sign;
    /// trailing zeros of a fraction are dropped as the number is made.
    @Test("writes its text", arguments: [
        (Int64(5), Int32(0), "5"), (5, 3, "5000"), (-5, 3, "-5000"), (12345, -2, "123.45"), (-12345, -2, "-123.45"),
        (12345, -5, "0.12345"), (-12345, -5, "-0.12345"), (12345, -7, "0.0012345"), (7, -1, "0.7"), (-7, -3, "-0.007"),
        (10, -1, "1"), (1200, -1, "120"), (Int64.max, 0, "9223372036854775807"), (Int64.max, -19, "0.9223372036854775807"),
        (Int64.min, 0, "-9223372036854775808"), (Int64.min, -1, "-922337203685477580.8"), (0, 7, "0"), (1, 36, "1" + String(repeating: "0", count: 36)),
    ])
    func writesText(significand: Int64, exponent: Int32, expected: String) {
        #expect(DecimalNumber(significand: significand, exponent: exponent).description == expected)
    }

    /// The text read back gives the same number, for random significands
    /// of every length and exponents on both sides.
    @Test("text reads back as the same number")
    func textReadsBack() {
        var generator = SystemRandomNumberGenerator()
        for digits in 1...18 {
            for _ in 0..<40 {
                let magnitude = Int64(UInt64.random(in: 0..<DecimalNumberTestsPowers.power(digits), using: &generator))
                let significand = Bool.random(using: &generator) ? -magnitude : magnitude
                let number = DecimalNumber(significand: significand, exponent: Int32.random(in: -24...12, using: &generator))
                #expect(DecimalNumber(parsing: number.description) == number, "\(significand)e\(number.exponent)")
            }
        }
    }

    /// Rounding into 18 digits one digit at a time, as `fitting` once did:
    /// each dropped digit decides the rounding afresh, so the last one
    /// dropped decides it.
    static func fittedDigitByDigit(_ wide: Int128, exponent: Int) -> DecimalNumber? {
        var value = wide
        var scale = exponent
        var roundUp = false
        let limit: Int128 = 999_999_999_999_999_999
        while value > limit || value < -limit {
            roundUp = (value % 10).magnitude >= 5
            value /= 10
            scale += 1
        }
        if roundUp { value += value < 0 ? -1 : 1 }
        if value == 0 { return .zero }
        guard scale > -10_000, scale < 10_000 else { return nil }
        let result = DecimalNumber(significand: Int64(value), exponent: Int32(scale))
        if result.magnitude < -DecimalNumber.maximumMagnitude { return .zero }
        return result.magnitude > DecimalNumber.maximumMagnitude ? nil : result
    }

    @Test("rounds wide results as signed digit-by-digit rounding does")
    func fitsWideValues() {
        var generator = SystemRandomNumberGenerator()
        var wides: [Int128] = [0, 1, -1, 999_999_999_999_999_999, 1_000_000_000_000_000_000, -1_000_000_000_000_000_000,
                               9_999_999_999_999_999_995, 9_999_999_999_999_999_994, -9_999_999_999_999_999_995,
                               Int128.max, Int128.min + 1, Int128.min]
        // Every length, with fives and nines where rounding carries.
        var top: Int128 = 1
        for _ in 1...38 {
            top *= 10
            wides += [top - 1, -(top - 1), top / 2, top / 2 - 1, (top - 1) / 9 * 5]
            for _ in 0..<40 {
                let high = Int128(Int64.random(in: Int64.min...Int64.max, using: &generator))
                let low = Int128(UInt64.random(in: 0...UInt64.max, using: &generator))
                let wide = (high << 64 | low) % top
                wides.append(wide)
            }
        }
        for wide in wides {
            for exponent in [-40, -18, 0, 7, 9_970] {
                let fitted = DecimalNumber.fitting(wide, exponent: exponent)
                let expected = DecimalNumberTests.fittedDigitByDigit(wide, exponent: exponent)
                // Written the same, not merely equal in value.
                #expect(fitted?.significand == expected?.significand && fitted?.exponent == expected?.exponent, "\(wide) e\(exponent)")
            }
        }
    }
}

/// 10^n as a UInt64 bound for random significands of n digits (1 for 0).
enum DecimalNumberTestsPowers {
    static func power(_ digits: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<max(digits, 1) { result &*= 10 }
        return result
    }
}

extension DecimalNumberTests {
    /// A group's sum in one pass must be what adding its values one after
    /// another gives, significand and exponent alike (a quotient of the
    /// sum depends on both), and must say nil rather than guess.
    @Test("sums in one pass as step by step")
    func sumsWithoutRounding() {
        var state: UInt64 = 99
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
        func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        var exactCount = 0
        for round in 0..<3_000 {
            let values: [DecimalNumber] = (0..<Int(next() % 12)).map { _ in
                var significand = Int64(next() % DecimalNumberTestsPowers.power(pick([1, 3, 9, 17, 18])))
                if round % 7 == 0 && next() % 4 == 0 { significand = -significand }
                return DecimalNumber(significand: significand, exponent: Int32(pick([-20, -18, -3, 0, 0, 2, 6, 9, 17, 30])))
            }
            var stepwise: DecimalNumber? = values.first ?? .zero
            for value in values.dropFirst() { stepwise = stepwise?.adding(value) }
            guard let exact = DecimalNumberTests.sum(values) else { continue }
            exactCount += 1
            #expect(exact.significand == stepwise?.significand && exact.exponent == stepwise?.exponent, "\(values)")
        }
        // Many sums of this mix are exact; those are the ones compared.
        #expect(exactCount > 300, "\(exactCount)")
        // A sum past 18 digits, far exponents and negative values are left to the steps.
        let big = DecimalNumber(significand: 999_999_999_999_999_999)
        #expect(DecimalNumberTests.sum([big, DecimalNumber(1)]) == nil)
        #expect(DecimalNumberTests.sum([DecimalNumber(significand: 1, exponent: 20), DecimalNumber(1)]) == nil)
        #expect(DecimalNumberTests.sum([DecimalNumber(-1), DecimalNumber(1)]) == nil)
        #expect(DecimalNumberTests.sum([]) == .zero)
        #expect(DecimalNumberTests.sum([DecimalNumber(5), DecimalNumber(significand: 25, exponent: -1)]) == DecimalNumber(significand: 75, exponent: -1))
    }

    /// 128-bit by 64-bit division in two hardware steps gives what `/`
    /// and `%` on 128 bits give.
    @Test func dividesAs128BitsDo() {
        var state: UInt64 = 17
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
        let edges: [UInt128] = [0, 1, 9, 10, UInt128(UInt64.max), UInt128(UInt64.max) + 1, UInt128.max, UInt128.max - 1]
        let values = edges + (0..<2_000).map { _ in UInt128(next()) << (next() % 65) | UInt128(next() >> (next() % 64)) }
        let divisors: [UInt64] = [1, 3, 10, UInt64.max, 1 << 63] + (0..<50).map { _ in max(1, next() >> (next() % 64)) }
        for value in values {
            for divisor in divisors {
                let (quotient, remainder) = DecimalNumber.divide(value, by: divisor)
                #expect(quotient == value / UInt128(divisor) && UInt128(remainder) == value % UInt128(divisor), "\(value) / \(divisor)")
            }
        }
    }

    /// Division on magnitudes, rounded half away from zero, gives the
    /// very significand and exponent the signed 128-bit way gave.
    @Test func dividesAsTheSignedWayDid() {
        var state: UInt64 = 23
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        func signedWay(_ a: DecimalNumber, _ b: DecimalNumber) -> DecimalNumber? {
            guard !b.isZero else { return nil }
            if a.isZero { return .zero }
            let numerator = Int128(a.significand) * 1_000_000_000_000_000_000
            let denominator = Int128(b.significand)
            var quotient = numerator / denominator
            let remainder = numerator % denominator
            if remainder.magnitude * 2 >= denominator.magnitude { quotient += (numerator < 0) != (denominator < 0) ? -1 : 1 }
            return DecimalNumber.fitting(quotient, exponent: Int(a.exponent) - 18 - Int(b.exponent))
        }
        let extremes: [Int64] = [1, -1, 7, -3, 999_999_999_999_999_999, -999_999_999_999_999_999, 2, 5, 125, 333_333_333_333_333_333]
        func random() -> DecimalNumber {
            let significand = next() % 3 == 0 ? extremes[Int(next() % UInt64(extremes.count))] : Int64(next() % 1_000_000_000_000) - 500_000_000_000
            return DecimalNumber(significand: significand, exponent: Int32(Int(next() % 41) - 20))
        }
        var compared = 0
        for _ in 0..<5_000 {
            let a = random(), b = random()
            let mine = a.divided(by: b), expected = signedWay(a, b)
            #expect(mine?.significand == expected?.significand && mine?.exponent == expected?.exponent, "\(a) / \(b)")
            if expected != nil { compared += 1 }
        }
        #expect(compared > 4_000)
        // Exact halves at the last digit kept (1 / 2^19 = 0.0000019073486328125):
        // they round away from zero, either sign.
        for (a, b) in [(1, 524_288), (-1, 524_288), (1, -524_288), (3, 1_048_576), (-7, 2_097_152)] {
            let x = DecimalNumber(a), y = DecimalNumber(b)
            let mine = x.divided(by: y), expected = signedWay(x, y)
            #expect(mine?.significand == expected?.significand && mine?.exponent == expected?.exponent, "\(a) / \(b)")
            #expect(mine.map { $0.significand.magnitude % 10 } != 0, "\(a) / \(b) keeps its last digit")
        }
    }

    static func sum(_ values: [DecimalNumber]) -> DecimalNumber? {
        DecimalNumber.sumWithoutRounding(count: values.count) { values[$0] }
    }
}
