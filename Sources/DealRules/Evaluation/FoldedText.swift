import DealRulesModel

/// Folded comparison of text and symbols without building folded copies.
///
/// `NameFolding.foldSymbol(a) == NameFolding.foldSymbol(b)` allocates two
/// strings per comparison, and comparisons of symbols (`kind is compute`)
/// are the most frequent work of an evaluation. For ASCII text this walks
/// both strings once, folding as it goes; anything else takes the exact
/// path through `foldSymbol`, so the meaning is the same.
enum FoldedText {
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        if lhs == rhs { return true }
        var left = FoldedBytes(lhs.utf8)
        var right = FoldedBytes(rhs.utf8)
        while true {
            let a = left.next()
            let b = right.next()
            if left.sawNonASCII || right.sawNonASCII {
                return NameFolding.foldSymbol(lhs) == NameFolding.foldSymbol(rhs)
            }
            guard a == b else { return false }
            if a == nil { return true }
        }
    }
}

extension FoldedText {
    /// `foldSymbol(text).contains(foldSymbol(part))`, searching folded bytes
    /// for ASCII text. Carriage returns (`\r\n` is one character), empty
    /// needles and non-ASCII text take the exact path.
    static func contains(_ text: String, _ part: String) -> Bool {
        guard let haystack = folded(text), let needle = folded(part), !needle.isEmpty else {
            return NameFolding.foldSymbol(text).contains(NameFolding.foldSymbol(part))
        }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) {
            var matched = true
            for offset in 0..<needle.count where haystack[start + offset] != needle[offset] {
                matched = false
                break
            }
            if matched { return true }
        }
        return false
    }

    /// The folded bytes of ASCII text without carriage returns, else nil.
    private static func folded(_ text: String) -> [UInt8]? {
        var bytes = FoldedBytes(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "\r") { return nil }
            result.append(byte)
        }
        return bytes.sawNonASCII ? nil : result
    }
}

/// The bytes of `NameFolding.foldSymbol` for ASCII text, produced lazily:
/// lower-case, separators (`_`, `-`, space, tab) folded to one space, none
/// leading and none trailing. Stops with `sawNonASCII` on any other byte.
private struct FoldedBytes {
    private var iterator: String.UTF8View.Iterator
    private var pendingSpace = false
    private var emittedAny = false
    private var held: UInt8? = nil
    private(set) var sawNonASCII = false

    init(_ utf8: String.UTF8View) {
        iterator = utf8.makeIterator()
    }

    mutating func next() -> UInt8? {
        if let byte = held {
            held = nil
            return byte
        }
        while let byte = iterator.next() {
            if byte >= 0x80 {
                sawNonASCII = true
                return nil
            }
            switch byte {
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                pendingSpace = emittedAny
                continue
            default:
                break
            }
            let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            emittedAny = true
            if pendingSpace {
                pendingSpace = false
                held = lowered
                return UInt8(ascii: " ")
            }
            return lowered
        }
        return nil
    }
}
