import DealRulesModel
import Yams

/// YAML deal data: a list of deals, or a mapping with a `deals` list.
/// Plain scalars read like JSON values and strings; quoted scalars are
/// strings; a timestamp is a day-precision date.
enum YAMLDealReader {
    static func read(_ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector) -> FileLoad {
        var reader = YAMLNodeReader(sink: DataDiagnosticSink(path: path, bytes: bytes), limits: limits, collector: collector, inputSize: bytes.count)
        reader.readDocument(bytes)
        return FileLoad(deals: reader.collector.deals, diagnostics: reader.sink.items, nextPosition: reader.collector.nextPosition)
    }

    /// The deals of one piece of a file (`YAMLPieces`): whole lines of it,
    /// the first being line `firstLine` — the file's start and its first
    /// deals, or a run of deals of its list. Nil when the piece does not
    /// read cleanly — any diagnostic, or a stop — so that the file is read
    /// whole instead and reports exactly what a whole read reports.
    /// `memory` is what the reader of the piece before learned (shared
    /// keys, values and provenance), and what this one learned after.
    static func readPiece(
        _ bytes: [UInt8], firstLine: Int, path: String, limits: DataLimits, collector: DealCollector,
        memory: inout YAMLReaderMemory?
    ) -> FileLoad? {
        var reader = YAMLNodeReader(
            sink: DataDiagnosticSink(path: path, bytes: bytes, firstLine: firstLine), limits: limits, collector: collector,
            inputSize: bytes.count
        )
        if let memory { reader.memory = memory }
        defer { memory = reader.memory }
        // Two levels stricter than a whole read's guard: a later piece lacks
        // the levels of the `deals:` mapping around it, so whatever would
        // trip the whole file's guard trips this one (and it is read whole).
        // Every failure is reported, so a clean read has no diagnostic.
        reader.readDocument(bytes, depthAllowance: -2)
        guard reader.sink.items.isEmpty else { return nil }
        return FileLoad(deals: reader.collector.deals, diagnostics: [], nextPosition: reader.collector.nextPosition)
    }
}

/// Shared keys, values and provenance boxes of one YAML reader, handed to
/// the reader of the next piece of the same file (`YAMLPieces`).
struct YAMLReaderMemory {
    fileprivate var assembler: RecordAssembler
    fileprivate var plainValues: [ExactText: Value]
    fileprivate var quotedValues: [ExactText: Value]
    fileprivate var flats: [ExactText: (Value, Provenance?)]

    /// Short scalars held for sharing, plain and quoted.
    var sharedScalarCount: Int { plainValues.count + quotedValues.count }
}

/// Why reading stopped early; the diagnostic is already reported.
private struct YAMLStop: Error {}

private struct YAMLNodeReader {
    var sink: DataDiagnosticSink
    let limits: DataLimits
    var collector: DealCollector
    var assembler = RecordAssembler()
    /// Nodes that may still be read: aliases can make a small file stand
    /// for an enormous tree, so reading is bounded by the file's size.
    var nodeBudget: Int

    init(sink: DataDiagnosticSink, limits: DataLimits, collector: DealCollector, inputSize: Int) {
        self.sink = sink
        self.limits = limits
        self.collector = collector
        let (scaled, overflow) = inputSize.multipliedReportingOverflow(by: 2)
        self.nodeBudget = overflow ? Int.max : scaled + 10_000
    }

    /// Reads a file's text, or a piece's. `depthAllowance` moves the
    /// nesting guard's limit (a piece's is stricter, see `readPiece`).
    mutating func readDocument(_ bytes: [UInt8], depthAllowance: Int = 0) {
        if let bad = UTF8Check.firstInvalidOffset(bytes) {
            sink.report(.invalidUTF8, "the data is not valid UTF-8", atOffset: bad)
            return
        }
        // Guard the recursive YAML parser against hostile nesting.
        let scanLimit = limits.maxDepth * 3 + 16 + depthAllowance
        if let offset = YAMLDepthScan.firstOffsetBeyond(scanLimit, in: bytes) {
            sink.report(.tooDeep, "data nests deeper than \(limits.maxDepth) levels", atOffset: offset)
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            report(error, in: text)
            return
        } catch {
            sink.report(.yamlSyntax, "the YAML could not be read: \(error)", at: sink.location(line: 1, column: 1))
            return
        }
        guard let root else { return } // an empty document has no deals
        do {
            try readDeals(root)
        } catch {
            // Reported where it happened; the deals read so far are kept.
        }
    }

    private mutating func readDeals(_ root: Node) throws(YAMLStop) {
        switch root {
        case .sequence(let deals):
            try readList(deals)
        case .mapping(let mapping):
            for (key, value) in mapping where key.scalar.map({ NameFolding.normalizeKey($0.string) == "deals" }) == true {
                guard case .sequence(let deals) = value else {
                    if case .scalar(let scalar) = value, scalar.style == .plain, DataScalar.plain(scalar.string)?.isUnknown == true {
                        return // `deals:` with nothing after it: no deals
                    }
                    sink.report(.badShape, "`deals` must be a list of deals", at: location(of: value))
                    return
                }
                try readList(deals)
                return
            }
            sink.report(.badShape, "a YAML mapping of deal data needs a `deals` list", at: location(of: root))
        case .scalar:
            sink.report(.badShape, "YAML deal data must be a list of deals or a mapping with a `deals` list", at: location(of: root))
        }
    }

    private mutating func readList(_ deals: Node.Sequence) throws(YAMLStop) {
        for node in deals {
            let place = location(of: node)
            if collector.isFull {
                collector.reportFull(&sink, at: place)
                throw YAMLStop()
            }
            let position = collector.claimPosition()
            guard case .mapping(let mapping) = node else {
                let (value, _) = try convert(node, depth: 2)
                sink.report(.dealNotMapping, "a deal must be a mapping of fields, not \(DealCollector.describe(value))", at: place)
                continue
            }
            let members = try self.members(of: mapping, depth: 2, ofDeal: true)
            let record = assembler.record(of: members[...], at: place, sink: &sink)
            collector.add(record, position: position, location: place)
        }
    }

    // MARK: Nodes

    /// `shared: false` reads a scalar without the tables of shared values.
    private mutating func convert(_ node: Node, depth: Int, shared: Bool = true) throws(YAMLStop) -> (Value, Provenance?) {
        nodeBudget -= 1
        if nodeBudget < 0 {
            sink.report(.aliasExpansion, "YAML aliases expand to far more data than the file holds", at: location(of: node))
            throw YAMLStop()
        }
        switch node {
        case .scalar(let scalar):
            return (try value(of: scalar, shared: shared), nil)
        case .sequence(let sequence):
            try enter(depth, at: node)
            let key = YAMLNodeReader.flatKey(sequence.map { ($0, nil) })
            if let key, let known = flats[key], nodeBudget >= sequence.count {
                nodeBudget -= sequence.count
                return known
            }
            let reported = sink.items.count
            var items: [Value] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, depth: depth + 1).0)
            }
            remember((.list(items), nil), as: key, cleanSince: reported)
            return (.list(items), nil)
        case .mapping(let mapping):
            try enter(depth, at: node)
            let key = YAMLNodeReader.flatKey(mapping.map { ($1, $0) })
            if let key, let known = flats[key], nodeBudget >= mapping.count {
                nodeBudget -= mapping.count
                return known
            }
            let reported = sink.items.count
            let members = try self.members(of: mapping, depth: depth)
            let result = assembler.value(of: members[...], at: location(of: node), sink: &sink)
            // A record holds the places of its keys: only a figure is shared.
            if case .record = result.0 {} else { remember(result, as: key, cleanSince: reported) }
            return result
        }
    }

    /// Flat lists and figures read so far, by their scalars (see
    /// `flatKey`): deals repeat the same few, and sharing one saves a list
    /// or a value and its box per deal.
    private var flats: [ExactText: (Value, Provenance?)] = [:]

    /// A key for a list or mapping of a few short scalars: each mapping
    /// key (plain only) and each value with its style, every part preceded
    /// by its length in bytes, so that no two different lists or mappings
    /// have the same key, whatever their text holds. Nil for anything else.
    private static func flatKey(_ nodes: [(value: Node, key: Node?)]) -> ExactText? {
        guard nodes.count <= 16 else { return nil }
        var key = ""
        for (value, name) in nodes {
            guard case .scalar(let scalar) = value, scalar.string.utf8.count <= sharedTextLength else { return nil }
            if let name {
                guard case .scalar(let nameScalar) = name, nameScalar.style == .plain || nameScalar.style == .any,
                      nameScalar.string.utf8.count <= sharedTextLength else { return nil }
                key += "k\(nameScalar.string.utf8.count):"
                key += nameScalar.string
            }
            key += scalar.style == .plain || scalar.style == .any ? "p" : "q"
            key += "\(scalar.string.utf8.count):"
            key += scalar.string
        }
        return ExactText(key)
    }

    /// Keeps a flat value for reuse, unless reading it reported anything.
    private mutating func remember(_ result: (Value, Provenance?), as key: ExactText?, cleanSince reported: Int) {
        guard let key, sink.items.count == reported, flats.count < YAMLNodeReader.sharedValueLimit else { return }
        flats[key] = result
    }

    private mutating func enter(_ depth: Int, at node: Node) throws(YAMLStop) {
        if depth > limits.maxDepth {
            sink.report(.tooDeep, "data nests deeper than \(limits.maxDepth) levels", at: location(of: node))
            throw YAMLStop()
        }
    }

    /// The members of a mapping. YAML merge keys (`<<: *defaults`) add the
    /// merged mapping's keys that the mapping does not set itself.
    ///
    /// A deal's own `id` and `name` tell it from every other deal, so they
    /// are read without the tables of shared values: they would fill them
    /// with one entry per deal that nothing else uses.
    private mutating func members(of mapping: Node.Mapping, depth: Int, merges: Int = 0, ofDeal: Bool = false) throws(YAMLStop) -> [DataMember] {
        var members: [DataMember] = []
        var merged: [DataMember] = []
        members.reserveCapacity(mapping.count)
        for (key, valueNode) in mapping {
            guard case .scalar(let keyScalar) = key else {
                sink.report(.badKey, "a key must be a plain name, not a list or mapping", at: location(of: key))
                continue
            }
            try checkLength(keyScalar)
            if keyScalar.string == "<<", keyScalar.style == .plain {
                merged.append(contentsOf: try mergedMembers(valueNode, depth: depth, merges: merges))
                continue
            }
            let shared = !(ofDeal && YAMLNodeReader.isSubjectKey(keyScalar.string))
            let (value, provenance) = try convert(valueNode, depth: depth + 1, shared: shared)
            members.append(DataMember(key: keyScalar.string, value: value, provenance: provenance, location: location(of: key)))
        }
        guard !merged.isEmpty else { return members }
        var present = Set(members.map { assembler.fold($0.key) })
        for member in merged where present.insert(assembler.fold(member.key)).inserted {
            members.append(member)
        }
        return members
    }

    private mutating func mergedMembers(_ node: Node, depth: Int, merges: Int) throws(YAMLStop) -> [DataMember] {
        if merges >= limits.maxDepth {
            sink.report(.tooDeep, "merge keys (`<<`) nest deeper than \(limits.maxDepth) levels", at: location(of: node))
            throw YAMLStop()
        }
        switch node {
        case .mapping(let mapping):
            return try members(of: mapping, depth: depth, merges: merges + 1)
        case .sequence(let sequence):
            var all: [DataMember] = []
            for item in sequence { all.append(contentsOf: try mergedMembers(item, depth: depth, merges: merges + 1)) }
            return all
        case .scalar:
            sink.report(.badKey, "`<<` merges a mapping (or a list of mappings) into this one", at: location(of: node))
            return []
        }
    }

    /// Values of short scalars met so far, plain and quoted apart: deals
    /// repeat the same words, and one shared value costs no box per deal.
    private var plainValues: [ExactText: Value] = [:]
    private var quotedValues: [ExactText: Value] = [:]

    /// What this reader has learned, for the reader of the next piece.
    var memory: YAMLReaderMemory {
        get { YAMLReaderMemory(assembler: assembler, plainValues: plainValues, quotedValues: quotedValues, flats: flats) }
        set {
            assembler = newValue.assembler
            plainValues = newValue.plainValues
            quotedValues = newValue.quotedValues
            flats = newValue.flats
        }
    }
    private static let sharedValueLimit = 50_000
    private static let sharedTextLength = 64

    /// Whether a deal's key is one of those its subject comes from.
    private static func isSubjectKey(_ key: String) -> Bool {
        key.utf8.count <= 4 && Deal.subjectKeys.contains(NameFolding.normalizeKey(key))
    }

    private mutating func value(of scalar: Node.Scalar, shared: Bool = true) throws(YAMLStop) -> Value {
        try checkLength(scalar)
        let text = scalar.string
        let shareable = shared && text.utf8.count <= YAMLNodeReader.sharedTextLength
        let exact = ExactText(text)
        guard scalar.style == .plain || scalar.style == .any else {
            guard shareable else { return DataScalar.quoted(text) }
            if let known = quotedValues[exact] { return known }
            let value = DataScalar.quoted(text)
            if quotedValues.count < YAMLNodeReader.sharedValueLimit { quotedValues[exact] = value }
            return value
        }
        if shareable, let known = plainValues[exact] { return known }
        let value: Value
        if let date = YAMLNodeReader.timestampDate(text) {
            value = .date(date)
        } else if let plain = DataScalar.plain(text) {
            value = plain
        } else {
            sink.report(.numberOutOfRange, "the number \(text.prefix(40)) is too large or too small to hold", at: location(of: .scalar(scalar)))
            return .unknown
        }
        if shareable, plainValues.count < YAMLNodeReader.sharedValueLimit { plainValues[exact] = value }
        return value
    }

    private mutating func checkLength(_ scalar: Node.Scalar) throws(YAMLStop) {
        if scalar.string.utf8.count > limits.maxStringLength {
            sink.report(.stringTooLong, "a string is longer than \(limits.maxStringLength) bytes", at: location(of: .scalar(scalar)))
            throw YAMLStop()
        }
    }

    /// A YAML timestamp (`2024-12-15`, `2024-12-15T10:30:00Z`,
    /// `2024-12-15 10:30`) as the day-precision date it falls on.
    static func timestampDate(_ text: String) -> DateValue? {
        let utf8 = text.utf8
        guard utf8.count >= 10, let first = utf8.first, first >= 48, first <= 57 else { return nil }
        let day = text.prefix(10)
        guard day.utf8.count == 10, let date = DateValue.parse(day), date.precision == .day else { return nil }
        let rest = text.dropFirst(10)
        if rest.isEmpty { return date }
        guard let separator = rest.first, separator == "T" || separator == "t" || separator == " ",
              rest.dropFirst().first?.isNumber == true else { return nil }
        return date
    }

    // MARK: Locations and errors

    private func location(of node: Node) -> SourceLocation? {
        // A piece's lines are numbered from its first, line `firstLine`.
        node.mark.map { sink.location(line: $0.line + sink.firstLine - 1, column: $0.column) }
    }

    private mutating func report(_ error: YamlError, in text: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var notes: [String] = []
            if let context { notes.append("\(context.text) at line \(context.mark.line), column \(context.mark.column)") }
            sink.report(.yamlSyntax, "YAML: \(problem)", at: sink.location(line: mark.line, column: mark.column), notes: notes)
        case .reader(let problem, let offset, _, _):
            var place: SourceLocation? = nil
            if let offset, let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) {
                place = sink.location(ofOffset: text.utf8.distance(from: text.startIndex, to: index))
            }
            sink.report(.yamlSyntax, "YAML: \(problem)", at: place ?? sink.location(line: 1, column: 1))
        default:
            sink.report(.yamlSyntax, "YAML: \(error)", at: sink.location(line: 1, column: 1))
        }
    }
}
