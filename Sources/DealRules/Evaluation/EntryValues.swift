import DealRulesModel

/// Reads a deal's entry values where they lie, without copying them.
///
/// `Value` is an indirect enum: copying one out of a deal retains its box
/// and releasing the copy writes the box again. A pass over every deal
/// does that for each cell; reading in place leaves the deals' memory
/// untouched (no cache line made dirty) and skips two atomic operations a
/// cell.
enum EntryValues {
    /// Where `RecordEntry.value` lies inside an entry.
    static let valueOffset = MemoryLayout<RecordEntry>.offset(of: \RecordEntry.value)

    /// Where `RecordEntry.name` lies inside an entry: the word of its
    /// `EntryName` reference.
    static let nameOffset = MemoryLayout<RecordEntry>.offset(of: \RecordEntry.name)

    /// The address of the name of the entry at `entry`, read without
    /// retaining it; `offset` is `nameOffset`.
    @inline(__always)
    static func nameWord(of entry: UnsafePointer<RecordEntry>, offset: Int) -> UInt {
        UnsafeRawPointer(entry).load(fromByteOffset: offset, as: UInt.self)
    }

    /// The value of the entry at `entry`, in place; `offset` is
    /// `valueOffset`, looked up once by the caller (a static is checked
    /// for initialisation on every read).
    @inline(__always)
    static func value(of entry: UnsafePointer<RecordEntry>, offset: Int) -> UnsafePointer<Value> {
        // An entry's memory holds its stored value at this offset: memory
        // bound to a struct is bound to its stored properties' types.
        UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: Value.self)
    }
}
