import DealRulesModel
@testable import DealRulesSyntax
import Testing

/// Every expression form, precedence and the extent of `where`, checked
/// through the span-free dump.
@Suite struct ExpressionParserTests {
    static let cases: [(String, String)] = [
        // references and paths
        ("chip roadmap", "chip_roadmap"),
        ("power.source", "power.source"),
        ("deal value's source", "deal_value.source"),
        ("`if`", "`if`"),
        ("source of deal value", "(project source of=deal_value)"),
        ("name of parties where role is hyperscaler", "(project name of=parties where=(is (sym hyperscaler) role))"),
        // precedence
        ("a or b and c", "(or a (and b c))"),
        ("not a and b", "(and (not a) b)"),
        ("not a is b", "(not (is (sym b) a))"),
        ("not not a", "(not (not a))"),
        ("(a or b) and c", "(and (group (or a b)) c)"),
        ("a + b * c - d / e is more than 5", "(> (number \"5\") (- (+ a (* b c)) (/ d e)))"),
        ("a - b - c", "(- (- a b) c)"),
        // comparisons
        ("x is natural gas", "(is (sym natural_gas) x)"),
        ("x are y", "(is (sym y) x)"),
        ("x is not y", "(not-is (sym y) x)"),
        ("x is (other field)", "(is (group other_field) x)"),
        ("x is 5000 MW", "(is (power \"5000 MW\") x)"),
        ("x is \"text\"", "(is (text \"text\") x)"),
        ("x is true", "(is (boolean \"true\") x)"),
        ("x is no", "(is (boolean \"false\") x)"),
        ("x is one of gas, coal", "(one-of [(sym gas) (sym coal)] x)"),
        ("x is not one of 1, \"b\", natural gas", "(not-one-of [(number \"1\") (text \"b\") (sym natural_gas)] x)"),
        ("x is more than 5", "(> (number \"5\") x)"),
        ("x is greater than y", "(> y x)"),
        ("x exceeds $5B", "(> (money (USD) \"$5 billion\") x)"),
        ("x is at least y + 1", "(>= (+ y (number \"1\")) x)"),
        ("x is less than 5", "(< (number \"5\") x)"),
        ("x is at most 5", "(<= (number \"5\") x)"),
        ("x is between 1 GW and 5 GW", "(between (power \"1 GW\") (power \"5 GW\") x)"),
        ("x is between a and b and c", "(and (between a b x) c)"),
        ("x contains Trainium3", "(contains (sym Trainium3) x)"),
        ("x is confirmed", "(status confirmed x)"),
        ("x is not reported", "(not-status reported x)"),
        ("x is estimated", "(status estimated x)"),
        ("x is before 2025", "(before (number \"2025\") x)"),
        ("x is after 2025-06", "(after (date \"2025-06\") x)"),
        ("x is beyond 2 years", "(beyond (duration (months/years) \"2 years\") x)"),
        ("x is within 18 months", "(within (duration (months/years) \"18 months\") x)"),
        ("x is known", "(known x)"),
        ("x is unknown", "(unknown x)"),
        ("x is missing", "(missing x)"),
        ("x is not missing", "(not-missing x)"),
        // collections and aggregates
        ("any party where role is utility", "(any party where=(is (sym utility) role))"),
        ("every chip where validated", "(every chip where=validated)"),
        ("no party where role is lab", "(no party where=(is (sym lab) role))"),
        ("every chip", "(every chip)"),
        ("count of parties", "(count of=parties)"),
        ("count of parties is at least 3", "(>= (number \"3\") (count of=parties))"),
        ("count of deals where exclusivity is exclusive is at least 3",
         "(>= (number \"3\") (count of=deals where=(is (sym exclusive) exclusivity)))"),
        ("count of deals where a is b and c is d is at least 3",
         "(>= (number \"3\") (count of=deals where=(and (is (sym b) a) (is (sym d) c))))"),
        ("(any party where role is utility) and exclusive",
         "(and (group (any party where=(is (sym utility) role))) exclusive)"),
        ("any party where role is utility and exclusive",
         "(any party where=(and (is (sym utility) role) exclusive))"),
        ("sum of capacity of facilities where online", "(sum field=capacity of=facilities where=online)"),
        ("sum of capacity", "(sum field=capacity)"),
        ("average of deal value", "(average field=deal_value)"),
        ("minimum of term", "(minimum field=term)"),
        ("maximum of capacity of sites", "(maximum field=capacity of=sites)"),
        ("share of capacity is more than 40%", "(> (percentage \"40%\") (share field=capacity))"),
        ("count of facilities of campus", "(count of=campus.facilities)"),
        ("deal count", "deal_count"),
        ("no", "(boolean \"false\")"),
        ("yes or false", "(or (boolean \"true\") (boolean \"false\"))"),
    ]

    @Test(arguments: cases)
    func parses(_ input: String, _ expected: String) {
        #expect(SyntaxFixtures.dumpExpression(input) == expected)
    }

    static let errors: [(String, String)] = [
        ("x is", "error[E111]: expected a value after `is`, but the input ended"),
        ("x is at lest 5", "error[E110]: expected `least` or `most` after `is at`, found `lest`"),
        ("x is at least", "error[E111]: expected a value after `is at least`, but the input ended"),
        ("a and", "error[E111]: expected a condition after `and`, but the input ended"),
        ("(a is b", "error[E113]: expected `)` to close the `(` at line 1, column 1, but the input ended"),
        ("a is b is c", "error[E117]: a comparison cannot directly follow another comparison, found `is`"),
        ("(a is b is c)", "error[E117]: a comparison cannot directly follow another comparison, found `is`"),
        ("x is between 1 or 2", "error[E110]: expected `and` in `is between … and …`, found `or`"),
        ("x is betwen 1 and 2", "error[E110]: unknown comparison `is betwen`"),
        ("x is big 5", "error[E110]: expected a comparison or the end of the condition after `is big`, found `5`"),
        ("x is mroe than 5", "error[E110]: unknown comparison `is mroe than`"),
    ]

    @Test(arguments: errors)
    func reports(_ input: String, _ expected: String) {
        let (_, diagnostics) = Parser.parseExpression(SyntaxFixtures.source(input))
        #expect(diagnostics.first.map { "\($0.severity.rawValue)[\($0.code)]: \($0.message)" } == expected)
    }

    @Test func spansPointAtTheText() {
        let source = SyntaxFixtures.source("capacity is at least 5 GW")
        guard let expression = Parser.parseExpression(source).0, case .comparison(let comparison) = expression else {
            Issue.record("not a comparison")
            return
        }
        #expect(comparison.operatorSpan.text == "is at least")
        #expect(comparison.subject.span.text == "capacity")
        #expect(comparison.span.text == "capacity is at least 5 GW")
    }
}
