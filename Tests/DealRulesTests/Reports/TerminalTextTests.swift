@testable import DealRules
import Testing

/// Text from data reaches the terminal with control characters made
/// visible; plain text passes through untouched.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("Trainium3 on 5 GW", "Trainium3 on 5 GW"),
        ("café — “reported”", "café — “reported”"),
        ("line one\nline two", "line one\n    line two"),
        ("tab\there", "tab\there"),
        ("escape \u{1B}[31mred", "escape \\u{1b}[31mred"),
        ("bell\u{07}", "bell\\u{7}"),
        ("delete\u{7F}", "delete\\u{7f}"),
        ("next line\u{85}C1", "next line\\u{85}C1"),
        ("Â is not C1", "Â is not C1"),
        ("", ""),
    ])
    func controlCharactersAreShownNotObeyed(_ input: String, _ expected: String) {
        #expect(TerminalText.clean(input, indent: "    ") == expected)
    }
}
