import CMemoryHints
import DealRulesModel

/// Reads the items of a list value and the entries of a record value
/// where they lie in the deals, and asks for them ahead of a pass.
///
/// Binding `case .list(let items)` copies the array out of the value's box:
/// a retain and a release, each a write to the box. A pass over a large
/// portfolio's collections meets every box cold, so those writes are
/// cache misses of their own, and each dirties a line of the deals'
/// memory. Read in place, an item table's pass touches each box once,
/// read-only, and can ask for the next deals' boxes, arrays and entries
/// before it needs them (`prefetch`).
///
/// `Value` is an indirect enum: one word holding its box's address, the
/// case in bits an address does not use. Where the payload lies in a box
/// and the elements in an array's storage is found once, by looking for
/// known words in sample values (`layout`). Where the layout is not what
/// this expects, `layout` is nil and callers copy the payload as before.
enum ValueInPlace {
    struct Layout {
        /// Where each kind of box holds its payload: a list's array word, a
        /// record's entries array word, a text's or symbol's two string words.
        let payload: (list: Int, record: Int, text: Int, symbol: Int)
        /// Where an array's storage holds its count, and its first element.
        let array: (count: Int, elements: Int)
    }

    /// The bits of a value's word that hold its box's address.
    static let addressBits: UInt = 0x0000_FFFF_FFFF_FFF8

    static let layout: Layout? = {
        guard MemoryLayout<Value>.size == MemoryLayout<UInt>.size,
              MemoryLayout<[Value]>.size == MemoryLayout<UInt>.size,
              MemoryLayout<[RecordEntry]>.size == MemoryLayout<UInt>.size else { return nil }
        let shortList: [Value] = [.integer(1), .integer(2), .integer(3)]
        var longList: [Value] = []
        longList.reserveCapacity(40)
        for number in 0..<5 { longList.append(.integer(number)) }
        let entries = [RecordEntry(key: "probe", originalKey: "probe", value: .unknown)]
        let list = Value.list(shortList)
        let record = Value.record(Record(entries: entries))
        // A string long enough to keep its characters in storage of its own.
        let probe = String(repeating: "probe ", count: 8)
        let probeWords = unsafeBitCast(probe, to: (UInt, UInt).self)
        guard MemoryLayout<String>.size == 2 * MemoryLayout<UInt>.size,
              let listPayload = offset(of: [unsafeBitCast(shortList, to: UInt.self)], inBoxOf: list),
              let recordPayload = offset(of: [unsafeBitCast(entries, to: UInt.self)], inBoxOf: record),
              let textPayload = offset(of: [probeWords.0, probeWords.1], inBoxOf: .text(probe)),
              let symbolPayload = offset(of: [probeWords.0, probeWords.1], inBoxOf: .symbol(probe)) else { return nil }
        // The elements: the first element's address less the storage's.
        let elements = shortList.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { UInt(bitPattern: $0) &- unsafeBitCast(shortList, to: UInt.self) }
        }
        guard let elements, elements < 256, elements % UInt(MemoryLayout<UInt>.size) == 0,
              longList.withUnsafeBufferPointer({ $0.baseAddress.map { UInt(bitPattern: $0) &- unsafeBitCast(longList, to: UInt.self) } }) == elements
        else { return nil }
        // The count: the header word that reads 3 in the one and 5 in the other.
        let count = stride(from: 0, to: Int(elements), by: MemoryLayout<UInt>.size).first { offset in
            word(at: offset, of: unsafeBitCast(shortList, to: UInt.self)) == 3
                && word(at: offset, of: unsafeBitCast(longList, to: UInt.self)) == 5
        }
        guard let count else { return nil }
        return withExtendedLifetime((list, record, longList, probe)) {
            Layout(payload: (list: listPayload, record: recordPayload, text: textPayload, symbol: symbolPayload),
                   array: (count: count, elements: Int(elements)))
        }
    }()

    /// The word at `offset` bytes into the object at `address`.
    @inline(__always)
    private static func word(at offset: Int, of address: UInt) -> UInt {
        UnsafeRawPointer(bitPattern: address).map { $0.load(fromByteOffset: offset, as: UInt.self) } ?? 0
    }

    /// Where `words` lie, one after another, in the box of `value`
    /// (within its first 64 bytes).
    private static func offset(of words: [UInt], inBoxOf value: Value) -> Int? {
        let box = unsafeBitCast(value, to: UInt.self) & addressBits
        let size = MemoryLayout<UInt>.size
        guard box != 0 else { return nil }
        return withExtendedLifetime(value) {
            stride(from: size, through: 64 - words.count * size, by: size).first { start in
                words.indices.allSatisfy { word(at: start + $0 * size, of: box) == words[$0] }
            }
        }
    }

    /// The two words of the string of the text or symbol at `value`, read
    /// in place; nil for any other value. Binding the string would retain
    /// its storage, a write to memory that may be cold.
    @inline(__always)
    static func textBits(of value: UnsafePointer<Value>, _ layout: Layout) -> (UInt64, UInt64)? {
        let offset: Int
        switch value.pointee {
        case .text: offset = layout.payload.text
        case .symbol: offset = layout.payload.symbol
        default: return nil
        }
        let box = UnsafeRawPointer(value).load(as: UInt.self) & addressBits
        return (UInt64(word(at: offset, of: box)), UInt64(word(at: offset + MemoryLayout<UInt>.size, of: box)))
    }

    /// The elements of the array whose storage is at `storage`.
    @inline(__always)
    private static func elements<Element>(ofStorage storage: UInt, _ layout: Layout, as type: Element.Type) -> UnsafeBufferPointer<Element> {
        let count = Int(bitPattern: word(at: layout.array.count, of: storage))
        guard count > 0, let first = UnsafeRawPointer(bitPattern: storage &+ UInt(layout.array.elements)) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        // The storage's elements are bound to their type.
        return UnsafeBufferPointer(start: first.assumingMemoryBound(to: Element.self), count: count)
    }

    /// The items of the list at `value`, in place; nil when it is not a list.
    @inline(__always)
    static func items(of value: UnsafePointer<Value>, _ layout: Layout) -> UnsafeBufferPointer<Value>? {
        guard case .list = value.pointee else { return nil }
        let box = UnsafeRawPointer(value).load(as: UInt.self) & addressBits
        return elements(ofStorage: word(at: layout.payload.list, of: box), layout, as: Value.self)
    }

    /// The entries of the record at `value`, in place; nil when it is not a record.
    @inline(__always)
    static func entries(of value: UnsafePointer<Value>, _ layout: Layout) -> UnsafeBufferPointer<RecordEntry>? {
        guard case .record = value.pointee else { return nil }
        let box = UnsafeRawPointer(value).load(as: UInt.self) & addressBits
        return elements(ofStorage: word(at: layout.payload.record, of: box), layout, as: RecordEntry.self)
    }

    /// Calls `body` with the items of the list at `value`: in place, or,
    /// without a layout, from a copy of the array. Nil when it is not a list.
    @inline(__always)
    static func withItems<R>(of value: UnsafePointer<Value>, _ layout: Layout?, _ body: (UnsafeBufferPointer<Value>) -> R) -> R? {
        if let layout { return items(of: value, layout).map(body) }
        guard case .list(let items) = value.pointee else { return nil }
        return items.withUnsafeBufferPointer(body)
    }

    /// The same for the entries of the record at `value`.
    @inline(__always)
    static func withEntries<R>(of value: UnsafePointer<Value>, _ layout: Layout?, _ body: (UnsafeBufferPointer<RecordEntry>) -> R) -> R? {
        if let layout { return entries(of: value, layout).map(body) }
        guard case .record(let record) = value.pointee else { return nil }
        return record.entries.withUnsafeBufferPointer(body)
    }

    // MARK: A deal's own entries

    /// Where a deal that holds its record keeps the word of its entries'
    /// storage, found in a sample deal's bytes (the record sits inside the
    /// deal's enum of record or pack) and checked by reading the sample's
    /// entries back through it; nil where that does not hold.
    static let dealEntries: Int? = {
        guard let layout, MemoryLayout<[RecordEntry]>.size == MemoryLayout<UInt>.size else { return nil }
        let entries = [RecordEntry(key: "probe", originalKey: "probe", value: .unknown),
                       RecordEntry(key: "other", originalKey: "other", value: .integer(2))]
        let deal = Deal(record: Record(entries: entries), position: 1)
        let storage = unsafeBitCast(entries, to: UInt.self)
        return withExtendedLifetime((deal, entries)) {
            let offset = withUnsafeBytes(of: deal) { raw in
                stride(from: 0, through: raw.count - MemoryLayout<UInt>.size, by: MemoryLayout<UInt>.size).first {
                    raw.load(fromByteOffset: $0, as: UInt.self) == storage
                }
            }
            guard let offset else { return nil }
            let read = elements(ofStorage: storage, layout, as: RecordEntry.self)
            let real = entries.withUnsafeBufferPointer { $0.baseAddress }
            return read.baseAddress == real && read.count == entries.count ? offset : nil
        }
    }()

    /// Calls `body` with the entries of the deal at `deal`: in place for a
    /// deal that holds its record, where `layout` and `entriesWord`
    /// (`dealEntries`) are known, else as `Deal.withEntries` gives them.
    /// Binding the deal's record would retain and release its entries'
    /// storage, writes to memory a large portfolio has cold.
    @inline(__always)
    static func withEntries<R>(ofDeal deal: UnsafePointer<Deal>, _ layout: Layout?, entriesWord: Int?, scratch: EntryScratch,
                               lean: LeanRead?, _ body: (UnsafeBufferPointer<RecordEntry>) -> R) -> R {
        if let layout, let entriesWord, let entries = entries(ofDeal: deal, layout, entriesWord: entriesWord) {
            return body(entries)
        }
        return deal.pointee.withEntries(scratch: scratch, lean: lean, body)
    }

    /// The entries of the deal at `deal` in place; nil for a packed deal.
    @inline(__always)
    static func entries(ofDeal deal: UnsafePointer<Deal>, _ layout: Layout, entriesWord: Int) -> UnsafeBufferPointer<RecordEntry>? {
        guard !deal.pointee.isPacked else { return nil }
        let storage = UnsafeRawPointer(deal).load(fromByteOffset: entriesWord, as: UInt.self)
        return elements(ofStorage: storage, layout, as: RecordEntry.self)
    }

    // MARK: Asking ahead

    /// Asks for the box of the value at `value`.
    @inline(__always)
    static func prefetchBox(_ value: UnsafePointer<Value>) {
        let box = UnsafeRawPointer(value).load(as: UInt.self) & addressBits
        if box != 0 { dr_prefetch(UnsafeRawPointer(bitPattern: box)) }
    }

    /// For a list whose box has arrived: asks for its array's storage.
    @inline(__always)
    static func prefetchItems(_ value: UnsafePointer<Value>, _ layout: Layout) {
        guard case .list = value.pointee else { return }
        let box = UnsafeRawPointer(value).load(as: UInt.self) & addressBits
        lines(at: word(at: layout.payload.list, of: box), count: 2)
    }

    /// For a list whose array has arrived: asks for its first items' boxes
    /// and, for records whose boxes arrived, their entries.
    @inline(__always)
    static func prefetchItemBoxes(_ value: UnsafePointer<Value>, _ layout: Layout, entries: Bool) {
        guard let items = items(of: value, layout), let first = items.baseAddress else { return }
        for index in 0..<min(items.count, 4) {
            if entries, case .record = items[index] {
                let box = UnsafeRawPointer(first + index).load(as: UInt.self) & addressBits
                lines(at: word(at: layout.payload.record, of: box), count: 2)
            } else {
                prefetchBox(first + index)
            }
        }
    }

    /// Asks for `count` cache lines from `address` (none for 0).
    @inline(__always)
    static func lines(at address: UInt, count: Int) {
        guard address != 0 else { return }
        for line in 0..<count {
            dr_prefetch(UnsafeRawPointer(bitPattern: address &+ UInt(line &* 64)))
        }
    }
}
