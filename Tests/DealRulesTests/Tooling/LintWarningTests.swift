import DealRules
import Foundation
import Testing

/// Each lint warning on the smallest program that shows it, and on a
/// near miss that must not.
@Suite("Lint warnings")
struct LintWarningTests {
    static let deals = """
    - id: a
      kind: compute
      capacity: 2 GW
      chip_roadmap: unvalidated
      parties: [{name: AWS, role: hyperscaler}]
    - id: b
      kind: power
      capacity: 900 MW
      chip_roadmap: validated
    """

    // MARK: W101

    @Test("W101: a definition no rule uses")
    func unusedDefinition() {
        #expect(ToolingSupport.lintCodes("define big as capacity is at least 1 GW.\nif capacity is known, flag sized.") == ["W101"])
    }

    @Test("W101: used in a message or through another definition is used")
    func usedDefinitions() {
        let rules = """
        define big as capacity is at least 1 GW.
        define huge as big and capacity is at least 5 GW.
        define per unit as capacity / 2.
        rule "Huge"
          when huge
          flag huge
          message "{per unit}"
        """
        #expect(ToolingSupport.lintCodes(rules).isEmpty)
    }

    // MARK: W102

    @Test("W102: a definition named like a schema field, once with or without data")
    func shadowsSchemaField() {
        let rules = "field capacity: power\ndefine capacity as 5 GW.\nif capacity is at least 1 GW, flag big."
        #expect(ToolingSupport.lintCodes(rules) == ["W102"])
        #expect(ToolingSupport.lintCodes(rules, data: Self.deals) == ["W102"])
    }

    @Test("W102: a definition named like a data key, only with data")
    func shadowsDataKey() {
        let rules = "define kind as capacity is known.\nif kind, flag sized."
        #expect(ToolingSupport.lintCodes(rules).isEmpty)
        #expect(ToolingSupport.lintCodes(rules, data: Self.deals) == ["W102"])
        #expect(ToolingSupport.lintCodes("define sized as capacity is known.\nif sized, flag sized.", data: Self.deals).isEmpty)
    }

    // MARK: W103

    @Test("W103: conditions that can never be true", arguments: [
        "x is a and x is b",
        "x is one of a, b and x is c",
        "x is more than 10 GW and x is less than 5 GW",
        "x is at least 10 and x is less than 10",
        "x is between 1 and 3 and x is more than 3",
        "x is known and x is unknown",
        "x is unknown and x is more than 3",
        "x is after 2030 and x is before 2029-06",
        "x is 2028-06-30 and x is after 2028",
        "x is not at most 5 and x is not more than 4",
        "y is known and (x is a and x is b)",
        "any item where x is true and x is false",
    ])
    func neverTrue(_ condition: String) {
        #expect(ToolingSupport.lintCodes("if \(condition), flag f.") == ["W103"], "\(condition)")
    }

    @Test("W103: conditions that can be true", arguments: [
        "x is a or x is b",
        "x is one of a, b and x is b",
        "x is more than 5 GW and x is less than 10 GW",
        "x is at least 10 and x is at most 10",
        "x is more than 5 GW and x is less than 10",
        "x is more than $5 billion and x is less than EUR 1 billion",
        "x is known and y is unknown",
        "x is after 2028 and x is before 2030",
        "x is 2028 and x is 2028-06",
        "x is not a and x is not b",
        "x is a and y is b",
    ])
    func canBeTrue(_ condition: String) {
        #expect(ToolingSupport.lintCodes("if \(condition), flag f.").isEmpty, "\(condition)")
    }

    @Test("W103: found in a long chain, once")
    func neverTrueInLongChain() {
        let padding = (1...40).map { "f\($0) is known" }.joined(separator: " and ")
        #expect(ToolingSupport.lintCodes("if x is a and \(padding) and x is b and x is c, flag f.") == ["W103"])
    }

    @Test("lint stays quick on definitions that double at every level")
    func doublingDefinitions() {
        func rules(levels: Int) -> String {
            var text = "define d0 as x is a.\n"
            for level in 1...levels { text += "define d\(level) as d\(level - 1) and d\(level - 1).\n" }
            return text + "if d\(levels) and x is b, flag f."
        }
        let started = Date()
        #expect(ToolingSupport.lintCodes(rules(levels: 20)) == ["W103"])
        // Deeper than definitions are followed: nothing to report, and no time lost trying.
        #expect(ToolingSupport.lintCodes(rules(levels: 60)).isEmpty)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("W103: through a definition, reported once per chain")
    func neverTrueThroughDefinition() {
        let rules = "define small as capacity is less than 1 GW.\nif small and capacity is at least 2 GW and capacity is at least 3 GW, flag odd."
        #expect(ToolingSupport.lintCodes(rules) == ["W103"])
    }

    // MARK: W104

    @Test("W104: a field no deal has, with did-you-mean")
    func fieldNotInData() throws {
        guard let program = ToolingSupport.program("if capasity is known, flag typo.") else { return }
        let warnings = LintRun.lint(program, deals: ToolingSupport.deals(Self.deals))
        #expect(warnings.map { $0.code } == ["W104"])
        #expect(warnings.first?.help.first == "did you mean `capacity`? (a key of the data)")
    }

    @Test("W104: item fields, item names and provenance words are known")
    func fieldsInData() {
        let rules = """
        if any party where role is hyperscaler, flag hyperscaled.
        if count of parties where party is known is at least 1, flag parties.
        if source of capacity is known, flag sourced.
        if chip roadmap is unvalidated, flag roadmap.
        """
        #expect(ToolingSupport.lintCodes(rules, data: Self.deals).isEmpty)
    }

    // MARK: W105

    @Test("W105: a symbol no deal has for the field")
    func unreachableRule() {
        #expect(ToolingSupport.lintCodes("if kind is chips and capacity is known, flag chips.", data: Self.deals) == ["W105"])
        #expect(ToolingSupport.lintCodes("define chip deal as kind is one of chips, mixed.\nif chip deal, flag chips.", data: Self.deals) == ["W105"])
    }

    @Test("W105: a symbol some deal has, or one not required, is reachable")
    func reachableRules() {
        #expect(ToolingSupport.lintCodes("if kind is one of chips, power, flag some.", data: Self.deals).isEmpty)
        #expect(ToolingSupport.lintCodes("if kind is chips or capacity is known, flag either.", data: Self.deals).isEmpty)
        #expect(ToolingSupport.lintCodes("if kind is not chips, flag other.", data: Self.deals).isEmpty)
        #expect(ToolingSupport.lintCodes("if kind is chips, flag chips.").isEmpty)
    }

    // MARK: W106, W107

    static let schema = """
    field kind: one of compute, power, chips.
    field capacity: power
    field chip roadmap: one of validated, unvalidated.
    field parties: list of { name: text, role: one of lab, hyperscaler }
    if capacity is known and chip roadmap is validated and any party where role is lab, flag f.
    """

    @Test("W106 and W107: data that does not fit the schema, with its line")
    func dataOutsideSchema() {
        let data = """
        - id: a
          kind: fusion
          capacity: 3 years
          chip_roadmap: validated
          parties: [{name: AWS, role: hyperscalar}]
        """
        guard let program = ToolingSupport.program(Self.schema) else { return }
        let warnings = LintRun.lint(program, deals: ToolingSupport.deals(data))
        #expect(warnings.map { $0.code }.sorted() == ["W106", "W106", "W107"])
        #expect(warnings.first { $0.code == "W107" }?.location?.line == 3)
        #expect(warnings.contains { $0.help.contains("did you mean `hyperscaler`?") })
    }

    @Test("W106 and W107: fitting data is quiet")
    func dataFitsSchema() {
        let data = """
        - id: a
          kind: Compute
          capacity: 900 MW
          chip_roadmap: ~
          parties: [{name: Anthropic, role: lab}]
        """
        #expect(ToolingSupport.lintCodes(Self.schema, data: data).isEmpty)
    }

    // MARK: Run

    @Test("lint: every code is documented in docs/tooling.md")
    func documented() throws {
        let url = ToolingSupport.repositoryRoot.appendingPathComponent("docs/tooling.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        for code in LintCode.allCases {
            #expect(text.contains("### \(code.rawValue)"), "docs/tooling.md has no section for \(code.rawValue)")
        }
    }
}
