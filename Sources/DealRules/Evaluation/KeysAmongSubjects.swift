/// Which group keys (and `portfolio`) are not yet among the deals'
/// subjects: those join the subjects at the end of a run.
///
/// Every evaluation asks this of every deal's subject. Hashing each subject
/// to look it up cost more than a tenth of an evaluation over kept columns;
/// most subjects (`deal-17`) cannot be a key (`Oracle`, `portfolio`), and
/// that is seen from their length and first and last bytes (`ASCIISieve`).
/// Strings are equal when canonically equivalent, so the sieve only rules
/// out ASCII subjects against ASCII keys (U+212A KELVIN SIGN equals `K`):
/// anything else is looked up as before.
enum KeysAmongSubjects {
    /// The keys no subject equals, in their order, each once.
    static func missing(_ keys: [String], from subjects: [String]) -> [String] {
        var fresh = Set(keys)
        guard !fresh.isEmpty else { return [] }
        let sieve = ASCIISieve(keys)
        for subject in subjects {
            if let sieve, sieve.rulesOut(subject) { continue }
            if fresh.remove(subject) != nil && fresh.isEmpty { break }
        }
        var missing: [String] = []
        for key in keys where fresh.remove(key) != nil { missing.append(key) }
        return missing
    }

    /// Length, first and last byte of a few ASCII keys.
    struct ASCIISieve {
        private let prints: [UInt64]
        /// Past this many keys, comparing with each costs what hashing does.
        static let largestKeyCount = 32

        /// Nil when a key is not ASCII or there are too many keys.
        init?(_ keys: [String]) {
            guard keys.count <= ASCIISieve.largestKeyCount else { return nil }
            var prints: [UInt64] = []
            for key in keys {
                guard let print = ASCIISieve.print(key) else { return nil }
                prints.append(print)
            }
            self.prints = prints
        }

        /// True when `subject` equals none of the keys; false when it may.
        func rulesOut(_ subject: String) -> Bool {
            guard let print = ASCIISieve.print(subject) else { return false }
            return !prints.contains(print)
        }

        /// Nil for text that is not all ASCII.
        static func print(_ text: String) -> UInt64? {
            text.withUTF8Bytes { bytes -> UInt64? in
                var high: UInt8 = 0
                for byte in bytes { high |= byte }
                guard high < 0x80 else { return nil }
                let first = UInt64(bytes.first ?? 0)
                let last = UInt64(bytes.last ?? 0)
                return UInt64(truncatingIfNeeded: bytes.count) << 16 | first << 8 | last
            }
        }
    }
}
