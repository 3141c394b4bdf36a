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
struct RecordAssembler: Sendable {
    /// Folded keys by their spelling, each with a small number shared by
    /// all spellings that fold alike: deals repeat the same keys, and both
    /// folding and collision checks by string are far slower than this.
    private var interned: [String: (name: EntryName, id: Int)] = [:]
    private var idsByFolded: [String: Int] = [:]
    private var locations = LocationPacker()
    /// For each key id: the record (by serial) that last used it, and where.
    private var lastRecord: [Int] = []
    private var lastIndex: [Int] = []
    private var serial = 0
    /// Figure units by their text (`USD billion`), and recent values in them.
    var units = FigureUnits()
    private static let cacheLimit = 100_000

    mutating func fold(_ key: String) -> String { intern(key).name.key }

    /// The keys met so far by their bytes, in front of `interned`: a JSON
    /// key seen before costs neither a new string nor folding, and every
    /// record shares one name per distinct key.
    private var recent = ByteKeyedCache<(name: EntryName, id: Int)>(maxEntries: 4096, maxKeyLength: 64)

    /// The key's shared name (folded and as written) and its id; id -1,
    /// and a name of its own, once the cache is full.
    mutating func intern(_ key: String) -> (name: EntryName, id: Int) {
        // By its bytes first, as a JSON key is: CSV and YAML readers intern
        // every key of every row, and a `String` dictionary hashes it whole.
        key.withUTF8Bytes { intern(bytes: $0) }
    }

    /// A key given as its UTF-8 bytes (already validated).
    mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> (name: EntryName, id: Int) {
        guard let base = bytes.baseAddress else { return internSlowly("") }
        let hash = ByteKeyedCache<(name: EntryName, id: Int)>.hash(base, bytes.count)
        if let cached = recent.find(base, bytes.count, hash: hash) { return cached }
        let found = internSlowly(String(decoding: bytes, as: UTF8.self))
        if found.id >= 0 {
            recent.insert(base, bytes.count, hash: hash, value: found)
        }
        return found
    }

    private mutating func internSlowly(_ key: String) -> (name: EntryName, id: Int) {
        if let known = interned[key] { return known }
        let name = EntryName(key: NameFolding.normalizeKey(key), originalKey: key)
        let folded = name.key
        guard interned.count < RecordAssembler.cacheLimit, key.utf8.count <= 256 else { return (name, -1) }
        let id: Int
        if let existing = idsByFolded[folded] {
            id = existing
        } else {
            id = lastRecord.count
            idsByFolded[folded] = id
            lastRecord.append(-1)
            lastIndex.append(0)
        }
        interned[key] = (name, id)
        return (name, id)
    }

    // MARK: From entries (readers that fold keys as they go)

    /// A nested mapping: a figure object becomes its value, anything else a record.
    mutating func value(of entries: [RecordEntry], at location: SourceLocation?, sink: inout DataDiagnosticSink) -> (Value, Provenance?) {
        if FigureReader.isFigure(entries) {
            return readFigure(entries, at: location, sink: &sink)
        }
        return (.record(Record(entries: entries, location: location)), nil)
    }

    /// A figure object's value and provenance, the value shared with every
    /// figure of equal amount and units read before.
    mutating func readFigure(_ entries: [RecordEntry], at location: SourceLocation?, sink: inout DataDiagnosticSink) -> (Value, Provenance?) {
        entries.withUnsafeBufferPointer { readFigure($0, at: location, sink: &sink) }
    }

    /// `readFigure` of entries where they lie (a JSON reader's stack), so
    /// that no array is made for a figure only to be dropped.
    mutating func readFigure(_ entries: UnsafeBufferPointer<RecordEntry>, at location: @autoclosure () -> SourceLocation?,
                             sink: inout DataDiagnosticSink) -> (Value, Provenance?) {
        let (value, provenance) = FigureReader.read(entries, at: location(), units: &units, sink: &sink)
        return (sharedFigure(value), provenance)
    }

    /// Quantities met so far, each in its value's box. Figures of many
    /// deals repeat a few hundred amounts in a unit while their status and
    /// source vary, so the readers' caches of whole figure objects miss
    /// often; a quantity's box is some 150 bytes. Equal quantities render
    /// alike (amounts are normalised, units compared whole), so sharing
    /// changes nothing a user sees.
    private var quantities = SharedValues<Quantity, Value>(limit: 16_384)

    private mutating func sharedFigure(_ value: Value) -> Value {
        guard case .quantity(let quantity) = value else { return value }
        // By the amount alone first: hashing a whole quantity (its unit's
        // factors and words) for the dictionary costs over 1,000
        // instructions, comparing two some 70.
        return quantities.value(
            for: quantity, slot: RecentKey.slot(RecentKey.hash(quantity.amount)),
            isFor: { if case .quantity(let known) = $0 { return known == quantity } else { return false } },
            make: { value }
        )
    }

    /// Whether two of the keys (by their interned ids) may fold alike; when
    /// it says no, `removeCollisions` would find nothing.
    mutating func mayCollide(ids: UnsafeBufferPointer<Int>) -> Bool {
        serial &+= 1
        let serial = self.serial
        // Every key of every record passes here: no per-key uniqueness or
        // bounds checks beyond the one below.
        return lastRecord.withUnsafeMutableBufferPointer { lastRecord in
            for id in ids {
                guard id >= 0, id < lastRecord.count, lastRecord[id] != serial else { return true }
                lastRecord[id] = serial
            }
            return false
        }
    }

    /// Reports and removes entries whose key folds like an earlier one's;
    /// `ids` are the interned ids of the entries' keys, in order.
    mutating func removeCollisions(_ entries: inout [RecordEntry], ids: UnsafeBufferPointer<Int>, sink: inout DataDiagnosticSink) {
        serial &+= 1
        var duplicates: [Int] = []
        if ids.allSatisfy({ $0 >= 0 }) {
            for (offset, id) in ids.enumerated() {
                if lastRecord[id] == serial {
                    duplicates.append(offset)
                    report(collisionOf: entries[offset], with: entries[lastIndex[id]], sink: &sink)
                } else {
                    lastRecord[id] = serial
                    lastIndex[id] = offset
                }
            }
        } else {
            // A hostile number of distinct keys: an index by string instead.
            var index: [String: Int] = [:]
            for (offset, entry) in entries.enumerated() {
                if let earlier = index[entry.key] {
                    duplicates.append(offset)
                    report(collisionOf: entries[offset], with: entries[earlier], sink: &sink)
                } else {
                    index[entry.key] = offset
                }
            }
        }
        for offset in duplicates.reversed() { entries.remove(at: offset) }
    }

    private func report(collisionOf entry: RecordEntry, with first: RecordEntry, sink: inout DataDiagnosticSink) {
        let message = first.originalKey == entry.originalKey
            ? "key `\(entry.originalKey)` appears twice in one record"
            : "keys `\(first.originalKey)` and `\(entry.originalKey)` both mean `\(entry.key)`"
        sink.report(
            .duplicateKey, message, at: entry.location,
            notes: first.location.map { ["`\(first.originalKey)` is at \($0)"] } ?? [],
            help: ["keep one of them; the first is used"]
        )
    }

    // MARK: From members (readers that collect a mapping first)

    /// A nested mapping: a figure object becomes its value, anything else a record.
    mutating func value(of members: ArraySlice<DataMember>, at location: SourceLocation?, sink: inout DataDiagnosticSink) -> (Value, Provenance?) {
        value(of: entries(of: members, sink: &sink), at: location, sink: &sink)
    }

    /// Boxes of the provenance met so far: figures of many deals share a
    /// handful of statuses and sources, and so one box each.
    private var boxes = SharedValues<Provenance, ProvenanceBox>(limit: 4_096)

    mutating func sharedBox(_ provenance: Provenance) -> ProvenanceBox {
        // By a hash of the texts' bytes first, as `sharedFigure` does: the
        // dictionary's hash of a provenance costs some 1,400 instructions.
        let texts = RecentKey.hash(provenance.source) &* 0x9E37_79B9_7F4A_7C15 ^ RecentKey.hash(provenance.asOf)
        let slot = RecentKey.slot(texts &* 0x9E37_79B9_7F4A_7C15 ^ RecentKey.hash(provenance.status))
        return boxes.value(for: provenance, slot: slot, isFor: { $0.provenance == provenance }, make: { ProvenanceBox(provenance) })
    }

    /// Names that carry a provenance (`EntryName.with`), by the plain name
    /// and the box: a figure's entry keeps its provenance in its name, so
    /// the figures under one key share a name per distinct provenance.
    /// The plain name is kept with its variant so that its identifier
    /// stays its own while the variant is remembered.
    ///
    /// The recent slot is chosen by the two objects' addresses: hashing the pair
    /// for the dictionary costs some 260 instructions, for every figure
    /// read. A slot holds both names, and so the box, so no address in it
    /// can be reused by another object while it is there.
    private var namesWithProvenance = SharedValues<NameAndBox, (plain: EntryName, named: EntryName)>(limit: 8_192)

    private struct NameAndBox: Hashable {
        let name: ObjectIdentifier
        let box: ObjectIdentifier
    }

    /// `name` carrying the provenance in `box`, shared with every entry
    /// of that name and box. (Entries without a provenance keep their
    /// key's name as it is; readers do not call this for them.)
    mutating func name(_ name: EntryName, with box: ProvenanceBox) -> EntryName {
        namesWithProvenance.value(
            for: NameAndBox(name: ObjectIdentifier(name), box: ObjectIdentifier(box)), slot: RecentKey.slot(RecentKey.hash(name, box)),
            isFor: { $0.plain === name && $0.named.provenanceBox === box }, make: { (name, name.with(box)) }
        ).named
    }

    /// A deal: always a record, even when its keys look like a figure's.
    mutating func record(of members: ArraySlice<DataMember>, at location: SourceLocation?, sink: inout DataDiagnosticSink) -> Record {
        Record(entries: entries(of: members, sink: &sink), location: location)
    }

    private mutating func entries(of members: ArraySlice<DataMember>, sink: inout DataDiagnosticSink) -> [RecordEntry] {
        var entries: [RecordEntry] = []
        entries.reserveCapacity(members.count)
        var ids: [Int] = []
        ids.reserveCapacity(members.count)
        // Each member's fields are read where they lie: copying a member
        // retains its key, value, place and provenance, then releases them.
        for index in members.indices {
            let key = intern(members[index].key)
            ids.append(key.id)
            let name = if let provenance = members[index].provenance { name(key.name, with: sharedBox(provenance)) } else { key.name }
            let location = if let place = members[index].location { locations.pack(place) } else { PackedLocation.none }
            entries.append(RecordEntry(name: name, value: members[index].value, packedLocation: location))
        }
        // Most records have no two keys that fold alike: a pass over the
        // ids says so without the full check.
        ids.withUnsafeBufferPointer { ids in
            if mayCollide(ids: ids) { removeCollisions(&entries, ids: ids, sink: &sink) }
        }
        return entries
    }
}
