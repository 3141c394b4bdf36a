/// Escaping for XML 1.0 text and attribute values (JUnit, and the HTML
/// page, which follows the same rules).
public enum XMLEscaping {
    /// Character data: `&`, `<`, `>` escaped. Characters XML 1.0 cannot
    /// carry at all (most C0 controls) become U+FFFD.
    public static func text(_ string: String) -> String {
        escape(string, inAttribute: false)
    }

    /// An attribute value in double or single quotes: also escapes quotes,
    /// and tab/newline/carriage return as character references so that
    /// attribute-value normalisation keeps them.
    public static func attribute(_ string: String) -> String {
        escape(string, inAttribute: true)
    }

    /// Whether XML 1.0 allows the scalar in a document.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func escape(_ string: String, inAttribute: Bool) -> String {
        // Most text has nothing to escape: it is handed back as it is
        // (large reports escape millions of names and messages).
        if !needsEscaping(string, inAttribute: inAttribute) { return string }
        var text = string
        return text.withUTF8 { escape($0, inAttribute: inAttribute) }
    }

    /// The same over the text's UTF-8 bytes, which are valid: a reference
    /// or U+FFFD replaces whole characters, and every other byte is copied.
    /// The characters XML 1.0 cannot carry that valid UTF-8 can hold are
    /// the C0 controls other than tab, line feed and carriage return, and
    /// U+FFFE and U+FFFF (EF BF BE, EF BF BF).
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, inAttribute: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: "&#13;".utf8)
            case UInt8(ascii: "\"") where inAttribute: output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'") where inAttribute: output.append(contentsOf: "&#39;".utf8)
            case UInt8(ascii: "\t") where inAttribute: output.append(contentsOf: "&#9;".utf8)
            case UInt8(ascii: "\n") where inAttribute: output.append(contentsOf: "&#10;".utf8)
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"): output.append(byte)
            case 0..<0x20: output.append(contentsOf: replacement)
            case 0xEF where index + 1 < bytes.count && bytes[index] == 0xBF && (bytes[index + 1] == 0xBE || bytes[index + 1] == 0xBF):
                output.append(contentsOf: replacement)
                index += 2
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// False when every byte stands for itself: no markup character, no
    /// control character that is escaped or replaced (tab and line feed
    /// are kept in text), and no 0xEF, the lead byte of U+FFFE and U+FFFF
    /// (text with it takes the scalar-by-scalar path, which decides).
    private static func needsEscaping(_ string: String, inAttribute: Bool) -> Bool {
        func scan<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\r"), 0xEF: return true
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\t"), UInt8(ascii: "\n"): if inAttribute { return true }
                case 0..<0x20: return true
                default: continue
                }
            }
            return false
        }
        return string.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(string.utf8)
    }
}
