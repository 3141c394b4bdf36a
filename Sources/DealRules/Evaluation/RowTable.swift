import DealRulesModel
import DealRulesSyntax

/// Rows a kernel runs over, and how a field path reads in one of them.
class RowTable {
    let rowCount: Int
    let interner: Interner
    var columns: [[String]: CellColumn] = [:]
    fileprivate var itemTables: [[String]: ItemTable] = [:]
    /// How collections are read in place (`ValueInPlace`); tests set nil
    /// to take the path of a layout it does not know, which copies them.
    var inPlace = ValueInPlace.layout

    init(rowCount: Int, interner: Interner) {
        self.rowCount = rowCount
        self.interner = interner
    }

    /// What `Evaluator.read(path)` gives in this row.
    func read(_ path: FieldPath, row: Int) -> Evaluator.FieldRead {
        Evaluator.FieldRead(value: .unknown, provenance: nil, found: false)
    }

    /// The column of `read(path)` over every row.
    func buildColumn(_ path: FieldPath) -> CellColumn {
        CellColumn(rows: rowCount, interner: interner) { read(path, row: $0) }
    }

    func column(_ path: FieldPath) -> CellColumn {
        if let column = columns[path.keys] { return column }
        let column = buildColumn(path)
        columns[path.keys] = column
        return column
    }

    /// `F of P` (a projection without `where`): F read inside P, unless P
    /// holds a list — then the evaluator projects item by item, so the
    /// cell is left to it.
    func projectionColumn(_ path: FieldPath, _ inner: FieldPath) -> CellColumn {
        let key = RowTable.projectionKey(path, inner)
        if let column = columns[key] { return column }
        var builder = CellColumnBuilder(rows: rowCount, interner: interner)
        forEachRead(path) { row, whole in
            if case .list = whole.value {
                builder.set(row, .record(Record()), nil)
                return
            }
            let found = Evaluator.navigate(whole, inner.keys[...])
            builder.set(row, found.value, found.provenance?.status)
        }
        let column = CellColumn(builder)
        columns[key] = column
        return column
    }

    /// Where `projectionColumn(path, inner)` is kept among the columns.
    static func projectionKey(_ path: FieldPath, _ inner: FieldPath) -> [String] {
        ["\u{1}of"] + path.keys + ["\u{1}of"] + inner.keys
    }

    /// Calls `body` with `read(path)` of every row, in row order, without
    /// gathering them first.
    func forEachRead(_ path: FieldPath, _ body: (Int, Evaluator.FieldRead) -> Void) {
        for row in 0..<rowCount { body(row, read(path, row: row)) }
    }

    /// Calls `body` with the value of `read(path)` in every row, in row
    /// order; a table may skip copying provenance it does not need.
    func forEachValue(_ path: FieldPath, _ body: (Int, Value) -> Void) {
        forEachRead(path) { row, read in body(row, read.value) }
    }

    /// The items of a collection field in every row (`Evaluator.items(of:)`).
    func items(_ path: FieldPath) -> ItemTable {
        if let table = itemTables[path.keys] { return table }
        var items = ItemListBuilder(inPlace: inPlace, rows: rowCount)
        forEachValue(path) { row, value in items.add(value, row: row) }
        let table = ItemTable(owner: self, path: path, items: items)
        itemTables[path.keys] = table
        return table
    }

    /// Columns the item tables hold (of item fields, and nested further).
    var itemColumnCount: Int {
        itemTables.values.reduce(0) { $0 + $1.columns.count + $1.itemColumnCount }
    }

    /// The bytes its columns and item tables take.
    var byteCount: Int {
        columns.values.reduce(0) { $0 + $1.byteCount } + itemTables.values.reduce(0) { $0 + $1.byteCount }
    }

    /// The deal a row belongs to.
    func deal(ofRow row: Int) -> Record? { nil }
}

/// One row per deal of a run of the deals (all of them unless told
/// otherwise), read in a per-deal rule's scope: row r is deal `base + r`.
final class DealTable: RowTable {
    let deals: [Deal]
    /// The deal of row 0.
    let base: Int
    /// Key numbers from this one on are searched for by spelling
    /// (`KeyFinder`); tests lower it to take that path without filling
    /// the process's table of keys.
    var largestKeyNumber = KeyLocator.largestKeyNumber

    init(deals: [Deal], interner: Interner) {
        self.deals = deals
        self.base = 0
        super.init(rowCount: deals.count, interner: interner)
    }

    /// Rows for the deals at `rows` only; `rows` lies within `deals`.
    init(deals: [Deal], rows: Range<Int>, interner: Interner) {
        self.deals = deals
        self.base = rows.lowerBound
        super.init(rowCount: rows.count, interner: interner)
    }

    override func read(_ path: FieldPath, row: Int) -> Evaluator.FieldRead {
        Evaluator.dealRead(path, in: deals[base &+ row].record)
    }

    override func buildColumn(_ path: FieldPath) -> CellColumn {
        var plan = ReadPlan()
        plan.fields = [path]
        prefetch(plan)
        return columns[path.keys] ?? super.buildColumn(path)
    }

    /// What one pass over the deals fills for a top-level key. Plain
    /// numbers, so that going through them copies no reference.
    private enum Consumer {
        case column(Int)
        case items(Int)
        /// The projection's index; its inner path is kept aside.
        case projection(Int)
    }

    /// Builds the columns, item tables and projections of the plan (those
    /// of top-level fields not built yet) in one pass over the deals, so
    /// each deal's entries are visited once for all of them. Remembers
    /// where the previous deal had each key: deals from one file usually
    /// list their keys in one order.
    func prefetch(_ plan: ReadPlan) {
        var keys: [String] = []
        var consumersOfKey: [[Consumer]] = []
        func slot(_ key: String) -> Int {
            if let known = keys.firstIndex(of: key) { return known }
            keys.append(key)
            consumersOfKey.append([])
            return keys.count - 1
        }
        var columnPaths: [FieldPath] = []
        for path in plan.fields where path.keys.count == 1 && columns[path.keys] == nil && !columnPaths.contains(where: { $0.keys == path.keys }) {
            consumersOfKey[slot(path.keys[0])].append(.column(columnPaths.count))
            columnPaths.append(path)
        }
        var itemPaths: [FieldPath] = []
        for path in plan.collections where path.keys.count == 1 && itemTables[path.keys] == nil && !itemPaths.contains(where: { $0.keys == path.keys }) {
            consumersOfKey[slot(path.keys[0])].append(.items(itemPaths.count))
            itemPaths.append(path)
        }
        var projectionKeys: [[String]] = []
        var projectionInners: [FieldPath] = []
        for (collection, inner) in plan.projections where collection.keys.count == 1 {
            let key = RowTable.projectionKey(collection, inner)
            guard columns[key] == nil, !projectionKeys.contains(key) else { continue }
            consumersOfKey[slot(collection.keys[0])].append(.projection(projectionKeys.count))
            projectionKeys.append(key)
            projectionInners.append(inner)
        }
        guard !keys.isEmpty else { return }
        // One flat list, key by key: the pass reads a range of it per key
        // instead of an array per key (whose storage it would retain).
        let consumers = consumersOfKey.flatMap { $0 }
        let consumerStarts = consumersOfKey.reduce(into: [0]) { starts, list in starts.append(starts[starts.count - 1] + list.count) }
        // Most keys feed one column and nothing else: those go straight to
        // it (the column's number; -1 for a key with other consumers).
        let onlyColumn: [Int] = consumersOfKey.map { list in
            if list.count == 1, case .column(let column) = list[0] { return column }
            return -1
        }

        var columnBuilders = columnPaths.map { _ in CellColumnBuilder(rows: rowCount, interner: interner) }
        var itemBuilders = itemPaths.map { _ in ItemListBuilder(inPlace: inPlace, rows: rowCount) }
        var projectionBuilders = projectionKeys.map { _ in CellColumnBuilder(rows: rowCount, interner: interner) }
        let absent = Evaluator.FieldRead(value: .unknown, provenance: nil, found: false)
        func project(_ whole: Evaluator.FieldRead, _ row: Int, into builder: inout CellColumnBuilder, _ inner: FieldPath) {
            if case .list = whole.value {
                builder.set(row, .record(Record()), nil)
                return
            }
            let found = Evaluator.navigate(whole, inner.keys[...])
            builder.set(row, found.value, found.provenance?.status)
        }
        let valueOffset = EntryValues.valueOffset
        let inners = projectionInners
        let provenanceFields = projectionInners.map { $0.keys.count == 1 ? ProvenanceField(key: $0.keys[0]) : nil }
        let nameOffset = EntryValues.nameOffset
        var projectionMemos = projectionKeys.map { _ in ProvenanceTextMemo() }
        // The pass's closures capture constants only, and reach the
        // builders through buffers: a captured variable would be checked
        // for exclusivity, and an array for shared storage, at every cell.
        columnBuilders.withUnsafeMutableBufferPointer { columnBuilders in
        itemBuilders.withUnsafeMutableBufferPointer { itemBuilders in
        projectionBuilders.withUnsafeMutableBufferPointer { projectionBuilders in
        projectionMemos.withUnsafeMutableBufferPointer { projectionMemos in
        consumers.withUnsafeBufferPointer { consumers in
        onlyColumn.withUnsafeBufferPointer { onlyColumn in
        consumerStarts.withUnsafeBufferPointer { consumerStarts in
            // One call a deal: every key's consumers are served inside it.
            scan(keys) { row, entries, found in
                for key in found.indices {
                    let index = found[key]
                    let column = onlyColumn[key]
                    if column >= 0 {
                        // A new builder's cell is already unknown.
                        if index >= 0 { columnBuilders[column].set(row, entry: index, of: entries, valueOffset: valueOffset) }
                        continue
                    }
                    for position in consumerStarts[key]..<consumerStarts[key &+ 1] {
                        if index < 0 {
                            switch consumers[position] {
                            case .column:
                                break // a new builder's cell is already unknown
                            case .items(let list):
                                itemBuilders[list].add(.unknown, row: row)
                            case .projection(let projection):
                                project(absent, row, into: &projectionBuilders[projection], inners[projection])
                            }
                            continue
                        }
                        switch consumers[position] {
                        case .column(let column):
                            columnBuilders[column].set(row, entry: index, of: entries, valueOffset: valueOffset)
                        case .items(let list):
                            if let valueOffset, let base = entries.baseAddress {
                                itemBuilders[list].add(valueAt: EntryValues.value(of: base + index, offset: valueOffset), row: row)
                            } else {
                                itemBuilders[list].add(entries[index].value, row: row)
                            }
                        case .projection(let projection):
                            if let field = provenanceFields[projection], let valueOffset, let base = entries.baseAddress,
                               !ProvenanceField.holdsItems(EntryValues.value(of: base + index, offset: valueOffset)) {
                                // By the entry's name, as the pass met it before.
                                let name = nameOffset.map { EntryValues.nameWord(of: base + index, offset: $0) } ?? 0
                                if let id = projectionMemos[projection].id(ofName: name) {
                                    projectionBuilders[projection].set(row, textID: id)
                                    continue
                                }
                                // A value that is neither record nor list, without
                                // provenance, has no source or status: unknown, as
                                // `Evaluator.step` finds.
                                let text = entries[index].name.provenanceBox.flatMap { field.text(of: $0.provenance) }
                                let id = projectionBuilders[projection].set(row, text: text)
                                if name != 0 { projectionMemos[projection].remember(name: name, id: id) }
                                continue
                            }
                            let whole = Evaluator.FieldRead(value: entries[index].value, provenance: entries[index].provenance, found: true)
                            project(whole, row, into: &projectionBuilders[projection], inners[projection])
                        }
                    }
                }
            }
        }
        }
        }
        }
        }
        }
        }
        for (path, builder) in zip(columnPaths, columnBuilders) { columns[path.keys] = CellColumn(builder) }
        for (path, builder) in zip(itemPaths, itemBuilders) { itemTables[path.keys] = ItemTable(owner: self, path: path, items: builder) }
        for (key, builder) in zip(projectionKeys, projectionBuilders) { columns[key] = CellColumn(builder) }
    }

    override func forEachRead(_ path: FieldPath, _ body: (Int, Evaluator.FieldRead) -> Void) {
        guard path.keys.count == 1 else { return super.forEachRead(path, body) }
        let absent = Evaluator.FieldRead(value: .unknown, provenance: nil, found: false)
        scan(path.keys) { row, entries, found in
            let index = found[0]
            body(row, index < 0 ? absent : Evaluator.FieldRead(value: entries[index].value, provenance: entries[index].provenance, found: true))
        }
    }

    override func forEachValue(_ path: FieldPath, _ body: (Int, Value) -> Void) {
        guard path.keys.count == 1 else { return super.forEachValue(path, body) }
        scan(path.keys) { row, entries, found in
            let index = found[0]
            body(row, index < 0 ? .unknown : entries[index].value)
        }
    }

    /// Calls `visit` once for every deal with its row, its entries (read in
    /// place, not copied) and, for each of `keys`, the index of the entry
    /// `Record.index(ofField:)` finds, or -1 where the deal has none.
    ///
    /// One call a deal, not one a key: a call through a closure costs
    /// about as much as filling a cell.
    @inline(__always)
    private func scan(_ keys: [String], _ visit: (Int, UnsafeBufferPointer<RecordEntry>, UnsafeBufferPointer<Int>) -> Void) {
        // By key numbers in one pass over each deal's entries, or else
        // key by key (`KeyLocator`).
        let finder = KeyFinder(keys: keys, largestKeyNumber: largestKeyNumber)
        // A packed deal makes only the texts of these keys (the pass reads
        // no other entry's value) and no locations.
        let lean = finder.lean
        let base = self.base
        let valueOffset = EntryValues.valueOffset
        let scratch = EntryScratch()
        // Deals' entries read where they lie (`ValueInPlace`).
        let layout = inPlace
        let entriesWord = ValueInPlace.dealEntries
        var found = [Int](repeating: -1, count: keys.count)
        found.withUnsafeMutableBufferPointer { found in
            deals.withUnsafeBufferPointer { deals in
                guard let first = deals.baseAddress else { return }
                for row in 0..<rowCount {
                    let deal = base &+ row
                    EntryPrefetch.prefetch(deals, deal &+ EntryPrefetch.distance, entriesWord: entriesWord)
                    EntryPrefetch.prefetchValues(deals, deal &+ EntryPrefetch.valueDistance, valueOffset: valueOffset,
                                                 layout: layout, entriesWord: entriesWord)
                    // In place: `deals[deal]` would copy the deal, retaining
                    // and releasing its entries' storage.
                    ValueInPlace.withEntries(ofDeal: first + deal, layout, entriesWord: entriesWord, scratch: scratch, lean: lean) { entries in
                        let stamp = row &+ 1
                        finder.read(entries, stamp: stamp)
                        for key in found.indices {
                            found[key] = finder.index(ofKey: key, in: entries, stamp: stamp) ?? -1
                        }
                        visit(row, entries, UnsafeBufferPointer(found))
                    }
                }
            }
        }
    }

    override func deal(ofRow row: Int) -> Record? { deals[base &+ row].record }
}

/// One row per item of a collection field, over all rows of its owner, read
/// as inside `any/every/no … where` and `count of … where`: the item's own
/// fields, its collection names, then the deal's fields.
final class ItemTable: RowTable {
    /// Items of owner row r are rows `starts[r] ..< starts[r + 1]`.
    let starts: [Int]
    /// False where the collection itself is unknown in that owner row.
    let known: [Bool]
    /// Each owner row's collection as it was read (`ItemListBuilder`).
    private let collections: [Value]
    /// The owner's row of each item (32 bits: a table has far fewer rows).
    private let owners: [UInt32]
    private let names: [String]
    private unowned let owner: RowTable

    /// `items` holds the value of `path` in every row of the owner.
    init(owner: RowTable, path: FieldPath, items: ItemListBuilder) {
        let lists = items.finish()
        self.starts = lists.starts
        self.known = lists.known
        self.collections = lists.collections
        self.owners = lists.owners
        self.names = CollectionNames.itemNames(for: path.keys.last ?? "")
        self.owner = owner
        super.init(rowCount: lists.owners.count, interner: owner.interner)
        inPlace = owner.inPlace
    }

    /// The item in row `row`.
    private func item(_ row: Int) -> Value {
        let ownerRow = Int(owners[row])
        if case .list(let items) = collections[ownerRow] { return items[row - starts[ownerRow]] }
        return collections[ownerRow]
    }

    /// Calls `body` with every item's row and value, in row order, the
    /// value read where it lies: copying an item would retain its box.
    ///
    /// Over a large portfolio every collection is cold: its box, its
    /// array, each item's box and a record item's entries are four loads,
    /// each waiting for the one before. They are asked for in stages, a
    /// few owners ahead, each stage reading what the one before asked for
    /// (`ValueInPlace`), so that an owner's items have arrived when its
    /// turn comes.
    private func forEachItem(entriesAhead: Bool = false, _ body: (Int, UnsafePointer<Value>) -> Void) {
        var row = 0
        let layout = inPlace
        collections.withUnsafeBufferPointer { collections in
            guard let base = collections.baseAddress else { return }
            let count = collections.count
            for ownerRow in 0..<count {
                if let layout {
                    if ownerRow &+ 12 < count { ValueInPlace.prefetchBox(base + (ownerRow &+ 12)) }
                    if ownerRow &+ 6 < count { ValueInPlace.prefetchItems(base + (ownerRow &+ 6), layout) }
                    if ownerRow &+ 3 < count { ValueInPlace.prefetchItemBoxes(base + (ownerRow &+ 3), layout, entries: false) }
                    if entriesAhead, ownerRow &+ 1 < count { ValueInPlace.prefetchItemBoxes(base + (ownerRow &+ 1), layout, entries: true) }
                }
                let collection = base + ownerRow
                if case .unknown = collection.pointee { continue } // an unknown collection has no items
                let listed: Void? = ValueInPlace.withItems(of: collection, layout) { items in
                    guard let first = items.baseAddress else { return }
                    for index in 0..<items.count {
                        body(row, first + index)
                        row &+= 1
                    }
                }
                if listed == nil {
                    // Any other known value is one item.
                    body(row, collection)
                    row &+= 1
                }
            }
        }
    }

    /// The items themselves, as a column (for `contains`), read in place.
    private(set) lazy var selfColumn: CellColumn = {
        var builder = CellColumnBuilder(rows: rowCount, interner: interner)
        forEachItem { row, item in builder.set(row, valueAt: item, nil) }
        return CellColumn(builder)
    }()

    /// A field of the items (`role` of each party) in one pass: each
    /// record item's entries are searched as `Record.index(ofField:)` does,
    /// and where an item lacks the field the deal's own cell is copied from
    /// the owner's column — as `read` would fall back to the deal.
    override func buildColumn(_ path: FieldPath) -> CellColumn {
        guard path.keys.count == 1, let first = path.keys.first, !names.contains(first) else { return super.buildColumn(path) }
        // The path worked out its first key's spellings when it was checked.
        var search = FieldSpellings(path.firstKey)
        var builder = CellColumnBuilder(rows: rowCount, interner: interner)
        var ownerColumn: CellColumn? = nil
        let valueOffset = EntryValues.valueOffset
        let layout = inPlace
        forEachItem(entriesAhead: true) { row, item in
            // An unknown item has no known fields (see `Evaluator.lookup`).
            if case .unknown = item.pointee { return }
            let found = ValueInPlace.withEntries(of: item, layout) { entries in
                guard let index = search.index(in: entries) else { return false }
                builder.set(row, entry: index, of: entries, valueOffset: valueOffset)
                return true
            }
            if found == true { return }
            if ownerColumn == nil { ownerColumn = owner.column(path) }
            if let ownerColumn { builder.copy(ownerColumn, row: Int(owners[row]), to: row) }
        }
        return CellColumn(builder)
    }

    override func read(_ path: FieldPath, row: Int) -> Evaluator.FieldRead {
        guard let first = path.keys.first else { return Evaluator.FieldRead(value: .unknown, provenance: nil, found: false) }
        let item = self.item(row)
        if names.contains(first) {
            return Evaluator.navigate(Evaluator.FieldRead(value: item, provenance: nil, found: true), path.keys.dropFirst())
        }
        if case .record(let record) = item {
            if let found = Evaluator.fieldRead(path.firstKey, in: record) {
                return Evaluator.navigate(found, path.keys.dropFirst())
            }
        } else if item.isUnknown {
            // An unknown item has no known fields (see `Evaluator.lookup`).
            return Evaluator.FieldRead(value: .unknown, provenance: nil, found: false)
        }
        return owner.read(path, row: Int(owners[row]))
    }

    override func deal(ofRow row: Int) -> Record? { owner.deal(ofRow: Int(owners[row])) }

    override var byteCount: Int {
        super.byteCount + CellColumn.bytes(starts) + CellColumn.bytes(known) + CellColumn.bytes(collections) + CellColumn.bytes(owners)
    }
}

/// The items of a collection field, gathered row by row in row order: a
/// list gives its items, any other known value is one item, and an unknown
/// collection has none (and is marked so).
///
/// Each row's collection is kept whole, one reference a row, and its items
/// are read inside it: gathering the items into one array retained every
/// item, a few atomic operations for each party and chip of every deal.
struct ItemListBuilder {
    /// The lists as they grow, in memory of their own: an array appended
    /// to checks its storage for sharing (a call) at every append, four a
    /// row here, and copying a value into an array's append retained it
    /// twice and released it once.
    private final class Rows {
        var starts: UnsafeMutableBufferPointer<Int>
        var known: UnsafeMutableBufferPointer<Bool>
        /// Initialised up to `count`.
        var collections: UnsafeMutableBufferPointer<Value>
        var owners: UnsafeMutableBufferPointer<UInt32>
        /// Rows added, and items (owners) added.
        var count = 0
        var itemCount = 0

        init(rows: Int) {
            (starts, known, collections, owners) = Rows.buffers(rows: rows)
        }

        /// Empty lists with room for `rows` rows (at least one): a start
        /// more than rows, and twice as many items as rows to begin with.
        private static func buffers(rows: Int) -> (UnsafeMutableBufferPointer<Int>, UnsafeMutableBufferPointer<Bool>,
                                                   UnsafeMutableBufferPointer<Value>, UnsafeMutableBufferPointer<UInt32>) {
            let rows = max(rows, 1)
            let starts = UnsafeMutableBufferPointer<Int>.allocate(capacity: rows + 1)
            starts[0] = 0
            return (starts, .allocate(capacity: rows), .allocate(capacity: rows), .allocate(capacity: 2 * rows))
        }

        /// Room for one more row and `items` more items.
        func reserve(items: Int) {
            if count == known.count {
                let capacity = 2 * known.count
                starts = Rows.grown(starts, to: capacity + 1, keeping: count + 1)
                known = Rows.grown(known, to: capacity, keeping: count)
                collections = Rows.grown(collections, to: capacity, keeping: count)
            }
            if itemCount + items > owners.count {
                owners = Rows.grown(owners, to: max(2 * owners.count, itemCount + items), keeping: itemCount)
            }
        }

        /// `buffer` moved into new memory of `capacity` (its first `count`
        /// elements, which are initialised).
        private static func grown<T>(_ buffer: UnsafeMutableBufferPointer<T>, to capacity: Int, keeping count: Int) -> UnsafeMutableBufferPointer<T> {
            let larger = UnsafeMutableBufferPointer<T>.allocate(capacity: capacity)
            if let from = buffer.baseAddress, let to = larger.baseAddress { to.moveInitialize(from: from, count: count) }
            buffer.deallocate()
            return larger
        }

        /// Empties the lists and gives their memory back, keeping room for
        /// one row. The rows' collections must have been moved out.
        func release() {
            deallocate()
            (starts, known, collections, owners) = Rows.buffers(rows: 1)
            count = 0
            itemCount = 0
        }

        /// The buffers freed; `count` collections are still initialised.
        private func deallocate() {
            starts.deallocate()
            known.deallocate()
            collections.deallocate()
            owners.deallocate()
        }

        deinit {
            if let first = collections.baseAddress { first.deinitialize(count: count) }
            deallocate()
        }
    }

    private let rows: Rows
    /// How lists are counted in place (`RowTable.inPlace`).
    let inPlace: ValueInPlace.Layout?

    /// `rows`: the rows to come, so that the lists are made at their size
    /// once (they grow if more come).
    init(inPlace: ValueInPlace.Layout?, rows: Int) {
        self.inPlace = inPlace
        self.rows = Rows(rows: rows)
    }

    /// Items of row r are `starts[r] ..< starts[r + 1]`.
    private var starts: [Int] { Array(rows.starts.prefix(rows.count + 1)) }
    /// False where the collection itself is unknown.
    private var known: [Bool] { Array(rows.known.prefix(rows.count)) }
    /// The owner row of each item.
    private var owners: [UInt32] { Array(rows.owners.prefix(rows.itemCount)) }

    /// The lists as arrays, each row's collection moved out (not copied,
    /// which would retain each): the builder holds no rows afterwards.
    func finish() -> (starts: [Int], known: [Bool], collections: [Value], owners: [UInt32]) {
        let lists = (starts: starts, known: known, owners: owners)
        let count = rows.count
        let collections = [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let to = buffer.baseAddress, let from = rows.collections.baseAddress { to.moveInitialize(from: from, count: count) }
            initialized = count
        }
        // Given back now, not when the builder goes: a whole portfolio's
        // lists would otherwise stay beside their arrays while the pass
        // builds the rest.
        rows.release()
        return (lists.starts, lists.known, collections, lists.owners)
    }

    /// The value of the collection in the next row, `row`.
    mutating func add(_ value: Value, row: Int) {
        withUnsafePointer(to: value) { add(valueAt: $0, row: row) }
    }

    /// The same for a value read in place (`EntryValues`).
    mutating func add(valueAt value: UnsafePointer<Value>, row: Int) {
        let count: Int
        let isKnown: Bool
        switch value.pointee {
        case .unknown:
            count = 0
            isKnown = false
        case .list:
            // Counted in place: binding the array would retain it.
            count = ValueInPlace.withItems(of: value, inPlace) { $0.count } ?? 0
            isKnown = true
        default:
            count = 1
            isKnown = true
        }
        let rows = self.rows
        rows.reserve(items: count)
        let at = rows.count
        rows.known[at] = isKnown
        // One retain: the copy the list keeps.
        (rows.collections.baseAddress.unsafelyUnwrapped + at).initialize(to: value.pointee)
        let owner = UInt32(truncatingIfNeeded: row)
        var item = rows.itemCount
        for _ in 0..<count {
            rows.owners[item] = owner
            item &+= 1
        }
        rows.itemCount = item
        rows.starts[at &+ 1] = item
        rows.count = at &+ 1
    }
}

/// Finds a field in record after record as `Record.index(ofField:)` does —
/// the key as written, else its plural spellings, in that order — trying
/// first where the previous record had each spelling: records from one
/// file usually list their keys in one order.
struct FieldSpellings {
    private let field: FieldSpellingNumbers
    private var hints: [Int]
    /// The key number of the key as written (-1 for none): where the last
    /// record had it (`hints[0]`) most searches end with one comparison of
    /// numbers, as records from one file list their keys in one order.
    private let firstNumber: Int

    init(_ field: FieldSpellingNumbers) {
        self.field = field
        hints = [Int](repeating: 0, count: field.spellings.count)
        firstNumber = field.numbers.first ?? -1
    }

    @inline(__always)
    mutating func index(in entries: UnsafeBufferPointer<RecordEntry>) -> Int? {
        // Equal numbers are the same key (`EntryName.isKey`); anything
        // else is decided by the search below.
        if firstNumber >= 0, let hint = hints.first, hint < entries.count, entries[hint].name.keyID == firstNumber { return hint }
        return search(entries)
    }

    private mutating func search(_ entries: UnsafeBufferPointer<RecordEntry>) -> Int? {
        for choice in field.spellings.indices {
            let hint = hints[choice]
            if hint < entries.count, field.isChoice(choice, at: hint, in: entries) { return hint }
            if let found = field.index(ofChoice: choice, in: entries) {
                hints[choice] = found
                return found
            }
        }
        return nil
    }
}
