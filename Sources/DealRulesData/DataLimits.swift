/// Bounds on what one load may read, so that hostile or broken data gets a
/// clear error instead of exhausting memory or the stack.
public struct DataLimits: Sendable {
    /// Deals in one load (across all files of `loadAll`).
    public var maxDeals: Int
    /// Nesting of lists and mappings, the top-level list included.
    public var maxDepth: Int
    /// Bytes in one string, key or cell.
    public var maxStringLength: Int
    /// Bytes in one data file (or standard input).
    public var maxFileSize: Int
    /// JSON and NDJSON inputs at least this large are read on two threads
    /// (the result is the same as reading in order).
    public var parallelReadThreshold: Int
    /// NDJSON files and JSON arrays of deals are read this many bytes at a
    /// time (whole deals), so that the file is never held whole beside its
    /// deals; YAML and CSV in smaller pieces (`yamlPieceSize`, `csvPieceSize`).
    public var pieceSize: Int
    /// Deals of a CSV file read in pieces keep their records in one pack
    /// a piece (`DealPack`) instead of a heap block each: a large CSV
    /// portfolio then takes 40% less memory. Other formats are not
    /// packed: their records are not large beside their text, and a
    /// packed record costs time each time it is read. Tests turn it off
    /// to compare.
    public var packsDeals: Bool

    public init(
        maxDeals: Int = 1_000_000,
        maxDepth: Int = 64,
        maxStringLength: Int = 1 << 20,
        maxFileSize: Int = 2 << 30,
        parallelReadThreshold: Int = 8 << 20,
        pieceSize: Int = 8 << 20,
        packsDeals: Bool = true
    ) {
        self.maxDeals = maxDeals
        self.maxDepth = maxDepth
        self.maxStringLength = maxStringLength
        self.maxFileSize = maxFileSize
        self.parallelReadThreshold = parallelReadThreshold
        self.pieceSize = pieceSize
        self.packsDeals = packsDeals
    }

    public static let standard = DataLimits()

    /// YAML files are read in pieces of this size (a 64th of `pieceSize`,
    /// 128 KiB): parsed YAML is some twenty times the size of its text.
    var yamlPieceSize: Int { max(1, pieceSize / 64) }

    /// CSV files are read in pieces of this size (an eighth of
    /// `pieceSize`, 1 MiB): a CSV deal's text is small beside the deal.
    var csvPieceSize: Int { max(1, pieceSize / 8) }
}
