/// A string as a dictionary key that is equal only to the very same bytes.
/// `String` compares by canonical equivalence (`e` + U+0301 equals `é`), so
/// a cache keyed by `String` could hand back a value spelled with other
/// bytes than the data's; a loader must give back what the file says.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        guard lhs.text.utf8.count == rhs.text.utf8.count else { return false }
        var left = lhs.text
        var right = rhs.text
        // Through the strings' buffers: a cache compares a key on every hit.
        return left.withUTF8 { a in
            right.withUTF8 { b in
                guard let first = a.baseAddress, let second = b.baseAddress else { return a.count == b.count }
                return ByteKeyedCache<Int>.equal(UnsafeRawPointer(first), UnsafeRawPointer(second), a.count)
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        // All the bytes at once, not byte by byte: a cache hashes a key on
        // every lookup.
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
