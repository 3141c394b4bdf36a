/// Reads text that is exactly one literal of LANGUAGE.md §3: a number
/// (`12`, `2.5`, `1_000`), a percentage (`40%`), money (`$27 billion`,
/// `$1.5bn`, `EUR 4 billion`, `27 billion USD`, `$20 billion per GW`), a
/// quantity (`5 GW`, `18 months`), a date (`2028-06-30`, `2028-06`), a
/// boolean (`true false yes no`) or `unknown`.
///
/// Data loaders use it to give strings their type (`"5 GW"` is a quantity,
/// `"Project Rainier"` is not a literal and stays text), and the rule lexer
/// follows the same shapes. Words may be separated by runs of spaces or tabs;
/// anything else — including surrounding spaces — is not a literal.
public enum ScalarLiteral {
    public static func parse(_ text: String) -> Value? {
        let utf8 = text.utf8
        guard let first = utf8.first else { return nil }
        // Decide from the first bytes whether a literal is possible at all:
        // data holds far more ordinary text than literals.
        if isLetter(first) {
            if utf8.count <= 7, let word = keyword(utf8) { return word }
            guard startsWithCurrencyCode(utf8) else { return nil }
        } else if !isDigit(first) && first != UInt8(ascii: "$") {
            return nil
        }
        if !utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
            // One word (the common case): no list of words needed.
            let word = text[...]
            if let single = singleWord(word) { return single }
            return quantity([word]).map { .quantity($0) }
        }
        let words = splitWords(text)
        guard !words.isEmpty else { return nil }

        var main = words[...]
        var perWord: UnitWord? = nil
        if words.count >= 3, equalsIgnoringCase(words[words.count - 2], "per") {
            guard let word = UnitCatalog.unit(named: String(words[words.count - 1])) else { return nil }
            perWord = word
            main = words[..<(words.count - 2)]
        }
        guard var quantity = quantity(Array(main)) else { return nil }
        if let perWord {
            guard let divided = quantity.per(perWord) else { return nil }
            quantity = divided
        }
        return .quantity(quantity)
    }

    /// What `parse` makes of some UTF-8 bytes, decided from the bytes alone
    /// where the shape is a common one.
    public enum Shape {
        /// Not a literal: `parse` gives nil, so the bytes are text.
        case text
        /// Exactly the value `parse` gives.
        case literal(Value)
        /// Not decided here: make the string and call `parse`.
        case undecided
    }

    /// `parse` for the common shapes, read straight from `bytes`: text that
    /// starts like no literal, plain numbers and dates. Loaders call it
    /// before making a string, since most of their strings are text that
    /// needs no second look and most of their literals are dates.
    public static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> Shape {
        guard let first = bytes.first else { return .text }
        if isLetter(first) {
            if bytes.count <= 7, let word = keyword(bytes) { return .literal(word) }
            // `EUR 4 billion` starts with a code.
            return startsWithCurrencyCode(bytes) ? .undecided : .text
        }
        guard isDigit(first) else { return first == UInt8(ascii: "$") ? .undecided : .text }
        if case .exact(let number) = numberParts(bytes) { return .literal(.number(number)) }
        if looksLikeDate(bytes), let date = date(fromDateShaped: bytes) { return .literal(.date(date)) }
        return numberWithUnit(bytes) ?? .undecided
    }

    /// `5 GW`, `18 months`: a plain number, one space and a word of
    /// letters, as `parse` reads two such words. A word of three letters
    /// may be a currency (`27 USD`) and is left undecided.
    private static func numberWithUnit(_ bytes: UnsafeBufferPointer<UInt8>) -> Shape? {
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let word = UnsafeBufferPointer(rebasing: bytes[(space + 1)...])
        guard !word.isEmpty, word.count != 3, word.allSatisfy(isLetter),
              case .exact(let number) = numberParts(UnsafeBufferPointer(rebasing: bytes[..<space])) else { return nil }
        guard let unit = UnitCatalog.unit(named: String(decoding: word, as: UTF8.self)),
              let quantity = Quantity.of(number, unit) else { return .text }
        return .literal(.quantity(quantity))
    }

    /// `true false yes no unknown` in any case, compared as packed bytes
    /// so that short words cost no allocation.
    private static func keyword<C: Collection<UInt8>>(_ utf8: C) -> Value? {
        guard let packed = packLowercase(utf8) else { return nil }
        switch packed {
        case Keywords.true, Keywords.yes: return .boolean(true)
        case Keywords.false, Keywords.no: return .boolean(false)
        case Keywords.unknown: return .unknown
        default: return nil
        }
    }

    private enum Keywords {
        static let `true` = pack("true")
        static let yes = pack("yes")
        static let `false` = pack("false")
        static let no = pack("no")
        static let unknown = pack("unknown")

        private static func pack(_ word: String) -> UInt64 { packLowercase(word.utf8) ?? 0 }
    }

    /// Up to 7 ASCII letters, lower-cased, in one integer; nil otherwise.
    private static func packLowercase<C: Collection<UInt8>>(_ utf8: C) -> UInt64? {
        var packed: UInt64 = 0
        var count = 0
        for byte in utf8 {
            guard count < 7, isLetter(byte) else { return nil }
            packed = packed << 8 | UInt64(byte | 0x20)
            count += 1
        }
        return packed
    }

    /// `EUR 4 billion`: three capitals, then a space or tab.
    private static func startsWithCurrencyCode<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        var index = 0
        for byte in bytes {
            guard index < 3 else { return isBlank(byte) }
            guard isCapital(byte) else { return false }
            index += 1
        }
        return false
    }

    private static func equalsIgnoringCase(_ word: Substring, _ lowercase: StaticString) -> Bool {
        guard word.utf8.count == lowercase.utf8CodeUnitCount else { return false }
        var offset = 0
        for byte in word.utf8 {
            guard byte | 0x20 == lowercase.utf8Start[offset] else { return false }
            offset += 1
        }
        return true
    }

    private static func isCapital(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func isLetter(_ byte: UInt8) -> Bool {
        byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
    }

    /// Words separated by runs of spaces or tabs; empty when the text has
    /// leading or trailing space, or more than `limit` words.
    private static func splitWords(_ text: String, limit: Int = 7) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index? = nil
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if let begin = start {
                    words.append(text[begin..<index])
                    start = nil
                    if words.count >= limit { return [] }
                } else if words.isEmpty {
                    return []
                }
            } else if start == nil {
                start = index
            }
            index = utf8.index(after: index)
        }
        guard let begin = start else { return [] }
        words.append(text[begin..<text.endIndex])
        return words
    }

    // MARK: One word

    /// A word that starts with a digit: number, percentage or date.
    private static func singleWord(_ word: Substring) -> Value? {
        if let number = number(word) { return .number(number) }
        if word.utf8.last == UInt8(ascii: "%"), let number = number(word.dropLast()),
           let fraction = number.divided(by: DecimalNumber(100)) {
            return .number(fraction, isPercent: true)
        }
        if looksLikeDate(word.utf8) {
            return date(fromDateShaped: word.utf8).map { .date($0) }
        }
        return nil
    }

    /// The date a `looksLikeDate` word names; nil for a day or month the
    /// calendar does not have.
    private static func date<C: Collection<UInt8>>(fromDateShaped word: C) -> DateValue? {
        // The shape is checked, so the parts are plain digit runs.
        var digits: (Int, Int, Int) = (0, 0, 0)
        var offset = 0
        for byte in word {
            let digit = Int(byte) - 48
            switch offset {
            case 0..<4: digits.0 = digits.0 * 10 + digit
            case 5, 6: digits.1 = digits.1 * 10 + digit
            case 8, 9: digits.2 = digits.2 * 10 + digit
            default: break
            }
            offset += 1
        }
        return DateValue(year: digits.0, month: digits.1, day: offset == 10 ? digits.2 : nil)
    }

    /// `dddd-dd` or `dddd-dd-dd`, checked before the (slower) date parser.
    private static func looksLikeDate<C: Collection<UInt8>>(_ word: C) -> Bool {
        let count = word.count
        guard count == 7 || count == 10 else { return false }
        var offset = 0
        for byte in word {
            let wantsDash = offset == 4 || offset == 7
            guard wantsDash ? byte == UInt8(ascii: "-") : isDigit(byte) else { return false }
            offset += 1
        }
        return true
    }

    // MARK: Quantities and money

    private static func quantity(_ words: [Substring]) -> Quantity? {
        switch words.count {
        case 1:
            // `$27`, `$27B`, `5GW`
            if words[0].first == "$" { return dollars(words[0].dropFirst(), scaleWord: nil) }
            let (digits, suffix) = splitNumber(words[0])
            guard !suffix.isEmpty, let number = number(digits) else { return nil }
            return unitQuantity(number, suffix)
        case 2:
            // `$27 billion`, `5 GW`, `27 USD`, `EUR 4`, `EUR 4B`
            if words[0].first == "$" { return dollars(words[0].dropFirst(), scaleWord: words[1]) }
            if isCurrency(words[0]) { return scaled(words[1], scaleWord: nil, currency: String(words[0])) }
            if isCurrency(words[1]) { return scaled(words[0], scaleWord: nil, currency: String(words[1])) }
            guard let number = number(words[0]) else { return nil }
            return unitQuantity(number, words[1])
        case 3:
            // `EUR 4 billion`, `27 billion USD`
            if isCurrency(words[0]) { return scaled(words[1], scaleWord: words[2], currency: String(words[0])) }
            if isCurrency(words[2]) { return scaled(words[0], scaleWord: words[1], currency: String(words[2])) }
            return nil
        default:
            return nil
        }
    }

    private static func dollars(_ amount: Substring, scaleWord: Substring?) -> Quantity? {
        scaled(amount, scaleWord: scaleWord, currency: "USD")
    }

    /// A number with an optional attached scale (`27B`) or a separate scale
    /// word (`27 billion`), not both.
    private static func scaled(_ amount: Substring, scaleWord: Substring?, currency: String) -> Quantity? {
        let (digits, suffix) = splitNumber(amount)
        guard let number = number(digits) else { return nil }
        var scale = DecimalNumber.one
        if !suffix.isEmpty {
            guard scaleWord == nil, let attached = UnitCatalog.scale(named: String(suffix)) else { return nil }
            scale = attached
        } else if let scaleWord {
            guard let separate = UnitCatalog.scale(named: String(scaleWord)) else { return nil }
            scale = separate
        }
        return Quantity.money(number, scale: scale, currency: currency)
    }

    private static func unitQuantity(_ number: DecimalNumber, _ unitName: Substring) -> Quantity? {
        guard let word = UnitCatalog.unit(named: String(unitName)) else { return nil }
        return Quantity.of(number, word)
    }

    private static func isCurrency(_ word: Substring) -> Bool {
        word.utf8.count == 3 && UnitCatalog.isCurrencyCode(String(word))
    }

    // MARK: Numbers

    /// `5`, `5.25`, `1_000_000`: digits with `_` only between digits and at
    /// most one `.` between digits. No sign, no exponent, no leading `.`.
    public static func number<S: StringProtocol>(_ text: S) -> DecimalNumber? {
        switch numberParts(text.utf8) {
        case .exact(let number): return number
        case .long: return DecimalNumber(parsing: text)
        case .notANumber: return nil
        }
    }

    /// What `number` reads from some bytes.
    private enum NumberParts {
        /// Up to 18 digits: the number, with no parser needed.
        case exact(DecimalNumber)
        /// The shape of a number, with too many digits for an Int64.
        case long
        case notANumber
    }

    private static func numberParts<C: Sequence<UInt8>>(_ bytes: C) -> NumberParts {
        var previous: UInt8 = 0
        var sawPoint = false
        var count = 0
        // Up to 18 digits fit an Int64 exactly: the common case needs no parser.
        var significand: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        for byte in bytes {
            count += 1
            if isDigit(byte) {
                previous = byte
                digits += 1
                if digits <= 18 {
                    significand = significand * 10 + Int64(byte - 48)
                    if sawPoint { fractionDigits += 1 }
                }
                continue
            }
            guard isDigit(previous) else { return .notANumber }
            if byte == UInt8(ascii: "_") {
                // fine between digits; the next byte is checked on the next turn
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return .notANumber
            }
            previous = byte
        }
        guard count > 0, isDigit(previous) else { return .notANumber }
        if digits <= 18 { return .exact(DecimalNumber(significand: significand, exponent: Int32(-fractionDigits))) }
        return .long
    }

    /// Splits `27B` into (`27`, `B`) and `1.5bn` into (`1.5`, `bn`).
    private static func splitNumber(_ word: Substring) -> (Substring, Substring) {
        var index = word.startIndex
        while index < word.endIndex, let byte = word[index].asciiValue,
              isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
            index = word.index(after: index)
        }
        return (word[..<index], word[index...])
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
