@testable import DealRules
import Testing

/// `PrintableASCII.plainLength` stops at the first word holding anything
/// but printable ASCII, or a byte the caller excludes, wherever in the
/// word it lies.
@Suite("PrintableASCII")
struct PrintableASCIITests {
    private func length(_ text: String, excluding excluded: [UInt8] = []) -> Int {
        var text = text
        return text.withUTF8 { PrintableASCII.plainLength($0, excluding: excluded) }
    }

    @Test("whole words of printable ASCII, and nothing past the last whole word")
    func plainText() {
        #expect(length("") == 0)
        #expect(length("1234567") == 0)
        #expect(length("12345678") == 8)
        #expect(length("capacity target is 5 GW") == 16)
        #expect(length(String(repeating: "~ ", count: 20)) == 40)
    }

    @Test("stops at the word of a control character, DEL, a byte past ASCII or an excluded byte")
    func stops() {
        for position in 0..<8 {
            for odd in ["\u{0}", "\u{1F}", "\n", "\u{7F}", "é", "\u{85}"] {
                let text = String(repeating: "a", count: 8 + position) + odd + String(repeating: "b", count: 16)
                #expect(length(text) == 8, "\(odd.unicodeScalars.first!.value) at \(8 + position)")
            }
            let quoted = String(repeating: "a", count: 16 + position) + "\"" + String(repeating: "b", count: 16)
            #expect(length(quoted) > 16)
            #expect(length(quoted, excluding: [0x22, 0x5C]) == 16)
            let slashed = String(repeating: "a", count: position) + "\\" + String(repeating: "b", count: 16)
            #expect(length(slashed, excluding: [0x22, 0x5C]) == 0)
        }
    }
}
