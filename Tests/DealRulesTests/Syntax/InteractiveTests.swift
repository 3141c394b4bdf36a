import DealRulesModel
@testable import DealRulesSyntax
import Testing

@Suite struct InteractiveTests {
    static func classify(_ text: String) -> String {
        switch Parser.parseInteractive(SyntaxFixtures.source(text, path: "<repl>")) {
        case .statements(let statements): return "statements \(statements.count)"
        case .expression: return "expression"
        case .incomplete: return "incomplete"
        case .invalid(let diagnostics): return "invalid " + diagnostics.map(\.code).joined(separator: ",")
        }
    }

    static let cases: [(String, String)] = [
        ("capacity is at least 5 GW", "expression"),
        ("deal value / capacity", "expression"),
        ("capacity is at least 5 GW.", "expression"),
        ("if a, flag b.", "statements 1"),
        ("define x as 5", "statements 1"),
        ("field x: number", "statements 1"),
        ("use \"a.rules\"", "statements 1"),
        ("", "statements 0"),
        ("(a and b", "incomplete"),
        ("x is \"abc", "incomplete"),
        ("a and", "incomplete"),
        ("if x is", "incomplete"),
        ("if x is y", "incomplete"),
        ("rule \"x\"", "incomplete"),
        ("rule \"x\" when a is b", "incomplete"),
        ("rule \"x\" when a is b\n  flag f", "statements 1"),
        ("test \"t\" given deal { a: 1,", "incomplete"),
        ("given deal { a: [1, 2", "invalid E111"),
        ("a is b is c", "invalid E117"),
        ("if a, flag b severity hgh", "invalid E114"),
        ("x @ y", "invalid E100"),
    ]

    @Test(arguments: cases)
    func classifies(_ input: String, _ expected: String) {
        #expect(Self.classify(input) == expected)
    }
}
