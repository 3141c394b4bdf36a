import DealRulesModel
@testable import DealRulesSyntax
import Testing

/// Every statement form, the optional period, block clauses in any order,
/// recovery, and literate line numbers.
@Suite struct StatementParserTests {
    static let cases: [(String, String)] = [
        ("if a, flag b", "(rule if when=a flag=b)"),
        ("if a, flag b severity high.", "(rule if when=a flag=b severity=high)"),
        ("if x is one of gas, coal, flag fossil.", "(rule if when=(one-of [(sym gas) (sym coal)] x) flag=fossil)"),
        ("when a then flag b severity LOW", "(rule when when=a flag=b severity=low)"),
        ("IF a, FLAG b", "(rule if when=a flag=b)"),
        ("if a, flag b. if c, flag d.", "(rule if when=a flag=b)\n(rule if when=c flag=d)"),
        ("rule \"R\"\n  when a\n   and b\n  flag f\n  severity high\n  message \"m {x}\"\n  tags t1, t two\n",
         "(rule block title=\"R\" when=(and a b) flag=f severity=high message=[\"m \" {x}] tags=[t1 t_two])"),
        ("rule \"R\" when a tags t flag f severity info", "(rule block title=\"R\" when=a flag=f severity=info tags=[t])"),
        ("rule \"R\" for each hyperscaler when a flag f", "(rule block title=\"R\" for-each=hyperscaler when=a flag=f)"),
        ("rule \"R\" for all deals when count of deals is at least 2 flag f",
         "(rule block title=\"R\" for-all-deals when=(>= (number \"2\") (count of=deals)) flag=f)"),
        ("rule \"A\" when a flag f\nwhen b then flag g", "(rule block title=\"A\" when=a flag=f)\n(rule when when=b flag=g)"),
        ("define long lock-in as term is at least 10 years.", "(define long_lock-in (>= (duration (months/years) \"10 years\") term))"),
        ("define v as deal value / capacity", "(define v (/ deal_value capacity))"),
        ("use \"common/power.rules\"", "(use \"common/power.rules\")"),
        ("field capacity: power", "(field capacity power)"),
        ("field chip roadmap: one of validated, unvalidated, mixed, none", "(field chip_roadmap (one-of validated unvalidated mixed none))"),
        ("field parties: list of { name: text, role: one of lab, hyperscaler, utility }",
         "(field parties (list-of {name: text, role: (one-of lab hyperscaler utility)}))"),
        ("field x: { role: one of a, b, name: text }", "(field x {role: (one-of a b), name: text})"),
        ("field count: number", "(field count number)"),
        ("field r: one of a, none\nfield exclusive: boolean", "(field r (one-of a none))\n(field exclusive boolean)"),
        ("test \"t\"\n  as of 2026-11-24\n  given deal { a: 5 GW, b: unvalidated, c: unknown, d: [x, y], e: { f: yes } }\n  expect f",
         "(test \"t\" (as-of 2026-11-24) (given-deal {a: (power \"5 GW\"), b: (sym unvalidated), c: (unknown \"unknown\"), d: [(sym x) (sym y)], e: {f: (boolean \"true\")}}) (expect f))"),
        ("test \"t\" as of 2026 given deals [{ a: 1 }, { a: 2 }] expect 2 findings expect no g expect undetermined h expect f for \"d-1\" severity high",
         "(test \"t\" (as-of 2026) (given-deals {a: (number \"1\")} {a: (number \"2\")}) (expect-count 2) (expect-no g) (expect-undetermined h) (expect f for=\"d-1\" severity=high))"),
        ("test \"t\" given deals from \"fixtures/deals.yaml\" expect 1 finding", "(test \"t\" (given-deals-from \"fixtures/deals.yaml\") (expect-count 1))"),
        ("test \"t\" given deal { deal value: $100 billion (reported, \"Press reports\"), x: 1 (estimated) }",
         "(test \"t\" (given-deal {deal_value: (money (USD) \"$100 billion\") status=reported source=\"Press reports\", x: (number \"1\") status=estimated}))"),
        ("if a, flag one. if b, flag any big severity low\nif c, flag not all and more.", "(rule if when=a flag=one)\n(rule if when=b flag=any_big severity=low)\n(rule if when=c flag=not_all_and_more)"),
        ("rule \"R\" when a flag all big tags any, one\ntest \"t\" expect no all big expect any big for \"x\"",
         "(rule block title=\"R\" when=a flag=all_big tags=[any one])\n(test \"t\" (expect-no all_big) (expect any_big for=\"x\"))"),
        ("# only a comment\n", ""),
        ("", ""),
    ]

    @Test(arguments: cases)
    func parses(_ input: String, _ expected: String) {
        #expect(SyntaxFixtures.dump(input) == expected)
    }

    static let errors: [(String, [String])] = [
        ("if a, flag b if c, flag d", ["test.rules:1:14: error[E110]: expected the end of the statement, found `if`"]),
        ("if a, flag big deal severty high", ["test.rules:1:12: error[E114]: `severty` is not a keyword, so it became part of the flag name `big deal severty high`"]),
        ("if capacity >= 5 GW && x != y, flag big.", ["test.rules:1:13: error[E100]: `>=` is not part of the language",
                                                      "test.rules:1:21: error[E100]: `&&` is not part of the language",
                                                      "test.rules:1:26: error[E100]: `!=` is not part of the language"]),
        ("if a flag b", ["test.rules:1:6: error[E110]: expected `,` before `flag`, found `flag`"]),
        ("if a then flag b", ["test.rules:1:6: error[E110]: expected `, flag` after the condition, found `then`"]),
        ("if a, flag b severity hgh", ["test.rules:1:23: error[E114]: unknown severity level `hgh`"]),
        ("rule \"R\" when a severity high", ["test.rules:1:6: error[E116]: rule \"R\" has no `flag` clause"]),
        ("rule \"R\" when a severity high extra", ["test.rules:1:31: error[E110]: expected `flag`, `severity`, `message` or `tags` in rule \"R\", found `extra`"]),
        ("rule \"R\" when a flag f flag g", ["test.rules:1:24: error[E115]: `flag` is given twice in one rule"]),
        ("field x: numbr", ["test.rules:1:10: error[E119]: unknown type `numbr`"]),
        ("defne x as 5", ["test.rules:1:1: error[E112]: expected a statement, found `defne`"]),
        ("rule \"R\" when a flag f message \"{}\"", ["test.rules:1:33: error[E118]: empty `{}` in a message"]),
        ("rule \"R\" when a flag f message \"{a +}\"", ["test.rules:1:37: error[E111]: expected a value after `+`, found `}`"]),
        ("rule \"R\" when a flag f message \"{a\"", ["test.rules:1:33: error[E118]: `{` in a message is never closed"]),
        // recovery: every error of the file in one run
        ("if a is, flag b.\nif c, flag d.\nif e and, flag f.\ndefne x as 1\nif g, flag h severity hihg",
         ["test.rules:1:8: error[E111]: expected a value after `is`, found `,`",
          "test.rules:3:9: error[E111]: expected a condition after `and`, found `,`",
          "test.rules:4:1: error[E112]: expected a statement, found `defne`",
          "test.rules:5:23: error[E114]: unknown severity level `hihg`"]),
        ("rule \"R\" for sale\n  when a\n  flag f\nif b, flag c.\nif d, flag",
         ["test.rules:1:14: error[E110]: expected `each` or `all deals` after `for`, found `sale`",
          "test.rules:5:11: error[E110]: expected a flag name after `flag`, but the input ended"]),
    ]

    @Test(arguments: errors)
    func reports(_ input: String, _ expected: [String]) {
        #expect(SyntaxFixtures.parse(input).diagnostics.map(\.description) == expected)
    }

    @Test func recoveredStatementsAreKept() {
        let parsed = SyntaxFixtures.parse("if a is, flag b.\nif c, flag d.\n")
        #expect(SyntaxDump.dump(parsed.statements) == "(rule if when=c flag=d)")
    }

    @Test func conformanceSyntaxErrorIsLocated() throws {
        let url = URL(fileURLWithPath: "/work/shared/conformance/cases/14-syntax-error-located/broken.rules")
        let source = try #require(SyntaxFixtures.read(url))
        let parsed = Parser.parse(SourceFile(path: "broken.rules", text: source.text))
        #expect(parsed.diagnostics.first?.description.hasPrefix("broken.rules:3:") == true)
    }

    @Test func literateFilesKeepMarkdownLineNumbers() {
        let text = "# Memo\n\nProse with if and flag words.\n\n```rules\nif a, flag b.\n```\n\nMore prose.\n\n~~~ rules\nif c is, flag d.\n~~~\n```swift\nif x\n```\n"
        let parsed = SyntaxFixtures.parse(text, path: "memo.rules.md")
        #expect(parsed.statements.count == 1)
        #expect(parsed.statements.first?.span.location.line == 6)
        #expect(parsed.diagnostics.map(\.description) == ["memo.rules.md:12:8: error[E111]: expected a value after `is`, found `,`"])
        #expect(parsed.source.text == text)
    }

    @Test func literateUnclosedFenceRunsToTheEnd() {
        let parsed = SyntaxFixtures.parse("text\n```rules\nif a, flag b.\n", path: "m.rules.md")
        #expect(SyntaxDump.dump(parsed.statements) == "(rule if when=a flag=b)")
    }

    @Test func plainRulesFileIsNotLiterate() {
        let parsed = SyntaxFixtures.parse("```rules\nif a, flag b.\n```\n", path: "x.rules")
        #expect(!parsed.diagnostics.isEmpty)
    }

    @Test func messageInterpolationSpans() throws {
        let source = SyntaxFixtures.source("rule \"R\" when a flag f message \"Target {capacity target} \\{x} on {deal value / 2}\"")
        let parsed = Parser.parse(source)
        guard case .rule(let rule)? = parsed.statements.first, let message = rule.message else {
            Issue.record("no message")
            return
        }
        #expect(message.parts.count == 4)
        if case .interpolation(let expression) = message.parts[1] {
            #expect(expression.span.text == "capacity target")
        } else {
            Issue.record("second part is not an interpolation")
        }
        if case .text(let text) = message.parts[2] { #expect(text == " {x} on ") }
    }
}

import Foundation
