import DealRulesModel

/// Finds a few keys in record after record as `Record.index(ofField:)`
/// does — the key as written, else its plural spellings, in that order;
/// the first entry with that spelling — by one pass over each record's
/// entries, looking each entry's key number (`EntryName.keyID`) up in a
/// table of the wanted spellings' numbers.
///
/// Searching key by key costs a walk through every entry for each spelling
/// of a key the record lacks (and of the singular spelling of a plural
/// field, `party` for `parties`), several walks a deal.
///
/// Key numbers decide alone: a spelling with a number has it in every
/// entry with that key (`FoldedKeys` gives a key its number before any
/// entry can hold it, and never takes one back). A spelling without one
/// (past `FoldedKeys`' limit), or numbers too large for a small table,
/// make `init` fail; `FieldSpellings` then searches by strings.
struct KeyLocator {
    /// The locator's tables, written once by `init` and read (and the marks
    /// written) for every entry of every record: kept in memory of their
    /// own and read through pointers, so that a lookup is a load with no
    /// check for shared storage or bounds (`init` makes every index the
    /// lookups use lie within them).
    private final class Tables {
        /// Wanted spelling (a slot) of each key number; -1 for the others.
        let slotOfKey: UnsafeMutableBufferPointer<Int32>
        /// Each key's spellings as slots, in order: key k has
        /// `choices[choiceStarts[k] ..< choiceStarts[k + 1]]`.
        let choices: UnsafeMutableBufferPointer<Int>
        let choiceStarts: UnsafeMutableBufferPointer<Int>
        /// Per slot: the stamp of the record whose entry `position` holds.
        let marks: UnsafeMutableBufferPointer<Mark>

        init(slotOfKey: [Int32], choices: [Int], choiceStarts: [Int], slots: Int) {
            self.slotOfKey = Tables.copy(slotOfKey)
            self.choices = Tables.copy(choices)
            self.choiceStarts = Tables.copy(choiceStarts)
            self.marks = Tables.copy([Mark](repeating: Mark(stamp: 0, position: 0), count: slots))
        }

        private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return buffer
        }

        deinit {
            slotOfKey.deallocate()
            choices.deallocate()
            choiceStarts.deallocate()
            marks.deallocate()
        }
    }

    private let tables: Tables
    /// The key numbers of every wanted spelling.
    let keyNumbers: [Int]
    /// How many keys were asked for (`choiceStarts` has one start more),
    /// kept beside the tables: `index(ofKey:)` checks every key against it.
    let keyCount: Int

    private struct Mark {
        var stamp: Int
        var position: Int
    }

    static let largestKeyNumber = 1 << 16

    /// Fails when a spelling's number is `largestKeyNumber` or more.
    init?(keys: [String], largestKeyNumber: Int = KeyLocator.largestKeyNumber) {
        var slotOfKey: [Int32] = []
        var slotNumbers: [Int] = []
        var choices: [Int] = []
        var choiceStarts = [0]
        for key in keys {
            for spelling in CollectionNames.candidates(for: key) {
                let number = FoldedKeys.shared.id(of: spelling)
                guard number >= 0, number < largestKeyNumber else { return nil }
                if number >= slotOfKey.count { slotOfKey.append(contentsOf: repeatElement(-1, count: number + 1 - slotOfKey.count)) }
                if slotOfKey[number] < 0 {
                    slotOfKey[number] = Int32(slotNumbers.count)
                    slotNumbers.append(number)
                }
                choices.append(Int(slotOfKey[number]))
            }
            choiceStarts.append(choices.count)
        }
        tables = Tables(slotOfKey: slotOfKey, choices: choices, choiceStarts: choiceStarts, slots: slotNumbers.count)
        keyNumbers = slotNumbers
        keyCount = keys.count
    }

    /// Reads one record's entries. `stamp` tells this record from every
    /// other one read (never 0).
    @inline(__always)
    func read(_ entries: UnsafeBufferPointer<RecordEntry>, stamp: Int) {
        let slotOfKey = tables.slotOfKey
        let marks = tables.marks
        let known = slotOfKey.count
        for index in entries.indices {
            let number = entries[index].name.keyID
            guard number >= 0, number < known else { continue }
            // Slots are below the marks' count (`init`).
            let slot = Int(slotOfKey[number])
            // The first entry with a spelling counts, as in a search.
            guard slot >= 0, marks[slot].stamp != stamp else { continue }
            marks[slot] = Mark(stamp: stamp, position: index)
        }
    }

    /// The entry of key number `key` (its place in `keys`) in the record
    /// read with `stamp`, or nil when it has none (or no such key).
    @inline(__always)
    func index(ofKey key: Int, stamp: Int) -> Int? {
        guard key >= 0, key < keyCount else { return nil }
        let choices = tables.choices
        let marks = tables.marks
        // `choiceStarts` has a start for every key and one past the last,
        // each a place in `choices`, whose slots are places in `marks`.
        for choice in tables.choiceStarts[key]..<tables.choiceStarts[key &+ 1] {
            let slot = choices[choice]
            if marks[slot].stamp == stamp { return marks[slot].position }
        }
        return nil
    }
}

/// How a pass over records finds its keys: by key numbers (`KeyLocator`)
/// or, where those cannot be used, spelling by spelling (`FieldSpellings`).
///
/// A class, so that the pass's closures capture a reference: a captured
/// variable would have each access checked for exclusivity at run time,
/// dozens of times a record. Only the one pass that made it uses it.
final class KeyFinder {
    private let locator: KeyLocator?
    @exclusivity(unchecked) private var searches: [FieldSpellings]
    /// What a packed deal needs to make for these keys
    /// (`Deal.withEntries`); nil, making everything, where the keys are
    /// searched by spelling.
    let lean: LeanRead?

    init(keys: [String], largestKeyNumber: Int = KeyLocator.largestKeyNumber) {
        locator = KeyLocator(keys: keys, largestKeyNumber: largestKeyNumber)
        searches = locator == nil ? keys.map { FieldSpellings(FieldSpellingNumbers($0)) } : []
        lean = locator.map { LeanRead(keyIDs: $0.keyNumbers) }
    }

    /// Reads one record's entries; `stamp` is never 0 and differs from
    /// every other record's.
    @inline(__always)
    func read(_ entries: UnsafeBufferPointer<RecordEntry>, stamp: Int) {
        locator?.read(entries, stamp: stamp)
    }

    /// The entry of the key at `key` among `keys` in the record last read.
    @inline(__always)
    func index(ofKey key: Int, in entries: UnsafeBufferPointer<RecordEntry>, stamp: Int) -> Int? {
        if locator != nil { return locator?.index(ofKey: key, stamp: stamp) }
        return searches[key].index(in: entries)
    }
}
