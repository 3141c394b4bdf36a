import Synchronization

/// The key of a record entry, folded and as the data wrote it.
///
/// Every deal of a data set repeats the same few keys, so a loader makes
/// one `EntryName` per spelling and every entry refers to it: an entry
/// then holds one reference instead of two strings. Each folded key also
/// has a process-wide number (`keyID`), so that code reading a field out of
/// many records compares integers, not strings.
///
/// A figure's entry also keeps its provenance here, not in the entry:
/// loaders share one name per key and provenance (figures repeat a few
/// statuses and sources), so an entry takes 24 bytes instead of 32.
public final class EntryName: Sendable {
    /// Normalised key (LANGUAGE.md §4): `capacity target`.
    public let key: String
    /// The key as the data wrote it, for messages.
    public let originalKey: String
    /// Equal for equal keys (`FoldedKeys`); -1 past the table's limit,
    /// where the key itself must be compared.
    public let keyID: Int
    /// The provenance of the entry's value, for a figure; nil otherwise.
    public let provenanceBox: ProvenanceBox?

    public init(key: String, originalKey: String, provenanceBox: ProvenanceBox? = nil) {
        self.key = key
        self.originalKey = originalKey
        self.keyID = FoldedKeys.shared.id(of: key)
        self.provenanceBox = provenanceBox
    }

    private init(key: String, originalKey: String, keyID: Int, provenanceBox: ProvenanceBox?) {
        self.key = key
        self.originalKey = originalKey
        self.keyID = keyID
        self.provenanceBox = provenanceBox
    }

    /// The same key with `box` as its provenance: itself when it already
    /// has that box, else a new name (loaders share those; see
    /// `RecordAssembler.name(_:with:)`).
    public func with(_ box: ProvenanceBox?) -> EntryName {
        if box === provenanceBox { return self }
        return EntryName(key: key, originalKey: originalKey, keyID: keyID, provenanceBox: box)
    }

    /// Whether this is the key `key`, whose number is `id` (`FoldedKeys.id(of:)`).
    /// `key` is read only when a number is missing: a scan over many
    /// records then never touches the string.
    @inline(__always) public func isKey(_ key: @autoclosure () -> String, id: Int) -> Bool {
        if id >= 0 && keyID >= 0 { return keyID == id }
        return self.key == key()
    }
}

/// Numbers for folded keys, one per distinct key (equal strings, in
/// `String`'s sense, get one number) for the whole process. Bounded: past
/// `limit` distinct keys — only hostile data has so many — new keys get -1
/// and are compared as strings.
public final class FoldedKeys: Sendable {
    public static let shared = FoldedKeys()
    static let limit = 1 << 20

    private let table = Mutex([String: Int]())

    public func id(of key: String) -> Int {
        table.withLock { table in
            if let id = table[key] { return id }
            guard table.count < FoldedKeys.limit else { return -1 }
            let id = table.count
            table[key] = id
            return id
        }
    }
}
