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
    }

    /// The place in `ordered` of the outcome's subject; `ordered.count` or
    /// more for a subject the report does not hold (never, for its own outcomes).
    func place(_ subject: OutcomeSubject) -> Int {
        let rank = ranks.rank(subject)
        if rank < subjectCount { return Int(placeOfFirst[rank]) }
        return distinctCount + (rank - subjectCount)
    }
}
