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

    /// The check that decides whether text needs cleaning reads eight bytes
    /// at a time; it must agree with a byte-by-byte reading wherever the
    /// byte that matters stands and whatever surrounds it.
    @Test func theWordAtATimeCheckAgreesWithBytes() {
        func reference(_ text: String) -> Bool {
            var afterC2 = false
            for byte in text.utf8 {
                if byte < 0x20 || byte == 0x7F || (afterC2 && byte >= 0x80 && byte <= 0x9F) { return true }
                afterC2 = byte == 0xC2
            }
            return false
        }
        var specials: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        specials += ["\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{C2}", "é", "—", "“", "\u{1F600}", " ", "~", "A"]
        var checked = 0
        for length in 0...24 {
            for special in specials {
                for position in 0...length {
                    let text = String(repeating: "a", count: position) + special + String(repeating: "z", count: length - position)
                    #expect(TerminalText.needsCleaning(text) == reference(text), "\(Array(text.utf8))")
                    checked += 1
                }
            }
            #expect(TerminalText.needsCleaning(String(repeating: "q", count: length)) == false)
        }
        #expect(checked > 10_000)
    }
}
