import DealRulesModel

/// Key lookup in records without copying entries: `Record.entry` returns a
/// copy of the whole entry (keys, value, provenance, location) for every
/// key it passes, which made field reads the second-largest cost of an
/// evaluation.
extension Record {
    /// Index of the entry with this normalised key.
    func index(ofKey key: String) -> Int? {
        var index = 0
        let count = entries.count
        while index < count {
            if entries[index].key == key { return index }
            index += 1
        }
        return nil
    }

    /// Index of the entry for a key the rule wrote, accepting a collection's
    /// other spellings in the order `CollectionNames.candidates` gives them
    /// (`party` finds `parties`), without building those spellings unless
    /// some key is not ASCII (then `String` equality decides, as before).
    func index(ofField key: String) -> Int? {
        if let exact = index(ofKey: key) { return exact }
        if key.hasSuffix("y"), !key.hasSuffix("ey"), let found = index(ofSpelling: key, droppingLast: true, suffix: "ies") {
            return found
        }
        if let found = index(ofSpelling: key, droppingLast: false, suffix: "s") { return found }
        return index(ofSpelling: key, droppingLast: false, suffix: "es")
    }

    private func index(ofSpelling key: String, droppingLast: Bool, suffix: StaticString) -> Int? {
        var stem = key
        var spelled: String? = nil
        return stem.withUTF8 { stemBytes -> Int? in
            let stemCount = droppingLast ? stemBytes.count - 1 : stemBytes.count
            let stemIsASCII = RecordKeyBytes.isASCII(stemBytes)
            for index in entries.indices {
                var candidate = entries[index].key
                let matched = candidate.withUTF8 { bytes -> Bool? in
                    // Canonically equivalent strings may differ in bytes only outside ASCII.
                    guard stemIsASCII, RecordKeyBytes.isASCII(bytes) else { return nil }
                    return RecordKeyBytes.equal(bytes, stem: stemBytes, stemCount: stemCount, suffix: suffix)
                }
                if let matched {
                    if matched { return index }
                    continue
                }
                if spelled == nil { spelled = (droppingLast ? String(key.dropLast()) : key) + suffix.description }
                if candidate == spelled { return index }
            }
            return nil
        }
    }
}

/// A key a rule reads with the spellings `Record.index(ofField:)` accepts
/// for it (`CollectionNames.candidates`), in that order, and their numbers
/// (`FoldedKeys`); -1 where a spelling has none, past the table's limit.
struct FieldSpellingNumbers: Sendable {
    let spellings: [String]
    let numbers: [Int]

    /// `number` gives a spelling's number (-1 for none: its entries are
    /// then found by comparing strings).
    init(_ key: String, number: (String) -> Int = { FoldedKeys.shared.id(of: $0) }) {
        spellings = key.isEmpty ? [] : CollectionNames.candidates(for: key)
        numbers = spellings.map(number)
    }

    /// Whether `entries[index]` has spelling `choice`, by key numbers
    /// (`EntryName.isKey`), strings compared only where a number is missing.
    @inline(__always)
    func isChoice(_ choice: Int, at index: Int, in entries: UnsafeBufferPointer<RecordEntry>) -> Bool {
        entries[index].name.isKey(spellings[choice], id: numbers[choice])
    }

    /// The first entry with spelling `choice`.
    func index(ofChoice choice: Int, in entries: UnsafeBufferPointer<RecordEntry>) -> Int? {
        var index = 0
        while index < entries.count {
            if isChoice(choice, at: index, in: entries) { return index }
            index &+= 1
        }
        return nil
    }
}

extension Record {
    /// `index(ofField:)` of the key `field` was made for: the same entry,
    /// found by comparing key numbers.
    func index(ofField field: FieldSpellingNumbers) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            for choice in field.spellings.indices {
                if let found = field.index(ofChoice: choice, in: entries) { return found }
            }
            return nil
        }
    }
}

/// Byte comparisons for `Record.index(ofField:)`.
private enum RecordKeyBytes {
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Whether `bytes` is the first `stemCount` bytes of `stem` followed by `suffix`.
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, stem: UnsafeBufferPointer<UInt8>, stemCount: Int, suffix: StaticString) -> Bool {
        let suffixCount = suffix.utf8CodeUnitCount
        guard bytes.count == stemCount + suffixCount, stemCount <= stem.count else { return false }
        for position in 0..<stemCount where bytes[position] != stem[position] { return false }
        let tail = suffix.utf8Start
        for position in 0..<suffixCount where bytes[stemCount + position] != tail[position] { return false }
        return true
    }
}

extension Evaluator {
    /// The value and provenance of a record's field as `entry(_:in:)` finds it.
    static func fieldRead(_ key: String, in record: Record) -> FieldRead? {
        entryRead(record.index(ofField: key), in: record)
    }

    /// The same for the first key of a rule's field path, by key numbers.
    static func fieldRead(_ field: FieldSpellingNumbers, in record: Record) -> FieldRead? {
        entryRead(record.index(ofField: field), in: record)
    }

    private static func entryRead(_ index: Int?, in record: Record) -> FieldRead? {
        guard let index else { return nil }
        return FieldRead(value: record.entries[index].value, provenance: record.entries[index].provenance, found: true)
    }
}
