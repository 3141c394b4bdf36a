/// The cell of `source of F` or `status of F` for each entry name a column
/// pass meets, kept by the name's address.
///
/// Loaders share one `EntryName` for each key and provenance, so a
/// portfolio's figures carry a handful of them. Working the text out of
/// the name's provenance for every deal retained the provenance box and
/// its strings and looked the text up again; by the name's address the
/// pass finds the interned id it gave the last time. Addresses stand for
/// names only while something holds them: a record holds its entries'
/// names, and a pack (`DealPack`) the names its deals' entries are read
/// with, and a pass's deals outlive the pass, so a memo lives for one.
struct ProvenanceTextMemo {
    private static let slots = 64
    /// The name's address in each slot (0: none; no name lives at 0) and
    /// the text id it gave (-1: no text, an unknown cell).
    private var names = [UInt](repeating: 0, count: ProvenanceTextMemo.slots)
    private var ids = [Int32](repeating: -1, count: ProvenanceTextMemo.slots)

    @inline(__always)
    private static func slot(_ name: UInt) -> Int {
        // Objects are 16-byte aligned: the bits above those pick the slot.
        Int(truncatingIfNeeded: (name &>> 4) & UInt(slots - 1))
    }

    /// The id the name at `name` gave, if it is the one remembered.
    @inline(__always)
    func id(ofName name: UInt) -> Int32? {
        let slot = ProvenanceTextMemo.slot(name)
        return names[slot] == name && name != 0 ? ids[slot] : nil
    }

    mutating func remember(name: UInt, id: Int32) {
        let slot = ProvenanceTextMemo.slot(name)
        names[slot] = name
        ids[slot] = id
    }
}
