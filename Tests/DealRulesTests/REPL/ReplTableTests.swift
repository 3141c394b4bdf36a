import Testing
@testable import DealRules

/// The REPL's tables: columns as wide as their widest cell, colour that
/// never counts towards a width, cells on one line and free of control
/// characters, no trailing blanks.
@Suite("REPL tables")
struct ReplTableTests {
    static func table() -> ReplTable {
        var table = ReplTable(["rule", "subject", "severity", "message"])
        table.add(["Long rule name", "a", "high", "first"], paint: [2: .red])
        table.add(["r", "deal-22", "info", "two\nlines"], paint: [2: .dim, 0: .bold])
        table.add(["r", "b\u{1B}[2J", "low"])
        table.add(["é", "", "medium", ""], paint: [2: .yellow])
        return table
    }

    @Test func plainColumnsLineUp() {
        let expected = """
            rule            subject     severity  message
            --------------  ----------  --------  ---------
            Long rule name  a           high      first
            r               deal-22     info      two lines
            r               b\\u{1b}[2J  low
            é                           medium
            """
        #expect(ReplTableTests.table().render(style: ANSIStyle(enabled: false)) == expected)
    }

    @Test func colourLeavesTheColumnsWhereTheyWere() {
        let style = ANSIStyle(enabled: true)
        let coloured = ReplTableTests.table().render(style: style)
        let lines = coloured.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0] == style.apply(.bold, "rule            subject     severity  message"))
        #expect(lines[2] == "Long rule name  a           \u{1B}[31mhigh\u{1B}[0m      first")
        #expect(lines[3] == "\u{1B}[1mr\u{1B}[0m               deal-22     \u{1B}[2minfo\u{1B}[0m      two lines")
        #expect(lines[4] == "r               b\\u{1b}[2J  low")
        #expect(lines[5] == "é                           \u{1B}[33mmedium\u{1B}[0m")
        // Without the escape codes, the coloured table is the plain one.
        let stripped = coloured.replacing(/\u{1B}\[[0-9;]*m/, with: "")
        #expect(stripped == ReplTableTests.table().render(style: ANSIStyle(enabled: false)))
    }

    @Test func anEmptyTableIsItsHeader() {
        #expect(ReplTable(["deal", "outcome"]).render(style: ANSIStyle(enabled: false)) == "deal  outcome\n----  -------")
    }
}
