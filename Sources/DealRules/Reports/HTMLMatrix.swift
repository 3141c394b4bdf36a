import DealRulesModel

/// The deal × flag grid of the HTML report: one row per subject, ordered by
/// risk (most severe finding, then number of findings, then number of
/// undetermined outcomes, then data order), one column per flag.
struct HTMLMatrix {
    enum CellState: Equatable {
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
    /// In risk order. A row's cells are made when it is written (`cells(of:)`).
    var rows: [Row]
    private let flagColumn: [String: Int]
    /// The outcomes naming each subject (by data-order index), as positions
    /// in findings, then undetermined, then clear outcomes: ascending, 32
    /// bits each, so that a row is made from its own outcomes only.
    private let starts: [Int]
    private let members: [UInt32]
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
        let subjects = report.orderedSubjects
        flagColumn = Dictionary(flagList.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let subjectRow = Dictionary(subjects.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        findingCount = report.findingCount
        undeterminedCount = report.undeterminedCount
        let total = findingCount + undeterminedCount + report.clearListedCount

        var built = subjects.enumerated().map { Row(subject: $1, subjectIndex: $0, worst: nil, findingCount: 0, undeterminedCount: 0) }
        var rowOf = [Int](repeating: -1, count: total)
        var counts = [Int](repeating: 0, count: subjects.count + 1)
        for position in 0..<total {
            let subject: String
            if position < findingCount {
                let finding = report.finding(at: position)
                subject = finding.subject
                if let row = subjectRow[subject] {
                    built[row].worst = max(built[row].worst ?? finding.severity, finding.severity)
                    built[row].findingCount += 1
                }
            } else if position < findingCount + undeterminedCount {
                subject = report.undeterminedOutcome(at: position - findingCount).subject
                if let row = subjectRow[subject] { built[row].undeterminedCount += 1 }
            } else {
                subject = report.clearOutcome(at: position - findingCount - undeterminedCount).subject
            }
            if let row = subjectRow[subject] {
                rowOf[position] = row
                counts[row + 1] += 1
            }
        }
        for row in subjects.indices { counts[row + 1] += counts[row] }
        var next = counts
        var members = [UInt32](repeating: 0, count: counts[subjects.count])
        for position in 0..<total where rowOf[position] >= 0 {
            members[next[rowOf[position]]] = UInt32(truncatingIfNeeded: position)
            next[rowOf[position]] += 1
        }
        starts = counts
        self.members = members
        flags = flagList
        rows = built.sorted { left, right in
            let leftWorst = left.worst.map(HTMLMatrix.severityRank) ?? -1
            let rightWorst = right.worst.map(HTMLMatrix.severityRank) ?? -1
            if leftWorst != rightWorst { return leftWorst > rightWorst }
            if left.findingCount != right.findingCount { return left.findingCount > right.findingCount }
            if left.undeterminedCount != right.undeterminedCount { return left.undeterminedCount > right.undeterminedCount }
            return left.subjectIndex < right.subjectIndex
        }
    }

    /// Positions in the report's findings of the findings naming a subject, in order.
    func findings(of row: Row) -> [Int] {
        members[starts[row.subjectIndex]..<starts[row.subjectIndex + 1]].lazy
            .map(Int.init).filter { $0 < findingCount }
    }

    /// A row's cells, one per flag: its clear outcomes first, then its
    /// undetermined ones, then its findings, each with its details.
    func cells(of row: Row, report: CheckReport) -> [Cell] {
        var cells = flags.map { _ in Cell(state: .notEvaluated, anchor: nil, details: []) }
        let own = members[starts[row.subjectIndex]..<starts[row.subjectIndex + 1]].map(Int.init)
        let undeterminedEnd = findingCount + undeterminedCount
        for position in own where position >= undeterminedEnd {
            let outcome = report.clearOutcome(at: position - undeterminedEnd)
            guard let column = flagColumn[outcome.rule.flag] else { continue }
            if cells[column].state == .notEvaluated { cells[column].state = .clear }
            cells[column].details.append("\(outcome.rule.name): clear")
        }
        for position in own where position >= findingCount && position < undeterminedEnd {
            let index = position - findingCount
            let outcome = report.complete(report.undeterminedOutcome(at: index))
            guard let column = flagColumn[outcome.rule.flag] else { continue }
            if cells[column].state.rank < CellState.undetermined.rank {
                cells[column].state = .undetermined
                cells[column].anchor = HTMLMatrix.undeterminedAnchor(index)
            }
            let reasons = outcome.reasons.map(ReportWording.reason).joined(separator: "; ")
            cells[column].details.append("\(outcome.rule.name): undetermined (\(reasons))")
        }
        for index in own where index < findingCount {
            let finding = report.complete(report.finding(at: index))
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
