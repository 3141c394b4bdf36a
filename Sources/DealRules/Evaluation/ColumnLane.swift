/// One array of a column being built (`CellColumnBuilder`): a row of `T`
/// for every row, in memory the lane owns, made on first use.
///
/// An array checks, on every write, whether its storage is shared and must
/// be copied first; a column's builder writes several arrays for every
/// cell of every deal, and those checks were a noticeable part of an
/// evaluation. A lane's storage is never shared by two builders, so it is
/// written straight through. Rows are checked as an array checks them.
struct ColumnLane<T> {
    private final class Storage {
        let rows: UnsafeMutableBufferPointer<T>

        init(count: Int, blank: T) {
            rows = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            rows.initialize(repeating: blank)
        }

        deinit {
            rows.deinitialize()
            rows.deallocate()
        }
    }

    private var storage: Storage? {
        didSet { first = storage?.rows.baseAddress }
    }
    /// The first row of `storage`, kept beside it: a write through
    /// `write(_:_:)` is then one load and one store, with no call.
    private var first: UnsafeMutablePointer<T>?
    private let count: Int
    private let blank: T

    /// A lane of `count` rows of `blank`, made when first written
    /// (`made: true` makes it at once).
    init(count: Int, blank: T, made: Bool = false) {
        self.count = max(0, count)
        self.blank = blank
        if made {
            storage = Storage(count: self.count, blank: blank)
            first = storage?.rows.baseAddress
        }
    }

    /// Whether no row has been made yet.
    var isEmpty: Bool { storage == nil }

    /// Makes the rows, all blank, unless they are made already.
    @inline(__always)
    mutating func make() {
        if storage == nil { storage = Storage(count: count, blank: blank) }
    }

    /// Writes row `row` of a made lane. The caller has checked that `row`
    /// is one of the lane's rows (0 ..< the count it was made with) and
    /// made the lane (`make()`, or `made: true`); a lane of no rows has
    /// none to write.
    @inline(__always)
    func write(_ row: Int, _ value: T) {
        guard let first else { preconditionFailure("a lane written before it was made") }
        first[row] = value
    }

    /// A made lane's row (`make()` first).
    subscript(row: Int) -> T {
        get {
            guard let storage, row >= 0, row < count else { preconditionFailure("row \(row) of a lane not made or out of range") }
            return storage.rows[row]
        }
        nonmutating set {
            guard let storage, row >= 0, row < count else { preconditionFailure("row \(row) of a lane not made or out of range") }
            storage.rows[row] = newValue
        }
    }

    /// Rows `offset ..< offset + source.count` from `source`, making the
    /// lane first.
    mutating func place(_ source: [T], at offset: Int) {
        guard !source.isEmpty else { return }
        precondition(offset >= 0 && offset <= count - source.count, "rows out of range")
        make()
        guard let rows = storage?.rows else { return }
        source.withUnsafeBufferPointer { source in
            _ = UnsafeMutableBufferPointer(rebasing: rows[offset..<(offset + source.count)]).update(fromContentsOf: source)
        }
    }

    /// The rows as an array; empty when none was made.
    var array: [T] {
        guard let storage else { return [] }
        return Array(storage.rows)
    }
}
