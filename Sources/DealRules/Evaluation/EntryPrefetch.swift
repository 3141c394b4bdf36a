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
    private static let entriesOffset: Int? = {
        guard MemoryLayout<[RecordEntry]>.size == MemoryLayout<UInt>.size,
              let record = MemoryLayout<Deal>.offset(of: \Deal.record),
              let entries = MemoryLayout<Record>.offset(of: \Record.entries) else { return nil }
        return record + entries
    }()

    @inline(__always)
    static func prefetch(_ deals: UnsafeBufferPointer<Deal>, _ index: Int) {
        guard index < deals.count, let offset = entriesOffset, let base = deals.baseAddress else { return }
        lines(at: UnsafeRawPointer(base + index).load(fromByteOffset: offset, as: UInt.self), count: lines)
    }

    /// The same for the item `index` of a collection: when it is a record,
    /// the first word of the value is its entries' storage. For any other
    /// item the word is not an address, and the hint is simply wasted.
    @inline(__always)
    static func prefetch(_ items: UnsafeBufferPointer<Value>, _ index: Int) {
        guard index < items.count, let base = items.baseAddress else { return }
        lines(at: UnsafeRawPointer(base + index).load(as: UInt.self), count: 4)
    }

    @inline(__always)
    private static func lines(at address: UInt, count: Int) {
        guard address != 0 else { return }
        for line in 0..<count {
            dr_prefetch(UnsafeRawPointer(bitPattern: address &+ UInt(line &* 64)))
        }
    }
}
