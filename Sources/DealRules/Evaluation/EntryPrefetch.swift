import CMemoryHints
import DealRulesModel

/// Asks for a deal's record entries to be loaded into the cache a few deals
/// before a scan reaches them. A pass over loaded deals spends most of its
/// time waiting for memory — each deal's entries sit in their own heap
/// block — and one deal's work does not depend on the next one's, so the
/// loads can overlap.
///
/// The address is read from the deal's bytes without retaining the
/// entries' storage; a prefetch is only a hint and never faults, so a
/// layout this does not expect costs speed, never correctness.
enum EntryPrefetch {
    /// How many deals ahead of the one being read to ask for.
    static let distance = 6
    /// Entries of a typical deal span this many cache lines.
    private static let lines = 20
    /// Where a deal that holds its record keeps the word of its entries'
    /// storage: found by looking for that word in a sample deal's bytes,
    /// since the record sits inside the deal's enum of record or pack.
    private static let entriesOffset: Int? = {
        guard MemoryLayout<[RecordEntry]>.size == MemoryLayout<UInt>.size else { return nil }
        let entries = [RecordEntry(key: "probe", originalKey: "probe", value: .unknown)]
        let deal = Deal(record: Record(entries: entries), position: 1)
        let word = unsafeBitCast(entries, to: UInt.self)
        return withUnsafeBytes(of: deal) { raw in
            stride(from: 0, through: raw.count - MemoryLayout<UInt>.size, by: MemoryLayout<UInt>.size).first {
                raw.load(fromByteOffset: $0, as: UInt.self) == word
            }
        }
    }()

    @inline(__always)
    static func prefetch(_ deals: UnsafeBufferPointer<Deal>, _ index: Int) {
        guard index < deals.count, let offset = entriesOffset, let base = deals.baseAddress, !deals[index].isPacked else { return }
        ValueInPlace.lines(at: UnsafeRawPointer(base + index).load(fromByteOffset: offset, as: UInt.self), count: lines)
    }

    /// How many deals ahead to ask for the boxes of the values: nearer than
    /// `distance`, so that the entries that point to them have arrived.
    static let valueDistance = 3

    /// Asks for the boxes the deal's entry values live in: the second
    /// load a cell needs, after the entry itself. `valueOffset` is
    /// `EntryValues.valueOffset`, looked up once by the caller. Only for
    /// deals that hold their records (reading a packed one ahead would
    /// cost what the prefetch saves), so `scratch` is never written.
    @inline(__always)
    static func prefetchValues(_ deals: UnsafeBufferPointer<Deal>, _ index: Int, valueOffset: Int?, scratch: EntryScratch) {
        guard index < deals.count, let offset = valueOffset, MemoryLayout<Value>.size == MemoryLayout<UInt>.size,
              !deals[index].isPacked else { return }
        deals[index].withEntries(scratch: scratch) { entries in
            guard let base = entries.baseAddress else { return }
            for entry in 0..<entries.count {
                let word = UnsafeRawPointer(base + entry).load(fromByteOffset: offset, as: UInt.self) & ValueInPlace.addressBits
                if word != 0 { dr_prefetch(UnsafeRawPointer(bitPattern: word)) }
            }
        }
    }
}
