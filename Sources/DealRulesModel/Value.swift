/// A value in rule evaluation or deal data (LANGUAGE.md §5).
public indirect enum Value: Sendable {
    case unknown
    case boolean(Bool)
    /// `isPercent` only affects rendering: `40%` is the number 0.4.
    case number(DecimalNumber, isPercent: Bool)
    case quantity(Quantity)
    case date(DateValue)
    case text(String)
    /// Bare words (`unvalidated`, `natural gas`), compared folded.
    case symbol(String)
    case list([Value])
    case record(Record)
    /// A count over items some of which are unknown: every value from
    /// `lower` to `upper` is possible (LANGUAGE.md §6.5).
    case range(lower: DecimalNumber, upper: DecimalNumber)

    public static func number(_ value: DecimalNumber) -> Value { .number(value, isPercent: false) }
    public static func integer(_ value: Int) -> Value { .number(DecimalNumber(value), isPercent: false) }

    public var isUnknown: Bool { if case .unknown = self { return true } else { return false } }

    /// The type name used in messages.
    public var typeName: String {
        switch self {
        case .unknown: return "unknown"
        case .boolean: return "boolean"
        case .number(_, let percent): return percent ? "percentage" : "number"
        case .quantity(let q): return q.unit.description
        case .date: return "date"
        case .text: return "text"
        case .symbol: return "symbol"
        case .list: return "list"
        case .record: return "record"
        case .range: return "number"
        }
    }
}

/// One key of a record, with the provenance of a figure object.
///
/// A loaded portfolio holds some twenty of these per deal, so they are
/// kept small (24 bytes): the key's two spellings and, for a figure, its
/// provenance behind one shared `EntryName`, and the location packed into
/// 8 bytes (`PackedLocation`).
public struct RecordEntry: Sendable {
    /// The key, and the provenance of a figure's value.
    public private(set) var name: EntryName
    public var value: Value
    public private(set) var packedLocation: PackedLocation

    /// Normalised key (LANGUAGE.md §4): `capacity target`.
    public var key: String {
        get { name.key }
        set { name = EntryName(key: newValue, originalKey: name.originalKey, provenanceBox: name.provenanceBox) }
    }

    /// The key as the data wrote it, for messages.
    public var originalKey: String {
        get { name.originalKey }
        set { name = EntryName(key: name.key, originalKey: newValue, provenanceBox: name.provenanceBox) }
    }

    public var provenance: Provenance? {
        get { name.provenanceBox?.provenance }
        set { name = name.with(newValue.map(ProvenanceBox.init)) }
    }

    /// Where the value is in its data file, when the format has lines.
    public var location: SourceLocation? {
        get { packedLocation.location }
        set { packedLocation = PackedLocation(newValue) }
    }

    /// The status of the figure, without copying its provenance.
    public var status: ProvenanceStatus? { name.provenanceBox?.provenance.status }

    public init(key: String, originalKey: String, value: Value, provenance: Provenance? = nil, location: SourceLocation? = nil) {
        self.name = EntryName(key: key, originalKey: originalKey, provenanceBox: provenance.map(ProvenanceBox.init))
        self.value = value
        self.packedLocation = PackedLocation(location)
    }

    /// An entry of a shared name with a provenance of its own.
    public init(name: EntryName, value: Value, provenance: Provenance?, packedLocation: PackedLocation) {
        self.init(name: name.with(provenance.map(ProvenanceBox.init)), value: value, packedLocation: packedLocation)
    }

    /// For loaders, which share one name per key spelling and provenance
    /// (`name` carries the provenance) and pack the locations of a file's
    /// entries themselves.
    public init(name: EntryName, value: Value, packedLocation: PackedLocation) {
        self.name = name
        self.value = value
        self.packedLocation = packedLocation
    }
}

/// The provenance of one figure, shared by the copies of its entry's name
/// (and by the names a loader gave many figures with this provenance).
public final class ProvenanceBox: Sendable {
    public let provenance: Provenance

    public init(_ provenance: Provenance) {
        self.provenance = provenance
    }
}

/// A mapping with normalised keys, in data order.
public struct Record: Sendable {
    public var entries: [RecordEntry]
    /// Packed (8 bytes, not 40): every deal and every nested mapping has one.
    public var packedLocation: PackedLocation

    public var location: SourceLocation? {
        get { packedLocation.location }
        set { packedLocation = PackedLocation(newValue) }
    }

    public init(entries: [RecordEntry] = [], location: SourceLocation? = nil) {
        self.entries = entries
        self.packedLocation = PackedLocation(location)
    }

    /// For loaders, which pack the locations of a file themselves.
    public init(entries: [RecordEntry], packedLocation: PackedLocation) {
        self.entries = entries
        self.packedLocation = packedLocation
    }

    /// The entry for a normalised key.
    public func entry(_ key: String) -> RecordEntry? {
        for entry in entries where entry.key == key { return entry }
        return nil
    }

    public subscript(key: String) -> Value? { entry(key)?.value }
}

/// One deal of the data set: a record plus where it came from.
public struct Deal: Sendable {
    /// Where the record is: held by the deal, or in a pack of many deals'
    /// records (`DealPack`), which large loads use to save memory.
    @usableFromInline
    enum Body: Sendable {
        case record(Record)
        case packed(DealPack, Int)
    }

    @usableFromInline var body: Body

    /// The deal's record; a packed deal's is made again on each call, so a
    /// caller that reads a deal often keeps the record, and a pass over
    /// many deals reads their entries in place (`withEntries`).
    public var record: Record {
        get {
            switch body {
            case .record(let record): return record
            case .packed(let pack, let index): return pack.record(at: index)
            }
        }
        set { body = .record(newValue) }
    }

    /// Calls `visit` with the record's entries where they lie: a packed
    /// deal's are written into `scratch` without being made into a record
    /// (`DealPack.withEntries`), valid only inside `visit`.
    ///
    /// Inlinable: a pass over many deals calls it for each, and inlined
    /// its caller's `visit` is no longer a closure called through a pointer.
    /// `lean`: see `DealPack.withEntries`; a deal that holds its record
    /// gives its entries as they are.
    @inlinable
    public func withEntries<R>(scratch: EntryScratch, lean: LeanRead? = nil, _ visit: (UnsafeBufferPointer<RecordEntry>) -> R) -> R {
        switch body {
        case .record(let record): return record.entries.withUnsafeBufferPointer(visit)
        case .packed(let pack, let index): return pack.withEntries(at: index, scratch: scratch, lean: lean, visit)
        }
    }

    /// Whether the record lives in a pack.
    @inlinable
    public var isPacked: Bool {
        if case .packed = body { return true }
        return false
    }

    /// 1-based position in the combined data.
    public var position: Int
    /// The `id`, else the `name`, else `#N` (LANGUAGE.md §9).
    public var subject: String
    public var packedLocation: PackedLocation

    public var location: SourceLocation? {
        get { packedLocation.location }
        set { packedLocation = PackedLocation(newValue) }
    }

    public init(record: Record, position: Int, location: SourceLocation? = nil) {
        self.init(record: record, position: position, packedLocation: location.map { PackedLocation($0) } ?? record.packedLocation)
    }

    /// For loaders, which pack the locations of a file themselves.
    public init(record: Record, position: Int, packedLocation: PackedLocation) {
        self.body = .record(record)
        self.position = position
        self.packedLocation = packedLocation
        self.subject = Deal.subject(of: record, position: position)
    }

    /// The keys a deal's subject is read from, in order.
    public static let subjectKeys = ["id", "name"]

    public static func subject(of record: Record, position: Int) -> String {
        for key in subjectKeys {
            switch record[key] {
            case .text(let text)?, .symbol(let text)?:
                if !text.isEmpty { return text }
            case .number(let number, _)?:
                return number.description
            default:
                continue
            }
        }
        return "#\(position)"
    }
}

/// Key and symbol folding (LANGUAGE.md §4): lower-case; `_`, `-`, camelCase
/// boundaries and runs of spaces become one space.
public enum NameFolding {
    public static func normalizeKey<S: StringProtocol>(_ key: S) -> String {
        var result = ""
        result.reserveCapacity(key.utf8.count + 4)
        var previous: Character? = nil
        var pendingSpace = false
        let characters = Array(key)
        for (index, character) in characters.enumerated() {
            if character == "_" || character == "-" || character == " " || character == "\t" {
                pendingSpace = !result.isEmpty
                previous = character
                continue
            }
            if character.isUppercase, let before = previous {
                // camelCase: lower→Upper; acronyms: "USDValue" splits before "Value".
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if before.isLowercase || before.isNumber || (before.isUppercase && nextIsLower) {
                    pendingSpace = !result.isEmpty
                }
            }
            if pendingSpace { result.append(" "); pendingSpace = false }
            result.append(contentsOf: character.lowercased())
            previous = character
        }
        return result
    }

    /// Symbols and text compare case-insensitively with `_`/`-`/space folded
    /// (no camelCase splitting: `natural_gas` is `Natural Gas`).
    public static func foldSymbol<S: StringProtocol>(_ text: S) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character == "_" || character == "-" || character == " " || character == "\t" {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" "); pendingSpace = false }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}
