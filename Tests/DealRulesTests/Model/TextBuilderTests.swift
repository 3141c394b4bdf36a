import DealRulesModel
import Testing

/// `TextBuilder` gives the text the pieces make when joined, whatever
/// their length, script or kind, and past the room it was given.
@Suite("TextBuilder")
struct TextBuilderTests {
    @Test("joins pieces as written")
    func joinsPieces() {
        var text = TextBuilder(capacity: 4)
        text.append("capacity")
        text.append(": " as StaticString)
        text.append("")
        text.append("5 GW")
        text.append(" (" as StaticString)
        text.append("reported")
        text.append(")" as StaticString)
        #expect(text.text == "capacity: 5 GW (reported)")
    }

    @Test("keeps text outside ASCII and long pieces whole")
    func keepsEveryCharacter() {
        let pieces = ["Société Générale", " — ", "東京", "🇺🇸", "cafe\u{301}", String(repeating: "x", count: 1_000)]
        var text = TextBuilder(capacity: 1)
        for piece in pieces { text.append(piece) }
        #expect(text.text == pieces.joined())
        #expect(text.text.utf8.count == pieces.reduce(0) { $0 + $1.utf8.count })
    }

    @Test("scalars of one to four bytes are written as UTF-8")
    func scalars() {
        let text = "a\u{7F}é\u{7FF}—\u{FFFD}🚀\u{10FFFF}"
        var built = TextBuilder(capacity: 1)
        for scalar in text.unicodeScalars { built.append(scalar) }
        #expect(built.text == text)
        #expect(Array(built.text.utf8) == Array(text.utf8))
    }

    @Test("an empty builder gives empty text")
    func emptyIsEmpty() {
        #expect(TextBuilder().text.isEmpty)
    }
}
