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
    /// Wanted spelling (a slot) of each key number; -1 for the others.
    private var slotOfKey: [Int32]
    /// Each key's spellings as slots, in order: key k has
    /// `choices[choiceStarts[k] ..< choiceStarts[k + 1]]`.
    private let choices: [Int]
    private let choiceStarts: [Int]
    /// Per slot: the stamp of the record whose entry `position` holds.
    private var marks: [Mark]

    private struct Mark {
        var stamp: Int
        var position: Int
    }

    static let largestKeyNumber = 1 << 16

    init?(keys: [String]) {
        var slotOfKey: [Int32] = []
        var slotNumbers: [Int] = []
        var choices: [Int] = []
        var choiceStarts = [0]
        for key in keys {
            for spelling in CollectionNames.candidates(for: key) {
                let number = FoldedKeys.shared.id(of: spelling)
                guard number >= 0, number < KeyLocator.largestKeyNumber else { return nil }
                if number >= slotOfKey.count { slotOfKey.append(contentsOf: repeatElement(-1, count: number + 1 - slotOfKey.count)) }
                if slotOfKey[number] < 0 {
                    slotOfKey[number] = Int32(slotNumbers.count)
                    slotNumbers.append(number)
                }
                choices.append(Int(slotOfKey[number]))
            }
            choiceStarts.append(choices.count)
        }
        self.slotOfKey = slotOfKey
        self.choices = choices
        self.choiceStarts = choiceStarts
        self.marks = [Mark](repeating: Mark(stamp: 0, position: 0), count: slotNumbers.count)
    }

    /// Reads one record's entries. `stamp` tells this record from every
    /// other one read (never 0).
    @inline(__always)
    mutating func read(_ entries: UnsafeBufferPointer<RecordEntry>, stamp: Int) {
        let known = slotOfKey.count
        // Through the buffer: one check for shared storage a record, not
        // one for every entry written.
        marks.withUnsafeMutableBufferPointer { marks in
            for index in entries.indices {
                let number = entries[index].name.keyID
                guard number >= 0, number < known else { continue }
                let slot = Int(slotOfKey[number])
                // The first entry with a spelling counts, as in a search.
                guard slot >= 0, marks[slot].stamp != stamp else { continue }
                marks[slot] = Mark(stamp: stamp, position: index)
            }
        }
    }

    /// The entry of key number `key` (its place in `keys`) in the record
    /// read with `stamp`, or nil when it has none.
    @inline(__always)
    func index(ofKey key: Int, stamp: Int) -> Int? {
        for choice in choiceStarts[key]..<choiceStarts[key &+ 1] {
            let slot = choices[choice]
            if marks[slot].stamp == stamp { return marks[slot].position }
        }
        return nil
    }
}
