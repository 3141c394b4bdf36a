import DealRulesModel

/// CSV deal data: a header row, then one deal per row. A header `a.b`
/// nests (`deal_value.value`, `deal_value.unit` make a figure object), an
/// empty cell is unknown (the key is left out), and cells read like YAML
/// plain scalars.
enum CSVDealReader {
    static func read(_ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector) -> FileLoad {
        var memory = CSVReaderMemory()
        return read(bytes, path: path, limits: limits, collector: collector, firstLine: 1, atFileStart: true, memory: &memory)
    }

    /// Rows of a file, from line `firstLine` on: the whole file, or a piece
    /// of whole rows (`CSVPieces`), with what the pieces before it learned
    /// — the header above all — in `memory`.
    static func read(
        _ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector, firstLine: Int, atFileStart: Bool,
        memory: inout CSVReaderMemory
    ) -> FileLoad {
        var collector = collector
        var sink = DataDiagnosticSink(path: path, bytes: bytes, firstLine: firstLine)
        if let bad = UTF8Check.firstInvalidOffset(bytes) {
            sink.report(.invalidUTF8, "the data is not valid UTF-8", atOffset: bad)
            return FileLoad(deals: [], diagnostics: sink.items, nextPosition: collector.nextPosition, stopped: true)
        }
        var scanner = CSVScanner(bytes: bytes, maxCellLength: limits.maxStringLength, firstLine: firstLine, atFileStart: atFileStart)
        var stopped = false
        while true {
            let row: CSVRow
            do throws(CSVScanner.Failure) {
                guard let next = try scanner.nextRow(&sink) else { break }
                row = next
            } catch .badRow {
                if memory.header != nil { _ = collector.claimPosition() }
                continue
            } catch {
                stopped = true
                break
            }
            if row.isBlank { continue }
            guard let fields = memory.header else {
                memory.header = CSVHeader(row, limits: limits, sink: &sink)
                continue
            }
            let place = sink.location(line: row.line, column: 1)
            if collector.isFull {
                collector.reportFull(&sink, at: place)
                stopped = true
                break
            }
            let position = collector.claimPosition()
            guard row.cells.count == fields.columnCount else {
                let cells = row.cells.count == 1 ? "1 cell" : "\(row.cells.count) cells"
                sink.report(
                    .csvRaggedRow, "row has \(cells) but the header has \(fields.columnCount)", at: place,
                    help: row.cells.count > fields.columnCount
                        ? ["quote cells that contain commas: \"Abilene, Texas\""]
                        : ["leave a cell empty with nothing between commas: a,,c"]
                )
                continue
            }
            let members = fields.members(of: CSVHeader.root, in: row, assembler: &memory.assembler, cache: &memory.cache, sink: &sink)
            collector.add(memory.assembler.record(of: members[...], at: place, sink: &sink), position: position, location: place)
        }
        return FileLoad(deals: collector.deals, diagnostics: sink.items, nextPosition: collector.nextPosition, stopped: stopped)
    }
}

/// What reading rows of a CSV file learns and hands on to the next piece:
/// the header, and the tables of shared keys and cells.
struct CSVReaderMemory {
    var header: CSVHeader? = nil
    var assembler = RecordAssembler()
    var cache = CSVValueCache()
}

/// The header row as a tree: `deal_value.value` and `deal_value.unit` are
/// two leaves under one `deal_value` group.
struct CSVHeader {
    struct Node {
        var name: String
        var folded: String
        var column: Int?
        var children: [Int] = []
        /// For a group whose children are all cells: their columns, in
        /// order (what a figure's cells are remembered by).
        var childColumns: [Int]? = nil
    }

    static let root = 0
    private(set) var nodes = [Node(name: "", folded: "", column: nil)]
    let columnCount: Int

    init(_ row: CSVRow, limits: DataLimits, sink: inout DataDiagnosticSink) {
        columnCount = row.cells.count
        var assembler = RecordAssembler()
        for (column, cell) in row.cells.enumerated() {
            let place = sink.location(line: cell.line, column: cell.column)
            let name = DataScalar.trimmed(cell.text)
            let segments = name.split(separator: ".", omittingEmptySubsequences: false).map { DataScalar.trimmed(String($0)) }
            guard !name.isEmpty, !segments.contains(where: \.isEmpty) else {
                sink.report(.csvHeader, name.isEmpty ? "column \(column + 1) has no name; it is ignored" : "`\(name)` has an empty part between dots; the column is ignored", at: place)
                continue
            }
            if segments.count + 1 > limits.maxDepth {
                sink.report(.tooDeep, "`\(name.prefix(80))` nests deeper than \(limits.maxDepth) levels; the column is ignored", at: place)
                continue
            }
            insert(segments, column: column, at: place, assembler: &assembler, sink: &sink)
        }
        for index in nodes.indices where !nodes[index].children.isEmpty {
            let columns = nodes[index].children.compactMap { nodes[$0].column }
            if columns.count == nodes[index].children.count { nodes[index].childColumns = columns }
        }
    }

    private mutating func insert(_ segments: [String], column: Int, at place: SourceLocation, assembler: inout RecordAssembler, sink: inout DataDiagnosticSink) {
        var parent = CSVHeader.root
        for (depth, segment) in segments.enumerated() {
            let folded = assembler.fold(segment)
            let isLast = depth == segments.count - 1
            if let existing = nodes[parent].children.first(where: { nodes[$0].folded == folded }) {
                if isLast || nodes[existing].column != nil {
                    let joined = segments.joined(separator: ".")
                    sink.report(
                        .csvHeader, isLast ? "column `\(joined)` names the same field as an earlier column; it is ignored"
                            : "`\(segments[...depth].joined(separator: "."))` is a field, so `\(joined)` cannot nest under it; the column is ignored",
                        at: place
                    )
                    return
                }
                parent = existing
                continue
            }
            nodes.append(Node(name: segment, folded: folded, column: isLast ? column : nil))
            nodes[parent].children.append(nodes.count - 1)
            parent = nodes.count - 1
        }
    }

    /// The members a row gives a header node; empty cells are left out and
    /// groups with no cells at all disappear.
    func members(of node: Int, in row: CSVRow, assembler: inout RecordAssembler, cache: inout CSVValueCache,
                 sink: inout DataDiagnosticSink) -> [DataMember] {
        var members: [DataMember] = []
        // At most one member a child: room made once, not grown cell by cell.
        members.reserveCapacity(nodes[node].children.count)
        for child in nodes[node].children {
            // The node's fields are read where they lie: copying a node for
            // every cell of every row retained and released its strings and arrays.
            if let column = nodes[child].column {
                guard column < row.cells.count else { continue }
                let cell = row.cells[column]
                let place = sink.location(line: cell.line, column: cell.column)
                if let value = cache.value(of: child, text: cell.text) {
                    members.append(DataMember(key: nodes[child].name, value: value, location: place))
                    continue
                }
                guard let value = DataScalar.plain(cell.text) else {
                    sink.report(.numberOutOfRange, "the number \(cell.text.prefix(40)) is too large or too small to hold", at: place)
                    members.append(DataMember(key: nodes[child].name, value: .unknown, location: place))
                    continue
                }
                if value.isUnknown, DataScalar.trimmed(cell.text).isEmpty { continue }
                cache.keep(value, of: child, text: cell.text)
                members.append(DataMember(key: nodes[child].name, value: value, location: place))
                continue
            }
            // A figure's cells as one text: the figure read from the same
            // cells before, if it was read without a problem.
            let hasFigureKey = nodes[child].childColumns.map { cache.makeFigureKey(of: child, columns: $0, in: row) } ?? false
            if hasFigureKey, let (value, provenance) = cache.figure(of: child, key: cache.figureKey),
               // Where the figure's first member is: its first cell that is not blank.
               let first = nodes[child].childColumns?.first(where: { !DataScalar.trimmed(row.cells[$0].text).isEmpty }) {
                members.append(DataMember(key: nodes[child].name, value: value, provenance: provenance,
                                          location: sink.location(line: row.cells[first].line, column: row.cells[first].column)))
                continue
            }
            // Kept aside: reading the figure's members makes keys of its own.
            let figureKey = hasFigureKey ? cache.figureKey : nil
            let problems = sink.items.count
            var inner = self.members(of: child, in: row, assembler: &assembler, cache: &cache, sink: &sink)
            guard let first = inner.first else { continue }
            // A figure whose value cell is empty is still a figure: unknown, with its status.
            let hasValueColumn = nodes[child].children.contains { nodes[$0].folded == "value" && nodes[$0].column != nil }
            if hasValueColumn, !inner.contains(where: { assembler.fold($0.key) == "value" }) {
                inner.insert(DataMember(key: "value", value: .unknown, location: first.location), at: 0)
            }
            let (value, provenance) = assembler.value(of: inner[...], at: first.location, sink: &sink)
            // Figures only: a nested record holds its cells' places, which
            // differ from row to row.
            if let figureKey, sink.items.count == problems {
                cache.keep(figure: (value, provenance), of: child, key: figureKey)
            }
            members.append(DataMember(key: nodes[child].name, value: value, provenance: provenance, location: first.location))
        }
        return members
    }
}

/// Values of CSV cells read before, by header node and text. A
/// portfolio's cells repeat — symbols, places, dates, units, statuses,
/// whole figures — and each repeat then shares the value first read (one
/// heap box) instead of reading and holding a copy of its own. A column
/// whose cells rarely repeat (ids, names) stops being remembered after
/// `limit` texts.
///
/// Texts compare by their bytes (`ByteKeyedCache`): a value spelled with
/// other bytes than the cell's, even canonically equal ones, is never
/// handed out. One table a header node, found by its number: a cell is
/// looked up without hashing a `String` or a dictionary of tables.
struct CSVValueCache {
    private var values = NodeTables<Value>(maxKeyLength: CSVValueCache.longestText)
    private var figures = NodeTables<(Value, Provenance?)>(maxKeyLength: 4 * CSVValueCache.longestText)
    static let limit = 1_024
    /// Longer cells are not remembered: they seldom repeat.
    static let longestText = 96

    func value(of node: Int, text: String) -> Value? {
        text.withUTF8Bytes { values.find(node: node, $0) }
    }

    mutating func keep(_ value: Value, of node: Int, text: String) {
        guard text.utf8.count <= CSVValueCache.longestText else { return }
        text.withUTF8Bytes { values.keep(value, node: node, $0) }
    }

    /// Groups that have made a record (not a figure): they are not
    /// remembered, so their cells are not joined either.
    /// By header node: whether its group makes records (a byte a node,
    /// read for every figure of every row).
    private var recordGroups: [Bool] = []

    /// The key `makeFigureKey` made last, in one buffer used again and
    /// again: most figures are found, and need no key of their own.
    private(set) var figureKey: [UInt8] = []

    /// Makes `figureKey`: the cells of a figure's columns, each after its
    /// length (so no two rows of different cells give the same key).
    /// False when too long to be worth remembering or the group makes
    /// records.
    mutating func makeFigureKey(of node: Int, columns: [Int], in row: CSVRow) -> Bool {
        guard node >= recordGroups.count || !recordGroups[node] else { return false }
        figureKey.removeAll(keepingCapacity: true)
        for column in columns {
            guard column < row.cells.count else { return false }
            let count = row.cells[column].text.utf8.count
            guard figureKey.count + 4 + count <= 4 * CSVValueCache.longestText else { return false }
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: count).littleEndian) { figureKey.append(contentsOf: $0) }
            // The bytes in one copy, not one at a time.
            row.cells[column].text.withUTF8Bytes { figureKey.append(contentsOf: $0) }
        }
        return true
    }

    func figure(of node: Int, key: [UInt8]) -> (Value, Provenance?)? {
        key.withUnsafeBufferPointer { figures.find(node: node, $0) }
    }

    /// Remembers a figure; a record is not remembered (it holds its
    /// cells' places) and its group is not tried again.
    mutating func keep(figure: (Value, Provenance?), of node: Int, key: [UInt8]) {
        if case .record = figure.0 {
            if recordGroups.count <= node { recordGroups.append(contentsOf: repeatElement(false, count: node + 1 - recordGroups.count)) }
            recordGroups[node] = true
            return
        }
        key.withUnsafeBufferPointer { figures.keep(figure, node: node, $0) }
    }
}

/// One `ByteKeyedCache` a header node, by the node's number, each
/// remembering up to `CSVValueCache.limit` keys. Tables are read in place
/// (`tables[node].find`): a table copied out of the array would retain
/// each of its arrays, on every cell.
private struct NodeTables<Element> {
    private var tables: [ByteKeyedCache<Element>] = []
    let maxKeyLength: Int

    init(maxKeyLength: Int) {
        self.maxKeyLength = maxKeyLength
    }

    func find(node: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Element? {
        guard node >= 0, node < tables.count else { return nil }
        return tables[node].find(bytes)
    }

    mutating func keep(_ value: Element, node: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard node >= 0 else { return }
        while tables.count <= node {
            tables.append(ByteKeyedCache(maxEntries: CSVValueCache.limit + 1, maxKeyLength: maxKeyLength))
        }
        guard tables[node].count < CSVValueCache.limit else { return }
        tables[node].insert(bytes, value: value)
    }
}
