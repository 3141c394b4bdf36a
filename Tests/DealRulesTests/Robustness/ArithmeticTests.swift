import Testing
@testable import DealRules
import DealRulesData
import DealRulesModel

/// Arithmetic and dates never trap: overflow, huge exponents, division by
/// zero and dates at the ends of the calendar give errors with a place, or
/// undetermined outcomes with a reason.
@Suite("Robustness: arithmetic and dates")
struct RobustnessArithmeticTests {
    static func reasons(_ report: CheckReport, rule: String, subject: String) -> String {
        report.undetermined.filter { $0.rule.name == rule && $0.subject == subject }
            .flatMap(\.reasons).map { $0.message ?? "\($0.problem.rawValue) \($0.field ?? "")" }.joined(separator: "; ")
    }

    @Test func overflowIsUndeterminedWithItsReason() throws {
        let rules = """
        if $999999999999999999 trillion * 1000000 is more than $1, flag at the edge.
        if $999999999999999999 trillion * 1000000 * 1000000 is more than $1, flag literal overflow.
        if deal value * 1000000 * 1000000 is more than $1, flag data overflow.
        if deal value + deal value is more than $1, flag sum.
        """
        let run = try #require(RobustnessFixtures.run(rules, data: "- {id: big, deal value: $999999999999999999 trillion}\n"))
        #expect(run.data.diagnostics.isEmpty)
        // 10^36 still holds exactly; beyond it is overflow, never a wrong answer.
        #expect(RobustnessFixtures.outcome(run.report, rule: "at the edge", subject: "big") == "finding")
        #expect(RobustnessFixtures.outcome(run.report, rule: "literal overflow", subject: "big") == "undetermined")
        #expect(Self.reasons(run.report, rule: "literal overflow", subject: "big").contains("overflow"))
        #expect(RobustnessFixtures.outcome(run.report, rule: "data overflow", subject: "big") == "undetermined")
        #expect(Self.reasons(run.report, rule: "data overflow", subject: "big").contains("overflow"))
        #expect(RobustnessFixtures.outcome(run.report, rule: "sum", subject: "big") == "finding")
    }

    @Test func decimalArithmeticReportsOverflowAsNil() {
        let largest = DecimalNumber(significand: Int64.max)
        #expect(largest.multiplied(by: largest) == nil)
        #expect(DecimalNumber(significand: 1, exponent: 36).multiplied(by: DecimalNumber(10)) == nil)
        #expect(DecimalNumber(1).divided(by: .zero) == nil)
        // Int64.min has no positive twin in Int64; the result is rounded, not trapped.
        #expect(DecimalNumber(significand: Int64.min).multiplied(by: DecimalNumber(-1)) != nil)
        #expect(DecimalNumber(significand: Int64.min).divided(by: DecimalNumber(-1)) != nil)
        #expect(DecimalNumber(significand: Int64.min).subtracting(largest) != nil)
    }

    @Test(arguments: [DataFormat.json, .ndjson, .yaml, .csv])
    func hugeExponentsInDataAreDataErrors(format: DataFormat) throws {
        let text: String
        switch format {
        case .json: text = "[{\"id\": \"e\", \"deal value\": 1e999999, \"capacity\": 1e-999999}]"
        case .ndjson: text = "{\"id\": \"e\", \"deal value\": 1e999999, \"capacity\": 1e-999999}\n"
        case .yaml: text = "- {id: e, deal value: 1e999999, capacity: 1e-999999}\n"
        case .csv: text = "id,deal value,capacity\ne,1e999999,1e-999999\n"
        }
        let loaded = DataLoader.load(bytes: Array(text.utf8), path: "huge", format: format)
        let codes = loaded.diagnostics.map(\.code)
        #expect(codes == ["E426", "E426"], "codes: \(codes)")
        #expect(loaded.diagnostics.allSatisfy { $0.resolvedLocation != nil })
        // The deal itself is kept: the number is missing, not the deal.
        #expect(loaded.deals.count == 1)
        let run = try #require(RobustnessFixtures.run(
            "if deal value / capacity is more than $1 per GW, flag ratio.", data: text, format: format))
        #expect(RobustnessFixtures.outcome(run.report, rule: "ratio", subject: "e") == "undetermined")
    }

    @Test func divisionByZeroIsUndetermined() throws {
        let rules = """
        if deal value / capacity is more than $1 per GW, flag per power.
        if deal value / 0 is more than $1, flag by literal zero.
        if 1 / (capacity / 1 GW - 2) is more than 0, flag nested zero.
        """
        let run = try #require(RobustnessFixtures.run(rules, data: "- {id: z, deal value: $5 billion, capacity: 0 GW}\n- {id: two, deal value: $5 billion, capacity: 2 GW}\n"))
        for rule in ["per power", "by literal zero"] {
            #expect(RobustnessFixtures.outcome(run.report, rule: rule, subject: "z") == "undetermined")
            #expect(Self.reasons(run.report, rule: rule, subject: "z").contains("division by zero"))
        }
        #expect(RobustnessFixtures.outcome(run.report, rule: "nested zero", subject: "two") == "undetermined")
        #expect(Self.reasons(run.report, rule: "nested zero", subject: "two").contains("division by zero"))
        #expect(RobustnessFixtures.outcome(run.report, rule: "nested zero", subject: "z") == "clear")
    }

    @Test func datesAtTheEndsOfTheCalendar() throws {
        let rules = """
        if 9999-12 is beyond 1 year, flag far literal.
        if capacity target is beyond 1 year, flag far target.
        if capacity target + 1 year is after 2028, flag year later.
        if capacity target - 1 day is before 2028, flag day earlier.
        if capacity target is before 2028, flag early.
        """
        let data = """
        - {id: y1, capacity target: 0001-01-01}
        - {id: y9999, capacity target: 9999-12-31}
        - {id: y9999m, capacity target: 9999-12}
        - {id: y0, capacity target: 0000-01-01}
        - {id: y10000, capacity target: 10000-01-01}
        - {id: n0, capacity target: 0}
        """
        let run = try #require(RobustnessFixtures.run(rules, data: data))
        let outcome = { (rule: String, subject: String) in RobustnessFixtures.outcome(run.report, rule: rule, subject: subject) }
        #expect(outcome("far literal", "y1") == "finding")
        #expect(outcome("early", "y1") == "finding")
        #expect(outcome("day earlier", "y1") == "undetermined")
        #expect(Self.reasons(run.report, rule: "day earlier", subject: "y1").contains("years 1–9999"))
        #expect(outcome("far target", "y9999") == "finding")
        #expect(outcome("year later", "y9999") == "undetermined")
        #expect(outcome("year later", "y9999m") == "undetermined")
        // Years outside 1…9999 are not dates: each use says so.
        for subject in ["y0", "y10000", "n0"] {
            #expect(outcome("far target", subject) == "undetermined")
            #expect(Self.reasons(run.report, rule: "far target", subject: subject).contains("not a date"))
        }

        // An as-of date at the end of the calendar: `beyond` reaches past it.
        let lastDay = try #require(DateValue(year: 9999, month: 12, day: 31))
        let late = try #require(RobustnessFixtures.run(rules, data: data, asOf: lastDay))
        #expect(RobustnessFixtures.outcome(late.report, rule: "far literal", subject: "y1") == "undetermined")
        #expect(!Self.reasons(late.report, rule: "far literal", subject: "y1").isEmpty)
        let firstDay = try #require(DateValue(year: 1, month: 1, day: 1))
        let early = try #require(RobustnessFixtures.run(rules, data: data, asOf: firstDay))
        #expect(RobustnessFixtures.outcome(early.report, rule: "far target", subject: "y1") == "clear")
    }

    /// 10000 is not a year (years run 1…9999), so it is a number; the reason
    /// names it, not the field it was compared with.
    @Test func yearTenThousandAsALiteralIsNotADate() throws {
        let run = try #require(RobustnessFixtures.run("if capacity target is before 10000, flag ten thousand.",
                                                      data: "- {id: a, capacity target: 2028-06}\n"))
        #expect(RobustnessFixtures.outcome(run.report, rule: "ten thousand", subject: "a") == "undetermined")
        let reason = Self.reasons(run.report, rule: "ten thousand", subject: "a")
        #expect(reason.contains("(10000), not a date"), "\(reason)")
        #expect(!reason.contains("is a date"), "\(reason)")
    }

    @Test func outOfRangeDateLiteralsAreSyntaxErrors() {
        for literal in ["0000-01-01", "2026-13", "2026-02-30"] {
            let checked = RobustnessFixtures.check("if capacity target is before \(literal), flag odd.")
            #expect(checked.program == nil)
            #expect(RobustnessFixtures.codes(checked.diagnostics) == ["E105"], "\(literal)")
        }
    }
}
