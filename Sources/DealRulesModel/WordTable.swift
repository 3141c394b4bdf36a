/// Numbers by machine word (an object's address, an enum's bits), in an
/// open-addressed table with a multiplicative hash: packing a portfolio
/// (`DealPack`) looks up every entry's name and value this way, and a
/// general dictionary's seeded hashing was a fifth of that work.
struct WordTable {
    private var keys: [UInt]
    /// -1 marks a free slot.
    private var numbers: [Int]
    private var used = 0
    private var shift: UInt

    init(capacity: Int = 64) {
        var size = 16
        while size < 2 * capacity, size < 1 << 40 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        numbers = Array(repeating: -1, count: size)
        shift = UInt(UInt.bitWidth - size.trailingZeroBitCount)
    }

    /// The number kept for `key`, if any.
    func number(of key: UInt) -> Int? {
        let found = numbers[slot(of: key)]
        return found >= 0 ? found : nil
    }

    /// The number kept for `key`, after keeping `make()` for it when none was.
    mutating func number(of key: UInt, orKeep make: () -> Int) -> Int {
        if 2 * (used + 1) > keys.count { grow() }
        let slot = slot(of: key)
        if numbers[slot] >= 0 { return numbers[slot] }
        let number = make()
        keys[slot] = key
        numbers[slot] = max(0, number)
        used += 1
        return number
    }

    /// Adds one to the number kept for `key` (zero when none was).
    mutating func count(_ key: UInt) {
        if 2 * (used + 1) > keys.count { grow() }
        let slot = slot(of: key)
        if numbers[slot] >= 0 {
            numbers[slot] &+= 1
            return
        }
        keys[slot] = key
        numbers[slot] = 1
        used += 1
    }

    /// The slot holding `key`, or the free one where it would go.
    private func slot(of key: UInt) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
        while numbers[slot] >= 0, keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        var larger = WordTable(capacity: keys.count)
        for index in keys.indices where numbers[index] >= 0 {
            let slot = larger.slot(of: keys[index])
            larger.keys[slot] = keys[index]
            larger.numbers[slot] = numbers[index]
            larger.used += 1
        }
        self = larger
    }
}
