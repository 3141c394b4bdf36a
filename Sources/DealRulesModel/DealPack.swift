/// The records of many loaded deals in a few shared arrays, so that a large
/// portfolio is not held as one heap block of 24-byte entries per deal.
///
/// A deal's record repeats what its neighbours hold: the same dozen keys,
/// the same symbols, statuses and figures (loaders already share one name
/// and one value box per repeat). A pack keeps each distinct name and
/// value once, by identity, and a record as a few bytes: its entry count,
/// then for each entry the numbers of its name and value and its place as
/// lines below the record's and a column. A text or symbol no other entry
/// shares (an id, a name) is kept as its bytes. A CSV deal of fourteen
/// entries takes some 75 bytes here instead of about 380 for its entries
/// and 150 for its id and name.
///
/// `record(at:)` makes the record again, with the very names and shared
/// values it was packed from and equal texts, so nothing a user sees
/// changes. That costs an array (and a box for each text of its own) per
/// call, so a pass over many deals reads their entries in place instead
/// (`withEntries`), and a report's replays keep the record of the deal
/// they are on.
public final class DealPack: Sendable {
    private let names: [EntryName]
    private let values: [Value]
    private let bytes: [UInt8]
    /// Where each record starts in `bytes`.
    private let starts: [UInt32]

    private init(names: [EntryName], values: [Value], bytes: [UInt8], starts: [UInt32]) {
        self.names = names
        self.values = values
        self.bytes = bytes
        self.starts = starts
    }

    public var count: Int { starts.count }

    /// The bytes the pack's own arrays take (not the shared boxes).
    public var byteCount: Int {
        names.capacity * MemoryLayout<EntryName>.stride + values.capacity * MemoryLayout<Value>.stride
            + bytes.capacity + starts.capacity * MemoryLayout<UInt32>.stride
    }

    /// Moves the deals' records into one pack, in place (each record is
    /// let go as its deal takes the pack). Deals already packed, and any
    /// the pack could not number (more than 4 GB of records), keep what
    /// they hold.
    public static func pack(_ deals: inout [Deal]) {
        var writer = Writer()
        writer.countUses(of: deals)
        var packed: [Int] = []
        packed.reserveCapacity(deals.count)
        for index in deals.indices {
            guard case .record(let record) = deals[index].body, writer.add(record) else { continue }
            packed.append(index)
        }
        guard !packed.isEmpty else { return }
        let pack = writer.finish()
        for (slot, index) in packed.enumerated() {
            deals[index].body = .packed(pack, slot)
        }
    }

    /// The record at `index`, as it was packed. An index the pack does
    /// not have gives an empty record (never a trap).
    public func record(at index: Int) -> Record {
        guard starts.indices.contains(index) else { return Record() }
        return bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer: buffer, offset: Int(starts[index]))
            let recordLocation = reader.location(from: .none)
            let count = min(reader.number(), buffer.count)
            var entries: [RecordEntry] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let name = reader.number()
                let value = reader.value(from: values)
                let location = reader.location(from: recordLocation)
                guard names.indices.contains(name), let value else { break }
                entries.append(RecordEntry(name: names[name], value: value, packedLocation: location))
            }
            return Record(entries: entries, packedLocation: recordLocation)
        }
    }

    /// Calls `visit` with the entries of the record at `index`, written
    /// into `scratch` as plain words: the names and shared values stay
    /// owned by the pack, so nothing is retained, released or allocated
    /// but the texts the record holds alone. The entries are valid only
    /// inside `visit`. Where `RecordEntry` is not laid out as three words,
    /// the record is made as `record(at:)` makes it.
    ///
    /// A pass that reads a few keys can say which (`lean`): then a text
    /// of an entry's own (an id, a name) is made only for those keys —
    /// the others hold `.unknown` instead — and no entry's location is
    /// worked out (each is `.none`). Making those texts, a string and a
    /// box or two for every deal, was most of what reading a pack cost
    /// beyond reading records.
    public func withEntries<R>(at index: Int, scratch: EntryScratch, lean: LeanRead? = nil,
                               _ visit: (UnsafeBufferPointer<RecordEntry>) -> R) -> R {
        guard let layout = DealPack.entryLayout, starts.indices.contains(index) else {
            return record(at: index).entries.withUnsafeBufferPointer(visit)
        }
        scratch.owned.removeAll(keepingCapacity: true)
        return bytes.withUnsafeBufferPointer { buffer in
            names.withUnsafeBufferPointer { names in
                values.withUnsafeBufferPointer { values in
                    guard let nameBase = names.baseAddress else { return visit(UnsafeBufferPointer(start: nil, count: 0)) }
                    var reader = Reader(buffer: buffer, offset: Int(starts[index]))
                    let recordLocation = reader.location(from: .none)
                    let count = min(reader.number(), buffer.count)
                    let room = scratch.room(for: count)
                    var written = 0
                    for _ in 0..<count {
                        let name = reader.number()
                        guard names.indices.contains(name) else { break }
                        let valueWord = reader.valueWord(from: values, owned: &scratch.owned, lean: lean, keyID: names[name].keyID)
                        let location = lean == nil ? reader.location(from: recordLocation) : reader.skipLocation()
                        guard let valueWord else { break }
                        let entry = UnsafeMutableRawPointer(room + written)
                        entry.storeBytes(of: UnsafeRawPointer(nameBase + name).load(as: UInt.self), toByteOffset: layout.name, as: UInt.self)
                        entry.storeBytes(of: valueWord, toByteOffset: layout.value, as: UInt.self)
                        entry.storeBytes(of: location.word, toByteOffset: layout.location, as: UInt64.self)
                        written += 1
                    }
                    return visit(UnsafeBufferPointer(start: room, count: written))
                }
            }
        }
    }

    // MARK: Writing

    private struct Writer {
        var names: [EntryName] = []
        var values: [Value] = []
        var bytes: [UInt8] = []
        var starts: [UInt32] = []
        /// Names and values by the word that holds them: a name is an
        /// object, and `Value` an indirect enum, one word that is the
        /// address of a box (or a case without one), so equal words are
        /// the same name or value. Where entries are laid out otherwise
        /// (`entryLayout` is nil), nothing is shared.
        var nameNumbers = WordTable()
        var valueNumbers = WordTable()
        /// How many entries of the deals being packed hold each value.
        var uses = WordTable()

        /// The word at `offset` of an entry, read where it lies: copying
        /// entries out would retain and release both of their objects.
        @inline(__always)
        static func word(_ entry: UnsafePointer<RecordEntry>, at offset: Int) -> UInt {
            UnsafeRawPointer(entry).load(fromByteOffset: offset, as: UInt.self)
        }

        mutating func countUses(of deals: [Deal]) {
            guard let layout = DealPack.entryLayout else { return }
            for index in deals.indices {
                guard case .record(let record) = deals[index].body else { continue }
                record.entries.withUnsafeBufferPointer { entries in
                    guard let base = entries.baseAddress else { return }
                    for entry in 0..<entries.count { uses.count(Writer.word(base + entry, at: layout.value)) }
                }
            }
        }

        /// Adds a record; false when the pack is full.
        mutating func add(_ record: Record) -> Bool {
            guard bytes.count < Int(UInt32.max) - 1 << 20 else { return false }
            starts.append(UInt32(bytes.count))
            writeLocation(record.packedLocation, from: .none)
            writeNumber(record.entries.count)
            record.entries.withUnsafeBufferPointer { entries in
                guard let base = entries.baseAddress else { return }
                for entry in 0..<entries.count {
                    writeNumber(nameNumber(base + entry))
                    writeValue(base + entry)
                    writeLocation(entries[entry].packedLocation, from: record.packedLocation)
                }
            }
            return true
        }

        mutating func finish() -> DealPack {
            DealPack(names: Writer.trimmed(names), values: Writer.trimmed(values), bytes: Writer.trimmed(bytes),
                     starts: Writer.trimmed(starts))
        }

        /// A copy without the room the array grew into.
        private static func trimmed<T>(_ array: [T]) -> [T] {
            array.withUnsafeBufferPointer { Array($0) }
        }

        private mutating func nameNumber(_ entry: UnsafePointer<RecordEntry>) -> Int {
            guard let layout = DealPack.entryLayout else {
                names.append(entry.pointee.name)
                return names.count - 1
            }
            return nameNumbers.number(of: Writer.word(entry, at: layout.name)) {
                names.append(entry.pointee.name)
                return names.count - 1
            }
        }

        /// Even: the number of a value in the table, times two. Odd: a
        /// text (1) or symbol (3) held by this entry alone, its UTF-8
        /// after its length. An id or a name is most of what is left of a
        /// deal once repeats are shared, and as a value of its own it would
        /// take a box, and often a string, of its own.
        private mutating func writeValue(_ entry: UnsafePointer<RecordEntry>) {
            guard let layout = DealPack.entryLayout else {
                values.append(entry.pointee.value)
                writeNumber((values.count - 1) << 1)
                return
            }
            let word = Writer.word(entry, at: layout.value)
            if uses.number(of: word) == 1 {
                switch entry.pointee.value {
                case .text(let text):
                    writeText(text, tag: 1)
                    return
                case .symbol(let text):
                    writeText(text, tag: 3)
                    return
                default:
                    break
                }
            }
            let number = valueNumbers.number(of: word) {
                values.append(entry.pointee.value)
                return values.count - 1
            }
            writeNumber(number << 1)
        }

        private mutating func writeText(_ text: String, tag: Int) {
            writeNumber(tag)
            writeNumber(text.utf8.count)
            bytes.append(contentsOf: text.utf8)
        }

        /// Even: lines below `base` (times two), then the column. One: the
        /// whole location word follows in eight bytes.
        private mutating func writeLocation(_ location: PackedLocation, from base: PackedLocation) {
            if let offset = location.offset(from: base) {
                writeNumber(offset.lines << 1)
                writeNumber(offset.column)
                return
            }
            writeNumber(1)
            var word = location.word
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }

        /// Seven bits a byte, low first; the high bit says more follow.
        private mutating func writeNumber(_ number: Int) {
            var rest = UInt(bitPattern: number)
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }
    }

    // MARK: Reading

    /// Reads what `Writer` wrote; past the end it reads zeros, so damage
    /// can only shorten a record.
    private struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var offset: Int

        mutating func byte() -> UInt8 {
            guard offset < buffer.count else { return 0 }
            defer { offset += 1 }
            return buffer[offset]
        }

        /// Most numbers of a pack fit one byte: those are read without the loop.
        @inline(__always)
        mutating func number() -> Int {
            if offset < buffer.count, buffer[offset] < 0x80 {
                defer { offset += 1 }
                return Int(buffer[offset])
            }
            return longNumber()
        }

        private mutating func longNumber() -> Int {
            var result: UInt = 0
            var shift: UInt = 0
            while shift < 64 {
                let next = byte()
                result |= UInt(next & 0x7F) << shift
                if next & 0x80 == 0 { break }
                shift += 7
            }
            return Int(truncatingIfNeeded: result & UInt(Int.max))
        }

        /// What `Writer.writeValue` wrote; nil when it is not there.
        mutating func value(from values: [Value]) -> Value? {
            let tag = number()
            guard tag & 1 == 1 else { return values.indices.contains(tag >> 1) ? values[tag >> 1] : nil }
            return ownText(tag: tag)
        }

        /// The word of what `Writer.writeValue` wrote: a shared value's as
        /// the pack holds it, a text of its own made and kept in `owned` —
        /// or, when `lean` does not want key `keyID`, skipped and read as
        /// `.unknown`. (`keyID` is an autoclosure: a name is looked at only
        /// for a text of its own.)
        mutating func valueWord(from values: UnsafeBufferPointer<Value>, owned: inout [Value], lean: LeanRead?,
                                keyID: @autoclosure () -> Int) -> UInt? {
            let tag = number()
            guard tag & 1 == 1 else {
                guard let base = values.baseAddress, values.indices.contains(tag >> 1) else { return nil }
                return UnsafeRawPointer(base + (tag >> 1)).load(as: UInt.self)
            }
            if let lean, !lean.wants(keyID()) {
                return ownTextBytes(tag: tag) == nil ? nil : DealPack.unknownWord
            }
            guard let value = ownText(tag: tag) else { return nil }
            owned.append(value)
            return unsafeBitCast(value, to: UInt.self)
        }

        /// A text (tag 1) or symbol (tag 3) held by its entry alone: its
        /// length, then its UTF-8.
        private mutating func ownText(tag: Int) -> Value? {
            guard let bytes = ownTextBytes(tag: tag) else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            return tag == 1 ? .text(text) : .symbol(text)
        }

        /// The UTF-8 of such a text, read past; nil when it is not there.
        private mutating func ownTextBytes(tag: Int) -> UnsafeBufferPointer<UInt8>? {
            let length = number()
            guard tag <= 3, length <= buffer.count - offset else { return nil }
            defer { offset += length }
            return UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)])
        }

        /// Reads past a location `location(from:)` would read.
        mutating func skipLocation() -> PackedLocation {
            if number() & 1 == 0 {
                _ = number()
            } else {
                offset += 8
            }
            return .none
        }

        mutating func location(from base: PackedLocation) -> PackedLocation {
            let tag = number()
            if tag & 1 == 0 {
                let column = number()
                return base.moved(lines: tag >> 1, column: column) ?? .none
            }
            var word: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 8) {
                word |= UInt64(byte()) << UInt64(shift)
            }
            return PackedLocation(word: word)
        }
    }
}

/// Room for the entries `DealPack.withEntries` writes, reused from one
/// record to the next by a pass over many deals; and the texts of the
/// record being visited. Used by one thread at a time.
public final class EntryScratch {
    // One thread uses a scratch at a time, and every deal of a pass
    // touches these: not checked for overlapping access at run time.
    @exclusivity(unchecked) private var entries: UnsafeMutablePointer<RecordEntry>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) var owned: [Value] = []

    public init() {
        capacity = 32
        entries = UnsafeMutablePointer<RecordEntry>.allocate(capacity: capacity)
    }

    deinit {
        // The entries were written as words and own nothing: nothing to
        // deinitialise.
        entries.deallocate()
    }

    func room(for count: Int) -> UnsafeMutablePointer<RecordEntry> {
        if count > capacity {
            entries.deallocate()
            capacity = max(count, 2 * capacity)
            entries = UnsafeMutablePointer<RecordEntry>.allocate(capacity: capacity)
        }
        return entries
    }
}

/// The keys a pass over packed deals reads (`DealPack.withEntries`), by
/// key number (`EntryName.keyID`).
public struct LeanRead {
    private let wanted: [Bool]

    public init(keyIDs: [Int]) {
        var wanted = [Bool](repeating: false, count: (keyIDs.max() ?? -1) + 1)
        for id in keyIDs where id >= 0 { wanted[id] = true }
        self.wanted = wanted
    }

    @inline(__always)
    func wants(_ keyID: Int) -> Bool {
        keyID >= 0 && keyID < wanted.count && wanted[keyID]
    }
}

extension DealPack {
    /// The word of `.unknown`, which a lean read puts in place of a text
    /// it does not make.
    static let unknownWord: UInt = unsafeBitCast(Value.unknown, to: UInt.self)

    /// Where a name, a value and a location lie in an entry: three words,
    /// as the writer reads and `withEntries` writes them; nil for any
    /// other layout.
    static let entryLayout: (name: Int, value: Int, location: Int)? = {
        guard MemoryLayout<EntryName>.size == MemoryLayout<UInt>.size, MemoryLayout<Value>.size == MemoryLayout<UInt>.size,
              MemoryLayout<PackedLocation>.size == MemoryLayout<UInt64>.size,
              MemoryLayout<RecordEntry>.size == 3 * MemoryLayout<UInt>.size,
              let name = MemoryLayout<RecordEntry>.offset(of: \RecordEntry.name),
              let value = MemoryLayout<RecordEntry>.offset(of: \RecordEntry.value),
              let location = MemoryLayout<RecordEntry>.offset(of: \RecordEntry.packedLocation) else { return nil }
        return (name, value, location)
    }()
}
