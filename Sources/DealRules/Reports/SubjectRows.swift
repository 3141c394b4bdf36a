/// The rows of `CheckReport.orderedSubjects` — each distinct subject once,
/// in data order, then the subjects only outcomes name — and the row each
/// outcome is about, told from its `OutcomeSubject` through `SubjectRanks`
/// instead of a table keyed by subject text: the HTML matrix places every
/// rule × subject outcome of a portfolio, millions of them.
struct SubjectRows {
    /// `CheckReport.orderedSubjects`, made from the ranks.
    let ordered: [String]
    private let ranks: SubjectRanks
    /// For each row of the report's subjects that is the first with its
    /// subject, its place in `ordered`.
    private let placeOfFirst: [UInt32]
    private let subjectCount: Int
    private let distinctCount: Int
    /// The rows of each place.
    let placeRows: PlaceRows

    init(_ report: CheckReport) {
        let names = report.namedSubjects(includeClear: true)
        let subjects = report.subjects
        let ranks = SubjectRanks(subjects: subjects, names: names)
        var ordered: [String] = []
        var placeOfFirst = [UInt32](repeating: 0, count: subjects.count)
        for (row, subject) in subjects.enumerated() where ranks.rank(.row(row)) == row {
            placeOfFirst[row] = UInt32(truncatingIfNeeded: ordered.count)
            ordered.append(subject)
        }
        distinctCount = ordered.count
        // Names missing from the subjects rank after every row, in the
        // order they were given (`SubjectRanks`).
        for name in names where ranks.rank(.named(name)) >= subjects.count { ordered.append(name) }
        self.ordered = ordered
        self.ranks = ranks
        self.placeOfFirst = placeOfFirst
        self.subjectCount = subjects.count
        placeRows = PlaceRows(subjectCount: subjects.count, distinctCount: distinctCount) { Int(placeOfFirst[ranks.rank(.row($0))]) }
    }

    /// The place in `ordered` of the outcome's subject; `ordered.count` or
    /// more for a subject the report does not hold (never, for its own outcomes).
    func place(_ subject: OutcomeSubject) -> Int {
        let rank = ranks.rank(subject)
        if rank < subjectCount { return Int(placeOfFirst[rank]) }
        return distinctCount + (rank - subjectCount)
    }
}

/// The rows of the report's subjects at each place of `SubjectRows.ordered`:
/// a place's own row when no subject repeats, else the rows kept by place
/// (`rowList[rowStarts[p] ..< rowStarts[p + 1]]` for place p).
struct PlaceRows: Sendable {
    private let distinctCount: Int
    private let rowStarts: [UInt32]
    private let rowList: [UInt32]

    init(subjectCount: Int, distinctCount: Int, place: (Int) -> Int) {
        self.distinctCount = distinctCount
        guard distinctCount < subjectCount else {
            rowStarts = []
            rowList = []
            return
        }
        var starts = [UInt32](repeating: 0, count: distinctCount + 1)
        for row in 0..<subjectCount { starts[place(row) + 1] += 1 }
        for each in 0..<distinctCount { starts[each + 1] += starts[each] }
        var next = starts
        var list = [UInt32](repeating: 0, count: subjectCount)
        for row in 0..<subjectCount {
            let at = place(row)
            list[Int(next[at])] = UInt32(truncatingIfNeeded: row)
            next[at] += 1
        }
        rowStarts = starts
        rowList = list
    }

    /// The rows whose subject is at `place`, ascending; none for a subject
    /// only outcomes name.
    func rows(ofPlace place: Int) -> [Int] {
        guard place >= 0, place < distinctCount else { return [] }
        guard !rowStarts.isEmpty else { return [place] }
        return rowList[Int(rowStarts[place])..<Int(rowStarts[place + 1])].map(Int.init)
    }
}
