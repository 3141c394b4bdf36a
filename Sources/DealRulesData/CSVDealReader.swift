import DealRulesModel

/// CSV deal data: a header row, then one deal per row. A header `a.b`
/// nests (`deal_value.value`, `deal_value.unit` make a figure object), an
/// empty cell is unknown (the key is left out), and cells read like YAML
/// plain scalars.
enum CSVDealReader {
    static func read(_ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector) -> FileLoad {
        var collector = collector
        var sink = DataDiagnosticSink(path: path, bytes: bytes)
        if let bad = UTF8Check.firstInvalidOffset(bytes) {
            sink.report(.invalidUTF8, "the data is not valid UTF-8", atOffset: bad)
            return FileLoad(deals: [], diagnostics: sink.items, nextPosition: collector.nextPosition)
        }
        var scanner = CSVScanner(bytes: bytes, maxCellLength: limits.maxStringLength)
        var header: CSVHeader? = nil
        var assembler = RecordAssembler()
        while true {
            let row: CSVRow
            do throws(CSVScanner.Failure) {
                guard let next = try scanner.nextRow(&sink) else { break }
                row = next
            } catch .badRow {
                if header != nil { _ = collector.claimPosition() }
                continue
            } catch {
                break
            }
            if row.isBlank { continue }
            guard let fields = header else {
                header = CSVHeader(row, limits: limits, sink: &sink)
                continue
            }
            let place = sink.location(line: row.line, column: 1)
            if collector.isFull {
                collector.reportFull(&sink, at: place)
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
            let members = fields.members(of: CSVHeader.root, in: row, assembler: &assembler, sink: &sink)
            collector.add(assembler.record(of: members[...], at: place, sink: &sink), position: position, location: place)
        }
        return FileLoad(deals: collector.deals, diagnostics: sink.items, nextPosition: collector.nextPosition)
    }
}

/// The header row as a tree: `deal_value.value` and `deal_value.unit` are
/// two leaves under one `deal_value` group.
struct CSVHeader {
    struct Node {
        var name: String
        var folded: String
        var column: Int?
        var children: [Int] = []
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
    func members(of node: Int, in row: CSVRow, assembler: inout RecordAssembler, sink: inout DataDiagnosticSink) -> [DataMember] {
        var members: [DataMember] = []
        for child in nodes[node].children {
            let field = nodes[child]
            if let column = field.column {
                guard column < row.cells.count else { continue }
                let cell = row.cells[column]
                let place = sink.location(line: cell.line, column: cell.column)
                guard let value = DataScalar.plain(cell.text) else {
                    sink.report(.numberOutOfRange, "the number \(cell.text.prefix(40)) is too large or too small to hold", at: place)
                    members.append(DataMember(key: field.name, value: .unknown, location: place))
                    continue
                }
                if value.isUnknown, DataScalar.trimmed(cell.text).isEmpty { continue }
                members.append(DataMember(key: field.name, value: value, location: place))
                continue
            }
            var inner = self.members(of: child, in: row, assembler: &assembler, sink: &sink)
            guard let first = inner.first else { continue }
            // A figure whose value cell is empty is still a figure: unknown, with its status.
            let hasValueColumn = field.children.contains { nodes[$0].folded == "value" && nodes[$0].column != nil }
            if hasValueColumn, !inner.contains(where: { assembler.fold($0.key) == "value" }) {
                inner.insert(DataMember(key: "value", value: .unknown, location: first.location), at: 0)
            }
            let (value, provenance) = assembler.value(of: inner[...], at: first.location, sink: &sink)
            members.append(DataMember(key: field.name, value: value, provenance: provenance, location: first.location))
        }
        return members
    }
}
