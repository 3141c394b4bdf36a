import Synchronization

/// A `SourceLocation` in 12 bytes, for the location of every entry of every
/// loaded deal: the path as an id into `SourcePaths`, line and column as
/// 32-bit numbers (saturating at 4,294,967,295, far past any file the
/// loaders accept in practice). Id 0 means "no location".
public struct PackedLocation: Sendable, Hashable {
    private let pathID: UInt32
    private let line: UInt32
    private let column: UInt32

    public static let none = PackedLocation(pathID: 0, line: 0, column: 0)

    init(pathID: UInt32, line: UInt32, column: UInt32) {
        self.pathID = pathID
        self.line = line
        self.column = column
    }

    public init(_ location: SourceLocation?) {
        guard let location else {
            self = .none
            return
        }
        self.init(pathID: SourcePaths.shared.id(of: location.path),
                  line: UInt32(clamping: location.line), column: UInt32(clamping: location.column))
    }

    /// A location in the file whose path has `pathID` (`SourcePaths.id(of:)`).
    public init(pathID: UInt32, line: Int, column: Int) {
        self.init(pathID: pathID, line: UInt32(clamping: line), column: UInt32(clamping: column))
    }

    public var location: SourceLocation? {
        guard pathID != 0 else { return nil }
        return SourceLocation(path: SourcePaths.shared.path(of: pathID), line: Int(line), column: Int(column))
    }
}

/// The paths of loaded files, each stored once for the whole process (a
/// handful per run), so that locations need only a number for them.
public final class SourcePaths: Sendable {
    public static let shared = SourcePaths()

    private struct Table {
        var paths: [String] = [""]
        var ids: [String: UInt32] = [:]
    }

    private let table = Mutex(Table())

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
