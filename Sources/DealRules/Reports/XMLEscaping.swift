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

    /// Escapes on the text's UTF-8 bytes, which are valid: a reference or
    /// U+FFFD replaces whole characters and every other byte is copied.
    /// Most text has nothing to escape and is handed back as it is (large
    /// reports escape millions of names and messages).
    private static func escape(_ string: String, inAttribute: Bool) -> String {
        var text = string
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count, replacement(bytes, at: index, inAttribute: inAttribute) == nil { index += 1 }
            guard index < bytes.count else { return string }
            var output = Array(bytes[..<index])
            output.reserveCapacity(bytes.count + 16)
            while index < bytes.count {
                if let (text, length) = replacement(bytes, at: index, inAttribute: inAttribute) {
                    output.append(contentsOf: text.utf8)
                    index += length
                } else {
                    output.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// What replaces the character starting at `index`, and how many bytes
    /// it takes; nil for a byte copied as it is. The characters XML 1.0
    /// cannot carry that valid UTF-8 can hold are the C0 controls other than
    /// tab, line feed and carriage return, and U+FFFE and U+FFFF (EF BF BE,
    /// EF BF BF): they become U+FFFD.
    @inline(__always)
    private static func replacement(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, inAttribute: Bool) -> (text: String, length: Int)? {
        switch bytes[index] {
        case UInt8(ascii: "&"): return ("&amp;", 1)
        case UInt8(ascii: "<"): return ("&lt;", 1)
        case UInt8(ascii: ">"): return ("&gt;", 1)
        case UInt8(ascii: "\r"): return ("&#13;", 1)
        case UInt8(ascii: "\"") where inAttribute: return ("&quot;", 1)
        case UInt8(ascii: "'") where inAttribute: return ("&#39;", 1)
        case UInt8(ascii: "\t") where inAttribute: return ("&#9;", 1)
        case UInt8(ascii: "\n") where inAttribute: return ("&#10;", 1)
        case UInt8(ascii: "\t"), UInt8(ascii: "\n"): return nil
        case 0..<0x20: return ("\u{FFFD}", 1)
        case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
            return ("\u{FFFD}", 3)
        default: return nil
        }
    }
}
