import DealRulesModel

/// The last element met in each of 1,024 slots, in front of a dictionary
/// whose lookups are dear: Swift's `Hasher` over a quantity, a provenance
/// or a pair of objects costs 260 to 1,400 instructions, and loaders ask
/// for one for every figure they read. A caller picks the slot with a
/// cheap hash (`RecentKey`), checks the element there with `==` or `===`,
/// and asks the dictionary only on a miss, so a collision costs a lookup,
/// never a wrong answer.
struct RecentTable<Element> {
    private var slots: [Element?] = []

    /// What the slot holds; nil before anything was remembered there.
    subscript(slot: Int) -> Element? {
        slot < slots.count ? slots[slot] : nil
    }

    /// Keeps `element` in its slot, in place of what was there.
    mutating func remember(_ element: Element, at slot: Int) {
        if slots.isEmpty { slots = Array(repeating: nil, count: RecentKey.slots) }
        slots[slot] = element
    }
}

extension RecentTable: Sendable where Element: Sendable {}

/// Values shared by key — a dictionary of at most `limit` of them — with a
/// `RecentTable` in front, so that the dictionary's hash is paid only when
/// the slot the caller chose (by a cheap hash of the key) holds another
/// key's value.
struct SharedValues<Key: Hashable, Value> {
    private var known: [Key: Value] = [:]
    private var recent = RecentTable<Value>()
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The value shared for `key`: the one in `slot` when `isFor` says it
    /// is `key`'s, else the dictionary's, else `make`'s (kept while there
    /// is room); remembered in `slot` either way.
    @inline(__always)
    mutating func value(for key: @autoclosure () -> Key, slot: Int, isFor: (Value) -> Bool, make: () -> Value) -> Value {
        if let value = recent[slot], isFor(value) { return value }
        let key = key()
        let shared: Value
        if let value = known[key] {
            shared = value
        } else {
            shared = make()
            if known.count < limit { known[key] = shared }
        }
        recent.remember(shared, at: slot)
        return shared
    }
}

extension SharedValues: Sendable where Key: Sendable, Value: Sendable {}

/// Cheap hashes for `RecentTable`'s slots, none of them a `Hasher`.
enum RecentKey {
    static let slots = 1_024

    /// The slot for a hash (its top bits, after a last mix).
    static func slot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0xFF51_AFD7_ED55_8CCD) >> 54) & (slots - 1)
    }

    /// A text's UTF-8 bytes: texts of the same bytes hash alike; texts
    /// equal in `String`'s sense but not in bytes need not (a miss only
    /// means asking the dictionary). A fixed value for nil.
    static func hash(_ text: String?) -> UInt64 {
        guard let text else { return 0x5851_F42D_4C95_7F2D }
        return text.withUTF8Bytes { bytes in bytes.baseAddress.map { ByteKeyedCache<Int>.hash($0, bytes.count) } ?? 0 }
    }

    /// A provenance status (a number per case: hashing its raw text would
    /// cost more than the rest of a provenance's hash).
    static func hash(_ status: ProvenanceStatus?) -> UInt64 {
        switch status {
        case nil: return 0
        case .confirmed?: return 1
        case .reported?: return 2
        case .estimated?: return 3
        }
    }

    /// A number's significand and exponent.
    static func hash(_ number: DecimalNumber) -> UInt64 {
        (UInt64(bitPattern: number.significand) &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(UInt32(bitPattern: number.exponent))
    }

    /// A pair of objects by their addresses.
    static func hash(_ first: AnyObject, _ second: AnyObject) -> UInt64 {
        (UInt64(UInt(bitPattern: ObjectIdentifier(first))) >> 4 &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(UInt(bitPattern: ObjectIdentifier(second))) >> 4)
    }
}
