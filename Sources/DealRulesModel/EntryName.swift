/// The key of a record entry, folded and as the data wrote it.
///
/// Every deal of a data set repeats the same few keys, so a loader makes
/// one `EntryName` per spelling and every entry refers to it: an entry
/// then holds one reference instead of two strings, and readers that have
/// met a name before recognise it by identity (`===`) without comparing
/// characters.
public final class EntryName: Sendable {
    /// Normalised key (LANGUAGE.md §4): `capacity target`.
    public let key: String
    /// The key as the data wrote it, for messages.
    public let originalKey: String

    public init(key: String, originalKey: String) {
        self.key = key
        self.originalKey = originalKey
    }
}
