import DealRulesModel

/// The deal × flag grid of the HTML report: one row per subject, ordered by
/// risk (most severe finding, then number of findings, then number of
/// undetermined outcomes, then data order), one column per flag.
struct HTMLMatrix: Sendable {
    enum CellState: Equatable, Sendable {
        /// No rule with this flag produced an outcome for the subject.
        case notEvaluated
        case clear
        case undetermined
        case finding(Severity, count: Int)

        /// Sort key, larger is riskier.
        var rank: Int {
            switch self {
            case .notEvaluated: return 0
            case .clear: return 1
            case .undetermined: return 2
            case .finding(let severity, _): return 3 + severityRank(severity)
            }
        }
    }

    struct Cell {
        var state: CellState
        /// Anchor of the first entry the cell summarises.
        var anchor: String?
        /// Tooltip: each outcome on its own line.
        var details: [String]
    }

    struct Row {
        var subject: String
        /// Position in data order; used for the subject's anchor.
        var subjectIndex: Int
        var worst: Severity?
        var findingCount: Int
        var undeterminedCount: Int
    }

    var flags: [String]
    /// Subject indices in risk order, and each subject's counts (by index),
    /// kept as small arrays rather than rows; `rows` makes each row when
    /// asked, and a row's cells are made when it is written (`cells(of:)`).
    private let order: [UInt32]
    private let subjects: [String]
    private let worst: [Severity?]
    private let findingCounts: [UInt32]
    private let undeterminedCounts: [UInt32]

    /// The rows in risk order.
    var rows: LazyMapSequence<Range<Int>, Row> {
        (0..<rowCount).lazy.map { row(at: $0) }
    }

    var rowCount: Int { order.count }

    /// The row at `position` in risk order.
    func row(at position: Int) -> Row {
        let subject = Int(order[position])
        return Row(subject: subjects[subject], subjectIndex: subject, worst: worst[subject],
                   findingCount: Int(findingCounts[subject]), undeterminedCount: Int(undeterminedCounts[subject]))
    }
    private let flagColumn: [String: Int]
    /// The outcomes naming each subject (by data-order index), as positions
    /// in findings, then undetermined, then clear outcomes: ascending, 32
    /// bits each, so that a row is made from its own outcomes only. Clear
    /// outcomes of per-deal rules told by their codes (keyed by row) are
    /// not kept: a row finds them among its deals' codes (`placeRows`).
    private let starts: [Int]
    private let members: [UInt32]
    private let placeRows: PlaceRows
    private let findingCount: Int
    private let undeterminedCount: Int

    static func severityRank(_ severity: Severity) -> Int {
        Severity.allCases.firstIndex(of: severity) ?? 0
    }

    /// Anchors for the detail entries, by position in the report's lists.
    static func findingAnchor(_ index: Int) -> String { "f\(index + 1)" }
    static func undeterminedAnchor(_ index: Int) -> String { "u\(index + 1)" }
    static func subjectAnchor(_ index: Int) -> String { "s\(index + 1)" }

    /// Counts and orders the rows from the outcomes alone, without their
    /// details.
    init(report: CheckReport) {
        let flagList = report.orderedFlags
        let rows = SubjectRows(report)
        let subjects = rows.ordered
        flagColumn = Dictionary(flagList.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        findingCount = report.findingList.count
        undeterminedCount = report.undeterminedList.count

        var worst = [Severity?](repeating: nil, count: subjects.count)
        var findingCounts = [UInt32](repeating: 0, count: subjects.count)
        var undeterminedCounts = [UInt32](repeating: 0, count: subjects.count)
        // Two passes over the outcomes, to count and then to place them:
        // cheaper in memory than remembering each one's row. Each outcome's
        // row comes from its key (`SubjectRows`); only findings are made,
        // for their severity.
        var counts = [Int](repeating: 0, count: subjects.count + 1)
        var findingIndex = 0
        report.findingList.forEachKey { _, subject in
            defer { findingIndex += 1 }
            let row = rows.place(subject)
            guard row < subjects.count else { return }
            counts[row + 1] += 1
            let severity = report.findingList[findingIndex].severity
            worst[row] = max(worst[row] ?? severity, severity)
            findingCounts[row] += 1
        }
        report.undeterminedList.forEachKey { _, subject in
            let row = rows.place(subject)
            guard row < subjects.count else { return }
            counts[row + 1] += 1
            undeterminedCounts[row] += 1
        }
        report.clearList.forEachKey { _, subject in
            if case .row = subject { return }
            let row = rows.place(subject)
            guard row < subjects.count else { return }
            counts[row + 1] += 1
        }
        for row in subjects.indices { counts[row + 1] += counts[row] }
        var next = counts
        var members = [UInt32](repeating: 0, count: counts[subjects.count])
        var position = 0
        let clearStart = findingCount + undeterminedCount
        func place(_ rule: SharedRuleInfo, _ subject: OutcomeSubject) {
            defer { position += 1 }
            if position >= clearStart, case .row = subject { return }
            let row = rows.place(subject)
            guard row < subjects.count else { return }
            members[next[row]] = UInt32(truncatingIfNeeded: position)
            next[row] += 1
        }
        report.forEachKey(includeClear: true, place)
        starts = counts
        placeRows = rows.placeRows
        self.members = members
        flags = flagList
        var order = (0..<subjects.count).map { UInt32(truncatingIfNeeded: $0) }
        order.sort { leftIndex, rightIndex in
            let left = Int(leftIndex), right = Int(rightIndex)
            let leftWorst = worst[left].map(HTMLMatrix.severityRank) ?? -1
            let rightWorst = worst[right].map(HTMLMatrix.severityRank) ?? -1
            if leftWorst != rightWorst { return leftWorst > rightWorst }
            if findingCounts[left] != findingCounts[right] { return findingCounts[left] > findingCounts[right] }
            if undeterminedCounts[left] != undeterminedCounts[right] { return undeterminedCounts[left] > undeterminedCounts[right] }
            return left < right
        }
        self.order = order
        self.subjects = subjects
        self.worst = worst
        self.findingCounts = findingCounts
        self.undeterminedCounts = undeterminedCounts
    }

    /// Positions in the report's findings of the findings naming a subject, in order.
    func findings(of row: Row) -> [Int] {
        members[starts[row.subjectIndex]..<starts[row.subjectIndex + 1]].lazy
            .map(Int.init).filter { $0 < findingCount }
    }

    /// A row's cells, one per flag: its clear outcomes first, then its
    /// undetermined ones, then its findings, each with its details.
    func cells(of row: Row, report: CheckReport, lane: Int = 0) -> [Cell] {
        var cells = flags.map { _ in Cell(state: .notEvaluated, anchor: nil, details: []) }
        let own = members[starts[row.subjectIndex]..<starts[row.subjectIndex + 1]].map(Int.init)
        let undeterminedEnd = findingCount + undeterminedCount
        // Clear outcomes in the report's order: those kept here by place,
        // and those of per-deal rules, told by the rows' codes.
        var clear: [(index: Int, outcome: ClearOutcome)] = []
        for position in own where position >= undeterminedEnd {
            clear.append((position - undeterminedEnd, report.clearList[position - undeterminedEnd]))
        }
        let kept = clear.count
        report.clearList.forEachOutcome(ofRows: placeRows.rows(ofPlace: row.subjectIndex)) { clear.append(($0, $1)) }
        if kept > 0, clear.count > kept { clear.sort { $0.index < $1.index } }
        for (_, outcome) in clear {
            guard let column = flagColumn[outcome.rule.flag] else { continue }
            if cells[column].state == .notEvaluated { cells[column].state = .clear }
            cells[column].details.append("\(outcome.rule.name): clear")
        }
        for position in own where position >= findingCount && position < undeterminedEnd {
            let index = position - findingCount
            let outcome = report.complete(report.undeterminedList[index], lane: lane)
            guard let column = flagColumn[outcome.rule.flag] else { continue }
            if cells[column].state.rank < CellState.undetermined.rank {
                cells[column].state = .undetermined
                cells[column].anchor = HTMLMatrix.undeterminedAnchor(index)
            }
            let reasons = outcome.reasons.map(ReportWording.reason).joined(separator: "; ")
            cells[column].details.append("\(outcome.rule.name): undetermined (\(reasons))")
        }
        for index in own where index < findingCount {
            let finding = report.complete(report.findingList[index], lane: lane)
            guard let column = flagColumn[finding.rule.flag] else { continue }
            if case .finding(let severity, let count) = cells[column].state {
                cells[column].state = .finding(max(severity, finding.severity), count: count + 1)
            } else {
                cells[column].state = .finding(finding.severity, count: 1)
                cells[column].anchor = HTMLMatrix.findingAnchor(index)
            }
            cells[column].details.append("\(finding.severity.rawValue): \(finding.message)")
        }
        return cells
    }
}
