import Synchronization

/// A `SourceLocation` in 8 bytes, for the location of every entry of every
/// loaded deal: the path as an id into `SourcePaths` (12 bits), the line
/// and the column (26 bits each). A location past those bounds — a file
/// with more than 67 million lines, a line longer than 67 million
/// characters (minified JSON), more than 4,094 files in one process — is
/// kept whole in `SourcePaths`' table of large locations and the packed
/// form holds its index there: rare, slower, and just as exact. Path id 0
/// means "no location".
public struct PackedLocation: Sendable, Hashable {
    private let bits: UInt64

    private static let pathBits: UInt64 = 12
    private static let fieldBits: UInt64 = 26
    private static let fieldLimit = 1 << 26
    /// The path id that marks a location kept in the table of large ones.
    private static let largeMarker: UInt64 = (1 << pathBits) - 1

    public static let none = PackedLocation(bits: 0)

    private init(bits: UInt64) {
        self.bits = bits
    }

    public init(_ location: SourceLocation?) {
        guard let location else {
            self = .none
            return
        }
        self.init(pathID: SourcePaths.shared.id(of: location.path), line: location.line, column: location.column)
    }

    /// A location in the file whose path has `pathID` (`SourcePaths.id(of:)`).
    ///
    /// Inlinable, so that a loader packing the location of every entry it
    /// reads does not call across modules for a few shifts; locations past
    /// the bounds go to `init(outsideBounds:line:column:)`.
    @inlinable @inline(__always)
    public init(pathID: UInt32, line: Int, column: Int) {
        // The bounds of `pathBits` and `fieldBits`, written out: an
        // inlinable body sees only what is public.
        if pathID != 0, pathID < (1 << 12) - 1, line >= 0, line < 1 << 26, column >= 0, column < 1 << 26 {
            self.init(word: UInt64(pathID) << 52 | UInt64(line) << 26 | UInt64(column))
        } else {
            self.init(outsideBounds: pathID, line: line, column: column)
        }
    }

    /// What `init(pathID:line:column:)` gives for no path, or for a
    /// location its word cannot hold (kept in `SourcePaths`' table).
    @usableFromInline
    init(outsideBounds pathID: UInt32, line: Int, column: Int) {
        guard pathID != 0 else {
            self = .none
            return
        }
        let index = SourcePaths.shared.keepLarge(pathID: pathID, line: line, column: column)
        self.init(bits: PackedLocation.largeMarker << (2 * PackedLocation.fieldBits) | UInt64(index))
    }

    private var pathField: UInt64 { bits >> (2 * PackedLocation.fieldBits) }

    public var location: SourceLocation? {
        let path = pathField
        guard path != 0 else { return nil }
        let mask: UInt64 = (1 << PackedLocation.fieldBits) - 1
        if path == PackedLocation.largeMarker {
            let large = SourcePaths.shared.large(at: Int(bits & ((1 << (2 * PackedLocation.fieldBits)) - 1)))
            return SourceLocation(path: SourcePaths.shared.path(of: large.pathID), line: large.line, column: large.column)
        }
        return SourceLocation(
            path: SourcePaths.shared.path(of: UInt32(path)),
            line: Int((bits >> PackedLocation.fieldBits) & mask), column: Int(bits & mask)
        )
    }

    /// The location as one word, for compact stores of many locations
    /// (`DealPack`); `init(word:)` gives it back.
    public var word: UInt64 { bits }

    public init(word: UInt64) {
        self.init(bits: word)
    }

    /// This location as lines below `base` and its column, when both are
    /// ordinary (not kept in the table of large ones) and in the same file
    /// with this one at or below `base`'s line: what a record's entries
    /// store in a few bytes instead of a whole word.
    public func offset(from base: PackedLocation) -> (lines: Int, column: Int)? {
        let path = pathField
        guard path != 0, path != PackedLocation.largeMarker, path == base.pathField else { return nil }
        let mask: UInt64 = (1 << PackedLocation.fieldBits) - 1
        let line = (bits >> PackedLocation.fieldBits) & mask
        let baseLine = (base.bits >> PackedLocation.fieldBits) & mask
        guard line >= baseLine else { return nil }
        return (Int(line - baseLine), Int(bits & mask))
    }

    /// The location `offset(from:)` described: `lines` below this one's
    /// line, at `column`. Nil when the numbers cannot have come from it.
    public func moved(lines: Int, column: Int) -> PackedLocation? {
        let mask: UInt64 = (1 << PackedLocation.fieldBits) - 1
        let path = pathField
        guard path != 0, path != PackedLocation.largeMarker, lines >= 0, column >= 0,
              column < PackedLocation.fieldLimit else { return nil }
        let line = Int((bits >> PackedLocation.fieldBits) & mask) + lines
        guard line < PackedLocation.fieldLimit else { return nil }
        return PackedLocation(bits: path << (2 * PackedLocation.fieldBits) | UInt64(line) << PackedLocation.fieldBits | UInt64(column))
    }

    /// Equal when the locations are (two large ones may sit at different
    /// places in the table).
    public static func == (lhs: PackedLocation, rhs: PackedLocation) -> Bool {
        if lhs.bits == rhs.bits { return true }
        guard lhs.pathField == largeMarker || rhs.pathField == largeMarker else { return false }
        return lhs.location == rhs.location
    }

    public func hash(into hasher: inout Hasher) {
        if pathField == PackedLocation.largeMarker {
            hasher.combine(location)
        } else {
            hasher.combine(bits)
        }
    }
}

/// The paths of loaded files, each stored once for the whole process (a
/// handful per run), so that locations need only a number for them.
public final class SourcePaths: Sendable {
    public static let shared = SourcePaths()

    private struct Table {
        var paths: [String] = [""]
        var ids: [String: UInt32] = [:]
        /// Locations too large to pack (see `PackedLocation`).
        var large: [(pathID: UInt32, line: Int, column: Int)] = []
    }

    private let table = Mutex(Table())

    /// Keeps a location too large to pack; its index in the table.
    func keepLarge(pathID: UInt32, line: Int, column: Int) -> Int {
        table.withLock { table in
            table.large.append((pathID, line, column))
            return table.large.count - 1
        }
    }

    func large(at index: Int) -> (pathID: UInt32, line: Int, column: Int) {
        table.withLock { table in table.large.indices.contains(index) ? table.large[index] : (0, 0, 0) }
    }

    public func id(of path: String) -> UInt32 {
        table.withLock { table in
            if let id = table.ids[path] { return id }
            // Past 4 billion distinct paths, every further path shares the last id.
            let id = UInt32(clamping: table.paths.count)
            if Int(id) == table.paths.count {
                table.paths.append(path)
                table.ids[path] = id
            }
            return id
        }
    }

    func path(of id: UInt32) -> String {
        table.withLock { table in table.paths.indices.contains(Int(id)) ? table.paths[Int(id)] : "" }
    }
}
