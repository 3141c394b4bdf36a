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
    /// `entriesWord` is `ValueInPlace.dealEntries`, looked up once by the
    /// caller (a static is checked for initialisation at every read).
    @inline(__always)
    static func prefetch(_ deals: UnsafeBufferPointer<Deal>, _ index: Int, entriesWord: Int?) {
        guard index < deals.count, let offset = entriesWord, let first = deals.baseAddress, !(first + index).pointee.isPacked else { return }
        ValueInPlace.lines(at: UnsafeRawPointer(first + index).load(fromByteOffset: offset, as: UInt.self), count: lines)
    }

    /// How many deals ahead to ask for the boxes of the values: nearer than
    /// `distance`, so that the entries that point to them have arrived.
    static let valueDistance = 3

    /// Asks for the boxes the deal's entry values live in: the second
    /// load a cell needs, after the entry itself. `valueOffset` is
    /// `EntryValues.valueOffset`, and `layout` and `entriesWord`
    /// `ValueInPlace`'s, each looked up once by the caller. Only for deals
    /// that hold their records, read in place (reading a packed one ahead
    /// would cost what the prefetch saves).
    @inline(__always)
    static func prefetchValues(_ deals: UnsafeBufferPointer<Deal>, _ index: Int, valueOffset: Int?,
                               layout: ValueInPlace.Layout?, entriesWord: Int?) {
        guard index < deals.count, let offset = valueOffset, let layout, let entriesWord,
              MemoryLayout<Value>.size == MemoryLayout<UInt>.size, let first = deals.baseAddress,
              let entries = ValueInPlace.entries(ofDeal: first + index, layout, entriesWord: entriesWord),
              let base = entries.baseAddress else { return }
        for entry in 0..<entries.count {
            let word = UnsafeRawPointer(base + entry).load(fromByteOffset: offset, as: UInt.self) & ValueInPlace.addressBits
            if word != 0 { dr_prefetch(UnsafeRawPointer(bitPattern: word)) }
        }
    }
}
