import DealRulesModel

/// Packs the locations of one file's entries: the path's id is looked up
/// once, not for every entry.
struct LocationPacker {
    private var path: String? = nil
    private var pathID: UInt32 = 0

    mutating func pack(_ location: SourceLocation) -> PackedLocation {
        if location.path != path {
            path = location.path
            pathID = SourcePaths.shared.id(of: location.path)
        }
        return PackedLocation(pathID: pathID, line: location.line, column: location.column)
    }
}
