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
        var cells: [Cell]
    }

    var flags: [String]
    var rows: [Row]

    static func severityRank(_ severity: Severity) -> Int {
        Severity.allCases.firstIndex(of: severity) ?? 0
    }

    /// Anchors for the detail entries, by position in the report's lists.
    static func findingAnchor(_ index: Int) -> String { "f\(index + 1)" }
    static func undeterminedAnchor(_ index: Int) -> String { "u\(index + 1)" }
    static func subjectAnchor(_ index: Int) -> String { "s\(index + 1)" }

    init(report: CheckReport) {
        let flagList = report.orderedFlags
        let subjects = report.orderedSubjects
        let flagColumn = Dictionary(flagList.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var grid = subjects.map { _ in flagList.map { _ in Cell(state: .notEvaluated, anchor: nil, details: []) } }
        let subjectRow = Dictionary(subjects.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

        func update(_ subject: String, _ flag: String, _ change: (inout Cell) -> Void) {
            guard let row = subjectRow[subject], let column = flagColumn[flag] else { return }
            change(&grid[row][column])
        }

        for outcome in report.clear {
            update(outcome.subject, outcome.rule.flag) { cell in
                if cell.state == .notEvaluated { cell.state = .clear }
                cell.details.append("\(outcome.rule.name): clear")
            }
        }
        for (index, outcome) in report.undetermined.enumerated() {
            update(outcome.subject, outcome.rule.flag) { cell in
                if cell.state.rank < CellState.undetermined.rank {
                    cell.state = .undetermined
                    cell.anchor = HTMLMatrix.undeterminedAnchor(index)
                }
                let reasons = outcome.reasons.map(ReportWording.reason).joined(separator: "; ")
                cell.details.append("\(outcome.rule.name): undetermined (\(reasons))")
            }
        }
        for (index, finding) in report.findings.enumerated() {
            update(finding.subject, finding.rule.flag) { cell in
                if case .finding(let severity, let count) = cell.state {
                    cell.state = .finding(max(severity, finding.severity), count: count + 1)
                } else {
                    cell.state = .finding(finding.severity, count: 1)
                    cell.anchor = HTMLMatrix.findingAnchor(index)
                }
                cell.details.append("\(finding.severity.rawValue): \(finding.message)")
            }
        }

        let findingsBySubject = Dictionary(grouping: report.findings, by: \.subject)
        let undeterminedBySubject = Dictionary(grouping: report.undetermined, by: \.subject)
        var built: [Row] = []
        for (index, subject) in subjects.enumerated() {
            let findings = findingsBySubject[subject] ?? []
            built.append(Row(subject: subject, subjectIndex: index, worst: findings.map(\.severity).max(),
                             findingCount: findings.count,
                             undeterminedCount: undeterminedBySubject[subject]?.count ?? 0,
                             cells: grid[index]))
        }
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
}
