import DealRulesModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table from short byte strings (as they appear in the input) to
/// what reading them gave, so that data that repeats — the same status,
/// company, unit or figure object in every deal — is read once per reader
/// and its value (a boxed `Value`) shared by every deal that has it.
///
/// Open addressing with linear probing; it grows up to `maxEntries` and
/// then starts again. Every key is kept as bytes and compared in
/// full, so a hit is always the same input. One cache belongs to one
/// reader (one thread): values are not shared across threads, so their
/// reference counts do not bounce between cores.
struct ByteKeyedCache<Element> {
    // A struct of arrays (not a class) inside its reader: accesses are
    // checked for exclusivity statically, not at run time.
    //
    // Tables hold tens of thousands of keys, well beyond the processor's
    // caches, so a lookup is laid out to touch few cache lines: a slot
    // holds the top half of its key's hash beside the entry's number, so
    // a miss (most strings of data that never repeats) reads the slots
    // alone, and an entry keeps where its bytes are beside its value.
    private var slots: [UInt64] = Array(repeating: 0, count: 256)
    private var slotMask = 255
    private var stored: [Stored] = []
    /// Each entry's full hash, read only when the slots grow.
    private var hashes: [UInt64] = []
    private var arena: [UInt8] = []
    let maxEntries: Int
    let maxKeyLength: Int

    fileprivate struct Stored {
        var offset: UInt32
        var length: UInt32
        var value: Element
    }

    /// How many keys the table holds.
    var count: Int { stored.count }

    init(maxEntries: Int = 1 << 16, maxKeyLength: Int = 128) {
        // Offsets into the arena and entry numbers are 32 bits.
        precondition(maxEntries > 0 && maxKeyLength > 0 && maxEntries <= 1 << 24 && maxKeyLength <= 1 << 16
                        && maxEntries * maxKeyLength <= Int(UInt32.max),
                     "a byte-keyed cache's offsets must fit in 32 bits")
        self.maxEntries = maxEntries
        self.maxKeyLength = maxKeyLength
    }

    /// A hash of `count` bytes at `base`, eight at a time.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        if offset < count, count >= 8 {
            // The last eight bytes, overlapping the words already mixed in.
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }

    /// The slot's tag for a hash: its top 32 bits, where a slot keeps them.
    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    /// The value stored for exactly these bytes.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Element? {
        let tag = ByteKeyedCache.tag(hash)
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let held = slots[slot]
            if held == 0 { return nil }
            if held & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(truncatingIfNeeded: held & 0xFFFF_FFFF) &- 1
                if Int(stored[entry].length) == count, matches(Int(stored[entry].offset), base, count) { return stored[entry].value }
            }
            slot = (slot &+ 1) & slotMask
        }
    }

    @inline(__always)
    private func matches(_ offset: Int, _ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            ByteKeyedCache<Int>.equal(UnsafeRawPointer(arena.baseAddress! + offset), UnsafeRawPointer(base), count)
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal; short runs (most
    /// keys and values) as one or two words, without a call.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8, count <= 16 {
            return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count < 8 {
            for offset in 0..<count where a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            return true
        }
        return memcmp(a, b, count) == 0
    }

    /// The value stored for exactly `bytes`, hashing them here.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Element? {
        guard let base = bytes.baseAddress else { return nil }
        return find(base, bytes.count, hash: ByteKeyedCache.hash(base, bytes.count))
    }

    /// `insert` for `bytes`, hashing them here.
    @inline(__always)
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, value: Element) {
        guard let base = bytes.baseAddress else { return }
        insert(base, bytes.count, hash: ByteKeyedCache.hash(base, bytes.count), value: value)
    }

    /// Stores a value for bytes not yet in the table (ignored when too
    /// long). A full table starts again empty, so that data whose values
    /// drift (or a stream of unique ones) still shares what repeats now.
    mutating func insert(_ base: UnsafePointer<UInt8>, _ count: Int, hash: UInt64, value: Element) {
        guard count <= maxKeyLength else { return }
        if stored.count >= maxEntries { removeAll() }
        if (stored.count + 1) * 2 > slotMask + 1 { grow() }
        let entry = stored.count
        hashes.append(hash)
        stored.append(Stored(offset: UInt32(arena.count), length: UInt32(count), value: value))
        arena.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        place(entry)
    }

    /// One bit per hash value seen (by the hash's top bits), for
    /// `insertIfSeenBefore`; allocated on first use.
    private var seen: [UInt64] = []

    /// Stores a value only for bytes met before (or whose hash collides
    /// with bytes met before): data that never repeats — ids, names —
    /// then costs a bit, not an entry.
    mutating func insertIfSeenBefore(_ base: UnsafePointer<UInt8>, _ count: Int, hash: UInt64, value: Element) {
        if wasSeenBefore(hash: hash) { insert(base, count, hash: hash, value: value) }
    }

    /// Whether bytes with this hash were met before (or some whose hash
    /// collides with it), marking it met: for a caller that builds the
    /// value to store only when it will be stored.
    mutating func wasSeenBefore(hash: UInt64) -> Bool {
        if seen.isEmpty { seen = Array(repeating: 0, count: 1 << 14) }
        let bit = Int(truncatingIfNeeded: hash >> 44) // 20 bits
        let mask: UInt64 = 1 << UInt64(bit & 63)
        if seen[bit >> 6] & mask == 0 {
            seen[bit >> 6] |= mask
            return false
        }
        return true
    }

    private mutating func removeAll() {
        for slot in slots.indices { slots[slot] = 0 }
        hashes.removeAll(keepingCapacity: true)
        stored.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }

    private mutating func place(_ entry: Int) {
        let hash = hashes[entry]
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while slots[slot] != 0 { slot = (slot + 1) & slotMask }
        slots[slot] = ByteKeyedCache.tag(hash) | UInt64(entry + 1)
    }

    private mutating func grow() {
        let count = (slotMask + 1) * 2
        slots = Array(repeating: 0, count: count)
        slotMask = count - 1
        for entry in stored.indices { place(entry) }
    }
}

/// A stack of elements in one growing buffer, for the entries and items of
/// the mappings and lists being read (innermost last). When one closes, its
/// elements are moved — not copied — into an array of exactly their number,
/// so a record holds no spare capacity and no element is retained twice.
final class ScratchStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Room for one more element, which the caller must initialize at once
    /// (building it in place saves a copy of a large element).
    @inline(__always)
    func pushSlot() -> UnsafeMutablePointer<Element> {
        if count == capacity { grow() }
        count += 1
        return base + count - 1
    }

    @inline(__always)
    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: consume element)
        count += 1
    }

    /// The elements from `start` on, in place (valid until the next push or pop).
    @inline(__always)
    func elements(from start: Int) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + start, count: count - start)
    }

    /// Moves the elements from `start` on into a new array of exactly their count.
    ///
    /// Through `append(contentsOf:)` of an empty array, not
    /// `Array(unsafeUninitializedCapacity:)`: that allocates through a
    /// standard-library function no caller can specialize, which looks the
    /// array's storage type up in the runtime's table of generic types —
    /// for every record and list read, 4% of a load, on a table both
    /// loading threads share.
    func popArray(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0 else { return [] }
        var array: [Element] = []
        array.append(contentsOf: MovedElements(start: base + start, count: moved))
        count = start
        return array
    }

    /// Drops the elements from `start` on (after an error).
    func truncate(to start: Int) {
        guard start < count else { return }
        (base + start).deinitialize(count: count - start)
        count = start
    }

    private func grow() {
        let larger = capacity * 2
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = larger
    }
}

extension ByteKeyedCache: Sendable where Element: Sendable {}
extension ByteKeyedCache.Stored: Sendable where Element: Sendable {}

/// Elements moved, not copied, out of a `ScratchStack` by the array that
/// appends them: `Array.append(contentsOf:)` asks for `underestimatedCount`
/// elements and has `_copyContents` initialize its new storage. Only for
/// that use: iterating it yields nothing, and the elements must not be
/// used again where they were.
private struct MovedElements<Element>: Sequence {
    let start: UnsafeMutablePointer<Element>
    let count: Int

    var underestimatedCount: Int { count }

    func makeIterator() -> EmptyCollection<Element>.Iterator {
        EmptyCollection<Element>.Iterator()
    }

    func _copyContents(
        initializing buffer: UnsafeMutableBufferPointer<Element>
    ) -> (EmptyCollection<Element>.Iterator, UnsafeMutableBufferPointer<Element>.Index) {
        // The array made room for `underestimatedCount`; never write past
        // what it offers.
        let moved = Swift.min(count, buffer.count)
        if moved > 0, let target = buffer.baseAddress { target.moveInitialize(from: start, count: moved) }
        return (makeIterator(), moved)
    }
}
