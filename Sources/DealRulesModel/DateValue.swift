import Foundation

/// A calendar date with its precision. A year- or month-precision date
/// stands for the whole period (LANGUAGE.md §6.4), so every date is also a
/// closed range of days, `firstDay...lastDay`, counted from 1970-01-01.
public struct DateValue: Hashable, Sendable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day

        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Years the language accepts; anything outside is an error, never a trap.
    public static let validYears = 1...9999

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }
    public let precision: Precision

    /// Days of the period (`firstDay...lastDay`), worked out once: a rule
    /// pass reads them for every date of every deal. Years 1–9999 fit 16
    /// bits and their day numbers 32, so a date is 16 bytes, not 32.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8
    private let storedFirstDay: Int32
    private let storedLastDay: Int32

    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard DateValue.validYears.contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard day >= 1, day <= DateValue.daysIn(year: year, month: month) else { return nil }
                self.init(validYear: year, month: month, day: day, precision: .day)
            } else {
                self.init(validYear: year, month: month, day: 1, precision: .month)
            }
        } else {
            guard day == nil else { return nil }
            self.init(validYear: year, month: 1, day: 1, precision: .year)
        }
    }

    /// Parses `2028`, `2028-06` or `2028-06-30` (exactly these shapes).
    public static func parse<S: StringProtocol>(_ text: S) -> DateValue? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4 else { return nil }
        guard parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        guard let year = Int(parts[0]) else { return nil }
        let month = parts.count > 1 ? Int(parts[1]) : nil
        let day = parts.count > 2 ? Int(parts[2]) : nil
        return DateValue(year: year, month: month, day: day)
    }

    /// A date already checked: a year of `validYears`, a month of 1–12 and
    /// a day of that month.
    private init(validYear year: Int, month: Int, day: Int, precision: Precision) {
        self.storedYear = Int16(truncatingIfNeeded: year)
        self.storedMonth = UInt8(truncatingIfNeeded: month)
        self.storedDay = UInt8(truncatingIfNeeded: day)
        self.precision = precision
        let first = DateValue.days(year: year, month: month, day: day)
        let last: Int
        switch precision {
        case .day: last = first
        case .month: last = DateValue.days(year: year, month: month, day: DateValue.daysIn(year: year, month: month))
        case .year: last = DateValue.days(year: year, month: 12, day: 31)
        }
        self.storedFirstDay = Int32(truncatingIfNeeded: first)
        self.storedLastDay = Int32(truncatingIfNeeded: last)
    }

    /// 1970-01-01 (day number 0).
    public static let epoch = DateValue(validYear: 1970, month: 1, day: 1, precision: .day)

    /// Today's date in UTC: the default as-of date.
    public static var todayUTC: DateValue {
        let seconds = Int(Date().timeIntervalSince1970)
        return DateValue(dayNumber: seconds / 86_400) ?? epoch
    }

    /// A day-precision date from a day number.
    public init?(dayNumber: Int) {
        guard let (year, month, day) = DateValue.civil(fromDays: dayNumber) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var firstDay: Int { Int(storedFirstDay) }

    public var lastDay: Int { Int(storedLastDay) }

    /// Adds calendar months to a day-precision view of the date, clamping to
    /// the month's end (2024-02-29 + 12 months is 2025-02-28). Keeps precision.
    public func adding(months: Int) -> DateValue? {
        let (total, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        guard !overflow else { return nil }
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        guard DateValue.validYears.contains(newYear) else { return nil }
        switch precision {
        case .year: return DateValue(year: newYear)
        case .month: return DateValue(year: newYear, month: newMonth)
        case .day: return DateValue(year: newYear, month: newMonth, day: min(day, DateValue.daysIn(year: newYear, month: newMonth)))
        }
    }

    /// Adds days; the result has day precision (a period shifted by days is
    /// no longer a calendar month or year).
    public func adding(days: Int) -> DateValue? {
        let (target, overflow) = firstDay.addingReportingOverflow(days)
        guard !overflow else { return nil }
        return DateValue(dayNumber: target)
    }

    public var description: String {
        let y = String(year).leftPadded(to: 4)
        switch precision {
        case .year: return y
        case .month: return "\(y)-\(String(month).leftPadded(to: 2))"
        case .day: return "\(y)-\(String(month).leftPadded(to: 2))-\(String(day).leftPadded(to: 2))"
        }
    }

    // MARK: Calendar arithmetic (proleptic Gregorian)

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a valid civil date.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day number, or nil outside years 1...9999.
    public static func civil(fromDays days: Int) -> (Int, Int, Int)? {
        // Bound first so the arithmetic below cannot overflow.
        guard days > -800_000, days < 3_000_000 else { return nil }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard validYears.contains(year) else { return nil }
        return (year, month, day)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
