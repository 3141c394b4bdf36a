import DealRulesModel
import Testing

@Suite("DateValue")
struct DateValueTests {
    @Test("parses the three shapes", arguments: [
        ("2028", "2028", DateValue.Precision.year), ("2028-06", "2028-06", .month), ("2028-06-30", "2028-06-30", .day),
        ("0001-01-01", "0001-01-01", .day), ("9999-12-31", "9999-12-31", .day), ("2024-02-29", "2024-02-29", .day),
    ])
    func parses(text: String, rendered: String, precision: DateValue.Precision) {
        let date = DateValue.parse(text)
        #expect(date?.description == rendered)
        #expect(date?.precision == precision)
    }

    @Test("rejects invalid dates", arguments: [
        "2023-02-29", "2028-13", "2028-00", "2028-06-31", "2028-6", "28-06-01", "0000", "10000", "2028-06-00",
        "2028/06", "２０２８", "2028-06-30-01", "", "abcd", "1900-02-29",
    ])
    func rejects(text: String) {
        #expect(DateValue.parse(text) == nil)
    }

    @Test("first and last days of a period", arguments: [
        ("2028", "2028-01-01", "2028-12-31"), ("2028-02", "2028-02-01", "2028-02-29"), ("2027-02", "2027-02-01", "2027-02-28"),
        ("2028-06-15", "2028-06-15", "2028-06-15"), ("2000-12", "2000-12-01", "2000-12-31"),
    ])
    func period(text: String, first: String, last: String) {
        guard let date = DateValue.parse(text), let a = DateValue.parse(first), let b = DateValue.parse(last) else {
            Issue.record("bad fixture")
            return
        }
        #expect(date.firstDay == a.firstDay)
        #expect(date.lastDay == b.firstDay)
    }

    @Test("day numbers round-trip")
    func dayNumbers() {
        #expect(DateValue.epoch.firstDay == 0)
        #expect(DateValue.parse("1970-01-02")?.firstDay == 1)
        #expect(DateValue.parse("1969-12-31")?.firstDay == -1)
        for text in ["0001-01-01", "1600-02-29", "2024-02-29", "2026-11-24", "9999-12-31"] {
            guard let date = DateValue.parse(text) else { Issue.record("\(text)"); continue }
            #expect(DateValue(dayNumber: date.firstDay)?.description == text)
        }
        #expect(DateValue(dayNumber: Int.max) == nil)
        #expect(DateValue(dayNumber: Int.min) == nil)
    }

    /// Days are worked out when a date is made and kept in 16 bytes: they
    /// must equal the calendar's count for every precision, at the ends of
    /// the valid years too.
    @Test("stored days equal the calendar's count")
    func storedDays() {
        #expect(MemoryLayout<DateValue>.size <= 16)
        for year in [1, 2, 4, 100, 400, 1582, 1900, 1969, 1970, 2000, 2024, 2026, 2028, 2100, 9998, 9999] {
            guard let whole = DateValue(year: year) else { Issue.record("year \(year)"); continue }
            #expect(whole.year == year && whole.month == 1 && whole.day == 1 && whole.precision == .year)
            #expect(whole.firstDay == DateValue.days(year: year, month: 1, day: 1))
            #expect(whole.lastDay == DateValue.days(year: year, month: 12, day: 31))
            for month in 1...12 {
                let last = DateValue.daysIn(year: year, month: month)
                guard let period = DateValue(year: year, month: month), let end = DateValue(year: year, month: month, day: last) else {
                    Issue.record("\(year)-\(month)"); continue
                }
                #expect(period.month == month && period.precision == .month)
                #expect(period.firstDay == DateValue.days(year: year, month: month, day: 1))
                #expect(period.lastDay == DateValue.days(year: year, month: month, day: last))
                #expect(end.day == last && end.firstDay == end.lastDay && end.lastDay == period.lastDay)
            }
        }
        // Equal dates are equal values with equal hashes, however made.
        let parsed = DateValue.parse("2028-06-30")
        let made = DateValue(year: 2028, month: 6, day: 30)
        let counted = parsed.flatMap { DateValue(dayNumber: $0.firstDay) }
        #expect(parsed == made && made == counted && parsed?.hashValue == counted?.hashValue)
        #expect(DateValue.parse("2028") != DateValue.parse("2028-01-01"))
    }

    @Test("adds months with clamping", arguments: [
        ("2024-02-29", 12, "2025-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"),
        ("2024-03-31", -1, "2024-02-29"), ("2024-05-31", 13, "2025-06-30"), ("2028-06", 6, "2028-12"),
        ("2028", 12, "2029"), ("2028-11", 2, "2029-01"), ("2028-01", -1, "2027-12"), ("0001-01-31", 1, "0001-02-28"),
    ])
    func addMonths(text: String, months: Int, expected: String) {
        #expect(DateValue.parse(text)?.adding(months: months)?.description == expected)
    }

    @Test("adds days", arguments: [
        ("2024-12-31", 1, "2025-01-01"), ("2024-02-28", 7, "2024-03-06"), ("2024-03-01", -1, "2024-02-29"),
        ("2028-06", 0, "2028-06-01"),
    ])
    func addDays(text: String, days: Int, expected: String) {
        #expect(DateValue.parse(text)?.adding(days: days)?.description == expected)
    }

    @Test("leaving years 1 to 9999 gives nil, never a trap")
    func bounds() {
        #expect(DateValue.parse("9999-12-31")?.adding(days: 1) == nil)
        #expect(DateValue.parse("0001-01-01")?.adding(days: -1) == nil)
        #expect(DateValue.parse("9999")?.adding(months: 12) == nil)
        #expect(DateValue.parse("0001")?.adding(months: -1) == nil)
        #expect(DateValue.parse("2028")?.adding(months: Int.max) == nil)
        #expect(DateValue.parse("2028")?.adding(days: Int.max) == nil)
        #expect(DateValue(year: 0) == nil)
        #expect(DateValue(year: 10000) == nil)
        #expect(DateValue(year: 2028, day: 5) == nil)
    }

    @Test("leap years")
    func leapYears() {
        #expect(DateValue.isLeap(2024))
        #expect(DateValue.isLeap(2000))
        #expect(!DateValue.isLeap(1900))
        #expect(!DateValue.isLeap(2027))
    }
}
