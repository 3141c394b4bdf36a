/// A string as a dictionary key that is equal only to the very same bytes.
/// `String` compares by canonical equivalence (`e` + U+0301 equals `é`), so
/// a cache keyed by `String` could hand back a value spelled with other
/// bytes than the data's; a loader must give back what the file says.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        for byte in text.utf8 { hasher.combine(byte) }
    }
}
