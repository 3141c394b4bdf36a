import DealRulesModel

/// A key and value of a mapping as a reader found them, before keys fold.
struct DataMember {
    var key: String
    var value: Value
    var provenance: Provenance?
    /// Where the key is.
    var location: SourceLocation?
}

/// Turns the members of a mapping into a record (keys normalised,
/// collisions reported) or, for a figure object, into one value with its
/// provenance. Shared by every format so that they read data alike.
struct RecordAssembler {
    /// Folded keys by their spelling: deals repeat the same keys, and
    /// folding is far slower than a lookup.
    private var foldedKeys: [String: String] = [:]
    private static let cacheLimit = 100_000

    mutating func fold(_ key: String) -> String {
        if let folded = foldedKeys[key] { return folded }
        let folded = NameFolding.normalizeKey(key)
        if foldedKeys.count < RecordAssembler.cacheLimit, key.utf8.count <= 128 { foldedKeys[key] = folded }
        return folded
    }

    /// A nested mapping: a figure object becomes its value, anything else a record.
    mutating func value(of members: [DataMember], at location: SourceLocation?, sink: inout DataDiagnosticSink) -> (Value, Provenance?) {
        let entries = self.entries(of: members, sink: &sink)
        if FigureReader.isFigure(entries) {
            return FigureReader.read(entries, at: location, sink: &sink)
        }
        return (.record(Record(entries: entries, location: location)), nil)
    }

    /// A deal: always a record, even when its keys look like a figure's.
    mutating func record(of members: [DataMember], at location: SourceLocation?, sink: inout DataDiagnosticSink) -> Record {
        Record(entries: entries(of: members, sink: &sink), location: location)
    }

    private mutating func entries(of members: [DataMember], sink: inout DataDiagnosticSink) -> [RecordEntry] {
        var entries: [RecordEntry] = []
        entries.reserveCapacity(members.count)
        // Small records are checked pairwise; large ones through an index.
        var index: [String: Int]? = members.count > 16 ? [:] : nil
        for member in members {
            let key = fold(member.key)
            let earlier: Int?
            if index != nil {
                earlier = index?[key]
            } else {
                earlier = entries.firstIndex { $0.key == key }
            }
            if let earlier {
                let first = entries[earlier]
                let message = first.originalKey == member.key
                    ? "key `\(member.key)` appears twice in one record"
                    : "keys `\(first.originalKey)` and `\(member.key)` both mean `\(key)`"
                sink.report(
                    .duplicateKey, message, at: member.location,
                    notes: first.location.map { ["`\(first.originalKey)` is at \($0)"] } ?? [],
                    help: ["keep one of them; the first is used"]
                )
                continue
            }
            index?[key] = entries.count
            entries.append(RecordEntry(
                key: key, originalKey: member.key, value: member.value,
                provenance: member.provenance, location: member.location
            ))
        }
        return entries
    }
}
