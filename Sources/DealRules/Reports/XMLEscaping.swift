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
        var output = ""
        output.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where inAttribute: output += "&quot;"
            case "'" where inAttribute: output += "&#39;"
            case "\t" where inAttribute: output += "&#9;"
            case "\n" where inAttribute: output += "&#10;"
            case "\r": output += "&#13;"
            default:
                if isAllowed(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += "\u{FFFD}"
                }
            }
        }
        return output
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
