import DealRulesModel
@testable import DealRulesSyntax
import Testing

/// Random well-formed rules: `fmt` must keep their meaning and be
/// idempotent, whatever mix of forms they use.
@Suite struct RoundTripTests {
    struct Generator {
        var random: SyntaxSoupGenerator

        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

        mutating func reference() -> String {
            pick(["deal value", "power.source", "deal value's source", "source of deal value", "`if`", "capacity", "Chip Roadmap"])
        }

        mutating func literal() -> String {
            pick(["5 GW", "$27B", "$1.5 bn", "40%", "2028-06", "\"text\"", "-3", "1_000", "EUR 4 billion", "$20 billion per GW", "10 years"])
        }

        mutating func value(_ depth: Int) -> String {
            guard depth > 0 else { return pick([reference(), literal()]) }
            switch random.next() % 5 {
            case 0: return value(depth - 1) + pick([" + ", " - ", " * ", " / "]) + value(depth - 1)
            case 1: return "(" + value(depth - 1) + ")"
            case 2: return pick(["sum of capacity of facilities", "count of parties", "share of capacity", "average of term"])
            default: return pick([reference(), literal()])
            }
        }

        mutating func comparison(_ depth: Int) -> String {
            let subject = reference()
            switch random.next() % 12 {
            case 0: return subject + pick([" is natural gas", " are unvalidated", " is not mixed", " is yes", " is (other field)"])
            case 1: return subject + pick([" is at least ", " is more than ", " exceeds ", " is less than ", " is at most ", " is greater than "]) + value(depth)
            case 2: return subject + " is between " + value(depth) + " and " + value(depth)
            case 3: return subject + pick([" is one of gas, coal", " is not one of 1, \"b\", natural gas"])
            case 4: return subject + pick([" contains Trainium3", " contains \"x\""])
            case 5: return subject + pick([" is known", " is unknown", " is missing", " is confirmed", " is not reported"])
            case 6: return subject + pick([" is before ", " is after ", " is beyond ", " is within "]) + literal()
            case 7: return "count of deals where " + condition(depth - 1) + " is at least 3"
            default: return subject
            }
        }

        mutating func condition(_ depth: Int) -> String {
            guard depth > 0 else { return comparison(0) }
            switch random.next() % 7 {
            case 0: return "not " + condition(depth - 1)
            case 1: return condition(depth - 1) + " and " + condition(depth - 1)
            case 2: return condition(depth - 1) + " or " + condition(depth - 1)
            case 3: return "(" + condition(depth - 1) + ")"
            case 4: return pick(["any party", "every chip", "no party"]) + " where " + condition(depth - 1)
            default: return comparison(depth - 1)
            }
        }

        mutating func statement() -> String {
            let condition = condition(3)
            switch random.next() % 4 {
            case 0: return "if \(condition), flag f severity high."
            case 1: return "when \(condition) then flag g"
            case 2: return "define d as \(condition)."
            default: return "rule \"R\" for each hyperscaler\n  when \(condition)\n  flag h\n  message \"{\(reference()) / \(pick(["2", "5 GW", "capacity"]))} and {\(reference())}\"\n  tags a, b"
            }
        }
    }

    @Test func formattingKeepsMeaningOfRandomRules() {
        var generator = Generator(random: SyntaxSoupGenerator(seed: 0xD1CE))
        for _ in 0..<400 {
            let text = generator.statement() + " # note\n"
            let parsed = SyntaxFixtures.parse(text)
            #expect(parsed.diagnostics.isEmpty, "\(text)\n\(parsed.diagnostics.map(\.description))")
            guard parsed.diagnostics.isEmpty else { continue }
            let formatted = Printer.format(parsed)
            let reparsed = SyntaxFixtures.parse(formatted)
            #expect(reparsed.diagnostics.isEmpty, "\(formatted)")
            #expect(SyntaxDump.dump(reparsed.statements) == SyntaxDump.dump(parsed.statements), "\(text)\n→ \(formatted)")
            #expect(Printer.format(reparsed) == formatted, "\(formatted)")
            #expect(formatted.contains("# note"))
        }
    }
}
