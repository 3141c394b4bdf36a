/// An exact decimal number: `significand × 10^exponent`.
///
/// Rule arithmetic must be exact for the figures analysts write
/// (`0.1 + 0.2 is 0.3`), must never trap, and must be cheap to copy, so this
/// is a pair of integers rather than a binary float or an arbitrary-precision
/// type. Results keep 18 significant digits; a magnitude beyond 10^36 (or
/// below 10^-36, which rounds to zero) is reported as overflow by returning
/// `nil` from the arithmetic functions.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var significand: Int64
    public private(set) var exponent: Int32

    /// Largest decimal exponent of a value's leading digit that arithmetic accepts.
    public static let maximumMagnitude: Int = 36

    /// Made where it is read rather than stored: a stored static is
    /// checked for initialisation (a call) at every read, and kernels read
    /// this one for every unknown cell.
    public static var zero: DecimalNumber { DecimalNumber(normalizedSignificand: 0, exponent: 0) }
    public static let one = DecimalNumber(significand: 1, exponent: 0)

    public init(significand: Int64, exponent: Int32 = 0) {
        self.significand = significand
        self.exponent = significand == 0 ? 0 : exponent
        normalize()
    }

    /// A significand and exponent already in normal form.
    private init(normalizedSignificand: Int64, exponent: Int32) {
        self.significand = normalizedSignificand
        self.exponent = exponent
    }

    public init(_ value: Int) {
        self.init(significand: Int64(value), exponent: 0)
    }

    /// Parses `5`, `-5.25`, `1_000_000`, `1e3`, `2.5E-2`. Underscores are
    /// digit separators. Returns nil for anything else (including `.5`).
    public init?<S: StringProtocol>(parsing text: S) {
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponentValue = 0
        var sawDigit = false
        var sawPoint = false
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() } else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, first >= 48, first <= 57 else { return nil }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 48 && byte <= 57 {
                sawDigit = true
                digits.append(byte - 48)
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "_") {
                // separator: must sit between digits
                let next = index + 1 < bytes.endIndex ? bytes[index + 1] : 0
                guard sawDigit, next >= 48, next <= 57 else { return nil }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                let next = index + 1 < bytes.endIndex ? bytes[index + 1] : 0
                guard next >= 48, next <= 57 else { return nil }
                sawPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                let rest = bytes[(index + 1)...]
                guard !rest.isEmpty, rest.count <= 6, let value = Int(String(decoding: rest, as: UTF8.self)) else { return nil }
                exponentValue = value
                break
            } else {
                return nil
            }
            index += 1
        }
        // Drop leading zeros, then keep at most 18 significant digits (rounding the rest).
        var start = 0
        while start < digits.count - 1, digits[start] == 0 { start += 1 }
        var significant = Array(digits[start...])
        var scale = exponentValue - fractionDigits
        if significant.count > 18 {
            let dropped = significant.count - 18
            let roundUp = significant[18] >= 5
            significant = Array(significant[..<18])
            scale += dropped
            var value: Int64 = 0
            for digit in significant { value = value * 10 + Int64(digit) }
            if roundUp { value += 1 }
            guard abs(scale) < 10_000 else { return nil }
            self.init(significand: negative ? -value : value, exponent: Int32(scale))
        } else {
            var value: Int64 = 0
            for digit in significant { value = value * 10 + Int64(digit) }
            guard abs(scale) < 10_000 else { return nil }
            self.init(significand: negative ? -value : value, exponent: Int32(scale))
        }
        if magnitudeIsOutOfRange { return nil }
    }

    /// The shortest decimal that round-trips the double (how YAML and JSON
    /// floats are read), or nil for infinities and NaN.
    public init?(exactly double: Double) {
        guard double.isFinite else { return nil }
        if double == double.rounded(), abs(double) < 9e15 {
            self.init(significand: Int64(double), exponent: 0)
            return
        }
        self.init(parsing: "\(double)")
    }

    private mutating func normalize() {
        if significand == 0 { exponent = 0; return }
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
    }

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }
    public var isInteger: Bool { exponent >= 0 }

    /// Decimal exponent of the leading digit (0 for 1...9, 3 for 1000...9999).
    public var magnitude: Int {
        guard significand != 0 else { return Int.min / 4 }
        return Int(exponent) + DecimalNumber.digitCount(significand.magnitude) - 1
    }

    private var magnitudeIsOutOfRange: Bool {
        significand != 0 && magnitude > DecimalNumber.maximumMagnitude
    }

    /// The value as an Int when it is a whole number that fits.
    public var intValue: Int? {
        guard exponent >= 0 else { return nil }
        var value = Int(significand)
        for _ in 0..<exponent {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = product
        }
        return value
    }

    public var doubleValue: Double {
        Double(significand) * pow10(Int(exponent))
    }

    public var negated: DecimalNumber {
        DecimalNumber(significand: significand == Int64.min ? Int64.max : -significand, exponent: exponent)
    }

    // MARK: Arithmetic (nil means overflow)

    public func adding(_ other: DecimalNumber) -> DecimalNumber? {
        if other.isZero { return self }
        if isZero { return other }
        // When the exponents are far apart the smaller term is below the
        // 18-digit precision and cannot change the result.
        let gap = Int(exponent) - Int(other.exponent)
        if gap > 38 { return self.checked() }
        if gap < -38 { return other.checked() }
        let common = min(exponent, other.exponent)
        guard let a = DecimalNumber.scaled(significand, by: Int(exponent - common)),
              let b = DecimalNumber.scaled(other.significand, by: Int(other.exponent - common)) else {
            return nil
        }
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { return nil }
        return DecimalNumber.fitting(sum, exponent: Int(common))
    }

    /// What adding `count` values (`value(0)`, `value(1)`, …) one after
    /// another gives, in one pass, without gathering them — or nil
    /// where a step might round or fail, and the caller adds them one by
    /// one: a negative value, exponents more than 18 apart or below -18,
    /// or a sum past 18 digits. Within those bounds no step rounds (every
    /// partial sum lies between 0 and the total), and an exact sum has one
    /// normalised form.
    public static func sumWithoutRounding(count: Int, _ value: (Int) -> DecimalNumber) -> DecimalNumber? {
        var low = Int32.max
        var high = Int32.min
        for index in 0..<count {
            let term = value(index)
            guard term.significand != 0 else { continue }
            if term.significand < 0 { return nil }
            low = min(low, term.exponent)
            high = max(high, term.exponent)
        }
        guard low != Int32.max else { return .zero }
        guard low >= -18, Int(high) - Int(low) <= 18 else { return nil }
        let limit: Int128 = 999_999_999_999_999_999
        var total: Int128 = 0
        for index in 0..<count {
            let term = value(index)
            guard term.significand != 0 else { continue }
            // Each term is below 10^36 and the total stops at 10^18: no overflow.
            total += Int128(term.significand) * Int128(powerOfTen(Int(term.exponent - low)))
            if total > limit { return nil }
        }
        return fitting(total, exponent: Int(low))
    }

    public func subtracting(_ other: DecimalNumber) -> DecimalNumber? {
        adding(other.negated)
    }

    public func multiplied(by other: DecimalNumber) -> DecimalNumber? {
        let product = Int128(significand) * Int128(other.significand)
        return DecimalNumber.fitting(product, exponent: Int(exponent) + Int(other.exponent))
    }

    /// Division to 18 significant digits; nil on overflow or a zero divisor.
    public func divided(by other: DecimalNumber) -> DecimalNumber? {
        guard !other.isZero else { return nil }
        if isZero { return .zero }
        // On magnitudes, the sign put back at the end. The divisor fits 64
        // bits, so the division is two of the processor's own
        // (`divide(_:by:)`), not a call into the runtime for 128 bits.
        let numerator = UInt128(significand.magnitude) * 1_000_000_000_000_000_000
        let denominator = other.significand.magnitude
        var (quotient, remainder) = DecimalNumber.divide(numerator, by: denominator)
        // Half away from zero: the magnitude rounds up at half or more.
        if UInt128(remainder) * 2 >= UInt128(denominator) { quotient += 1 }
        // Below 2^63 × 10^18 < 2^123: the quotient fits an Int128.
        let signed = Int128(quotient)
        return DecimalNumber.fitting((significand < 0) != (other.significand < 0) ? -signed : signed,
                                     exponent: Int(exponent) - 18 - Int(other.exponent))
    }

    private func checked() -> DecimalNumber? { magnitudeIsOutOfRange ? nil : self }

    private static func scaled(_ value: Int64, by power: Int) -> Int128? {
        var result = Int128(value)
        for _ in 0..<power {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = product
        }
        return result
    }

    /// Rounds an Int128 significand into 18 digits and checks the range:
    /// digits are dropped one at a time, the last one dropped rounding
    /// half away from zero.
    ///
    /// Dropped from the magnitude, and in 64 bits once it fits them: a
    /// 128-bit division is a call into the runtime, and a quotient
    /// usually has only one or two digits too many.
    static func fitting(_ wide: Int128, exponent: Int) -> DecimalNumber? {
        var value = wide
        var scale = exponent
        let limit: UInt64 = 999_999_999_999_999_999
        if wide.magnitude > UInt128(limit) {
            var wideMagnitude = wide.magnitude
            var roundUp = false
            while wideMagnitude > UInt128(UInt64.max) {
                let (quotient, remainder) = DecimalNumber.divide(wideMagnitude, by: 10)
                roundUp = remainder >= 5
                wideMagnitude = quotient
                scale += 1
            }
            var magnitude = UInt64(wideMagnitude)
            while magnitude > limit {
                roundUp = magnitude % 10 >= 5
                magnitude /= 10
                scale += 1
            }
            if roundUp { magnitude += 1 }
            value = wide < 0 ? -Int128(magnitude) : Int128(magnitude)
        }
        if value == 0 { return .zero }
        guard scale > -10_000, scale < 10_000 else { return nil }
        let result = DecimalNumber(significand: Int64(value), exponent: Int32(scale))
        if result.magnitude < -DecimalNumber.maximumMagnitude { return .zero }
        return result.checked()
    }

    /// `value` divided by a nonzero `divisor` of 64 bits, with the
    /// remainder: long division by 64-bit digits, each step one hardware
    /// division of 128 bits by 64 (`dividingFullWidth`), where `/` and `%`
    /// on 128 bits are each a call into the runtime.
    static func divide(_ value: UInt128, by divisor: UInt64) -> (quotient: UInt128, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        let high = UInt64(truncatingIfNeeded: value >> 64)
        let low = UInt64(truncatingIfNeeded: value)
        let (highQuotient, highRemainder) = high.quotientAndRemainder(dividingBy: divisor)
        // The high remainder is below the divisor: the step cannot overflow.
        let (lowQuotient, remainder) = divisor.dividingFullWidth((high: highRemainder, low: low))
        return (UInt128(highQuotient) << 64 | UInt128(lowQuotient), remainder)
    }

    /// 10^power for power 0 … 19, all that fit a UInt64. A switch, not a
    /// static array: comparisons and sums ask for one per cell, and a
    /// static is checked for initialisation (a call) at every read.
    @inline(__always)
    static func powerOfTen(_ power: Int) -> UInt64 {
        switch power {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        case 9: return 1_000_000_000
        case 10: return 10_000_000_000
        case 11: return 100_000_000_000
        case 12: return 1_000_000_000_000
        case 13: return 10_000_000_000_000
        case 14: return 100_000_000_000_000
        case 15: return 1_000_000_000_000_000
        case 16: return 10_000_000_000_000_000
        case 17: return 100_000_000_000_000_000
        case 18: return 1_000_000_000_000_000_000
        case 19: return 10_000_000_000_000_000_000
        default: preconditionFailure("10^\(power) does not fit 64 bits")
        }
    }

    /// Decimal digits of `value` (1 for 0), from its bit length instead of
    /// a division per digit: comparisons of amounts ask for it per cell.
    static func digitCount(_ value: UInt64) -> Int {
        // floor(bits × log10 2) is the digit count or one less.
        let bits = UInt64.bitWidth - value.leadingZeroBitCount
        let estimate = (bits &* 1233) >> 12
        return value >= powerOfTen(estimate) ? estimate + 1 : max(estimate, 1)
    }

    private func pow10(_ power: Int) -> Double {
        var result = 1.0
        if power >= 0 { for _ in 0..<min(power, 400) { result *= 10 } } else { for _ in 0..<min(-power, 400) { result /= 10 } }
        return result
    }

    // MARK: Comparison

    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Exact three-way comparison: -1, 0 or 1.
    public static func compare(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Int {
        if lhs.exponent == rhs.exponent {
            return lhs.significand < rhs.significand ? -1 : (lhs.significand == rhs.significand ? 0 : 1)
        }
        // Exponents a few apart (1 GW against 500 MW in watts): the one with
        // the larger exponent scaled to the other's, when it fits 64 bits.
        let difference = Int(lhs.exponent) - Int(rhs.exponent)
        if difference > 0, difference < 19,
           case let (a, overflow) = lhs.significand.multipliedReportingOverflow(by: Int64(powerOfTen(difference))), !overflow {
            return a < rhs.significand ? -1 : (a == rhs.significand ? 0 : 1)
        }
        if difference < 0, difference > -19,
           case let (b, overflow) = rhs.significand.multipliedReportingOverflow(by: Int64(powerOfTen(-difference))), !overflow {
            return lhs.significand < b ? -1 : (lhs.significand == b ? 0 : 1)
        }
        let leftSign = lhs.significand.signum()
        let rightSign = rhs.significand.signum()
        if leftSign != rightSign { return leftSign < rightSign ? -1 : 1 }
        if leftSign == 0 { return 0 }
        // Same sign, both non-zero: the order of magnitude decides unless equal.
        let leftMagnitude = lhs.magnitude
        let rightMagnitude = rhs.magnitude
        if leftMagnitude != rightMagnitude {
            let larger = leftMagnitude > rightMagnitude
            return (larger == (leftSign > 0)) ? 1 : -1
        }
        let common = min(lhs.exponent, rhs.exponent)
        let a = scaled(lhs.significand, by: Int(lhs.exponent - common)) ?? 0
        let b = scaled(rhs.significand, by: Int(rhs.exponent - common)) ?? 0
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    // MARK: Text

    /// Plain decimal text without exponent notation or trailing zeros.
    ///
    /// Written digit by digit, from the last, into a string made at its
    /// final length: reports render a figure for most findings, and
    /// building the text from pieces cost several times as much.
    public var description: String {
        if significand == 0 { return "0" }
        let negative = significand < 0
        let magnitude = significand.magnitude
        var digitCount = 1
        var rest = magnitude / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        let zeros = exponent > 0 ? Int(exponent) : 0
        let fraction = exponent < 0 ? -Int(exponent) : 0
        // `digits` + zeros, `int.frac`, or `0.` + zeros + digits.
        let body = fraction == 0 ? digitCount + zeros : (digitCount > fraction ? digitCount + 1 : fraction + 2)
        let length = body + (negative ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { text in
            var position = length
            func put(_ byte: UInt8) {
                position -= 1
                text[position] = byte
            }
            for _ in 0..<zeros { put(UInt8(ascii: "0")) }
            var remaining = magnitude
            var written = 0
            repeat {
                if fraction > 0 && written == fraction { put(UInt8(ascii: ".")) }
                put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10))
                remaining /= 10
                written += 1
            } while remaining > 0
            if fraction > 0 && written <= fraction {
                while written < fraction {
                    put(UInt8(ascii: "0"))
                    written += 1
                }
                put(UInt8(ascii: "."))
                put(UInt8(ascii: "0"))
            }
            if negative { put(UInt8(ascii: "-")) }
            return length
        }
    }

    /// Rounded to at most `places` decimals, for display.
    public func rounded(toPlaces places: Int) -> DecimalNumber {
        guard Int(exponent) < -places else { return self }
        let drop = -places - Int(exponent)
        guard drop < 19 else { return .zero }
        var divisor: Int64 = 1
        for _ in 0..<drop { divisor *= 10 }
        var value = significand / divisor
        let rest = (significand % divisor).magnitude
        if rest * 2 >= divisor.magnitude { value += significand < 0 ? -1 : 1 }
        return DecimalNumber(significand: value, exponent: Int32(-places))
    }
}
