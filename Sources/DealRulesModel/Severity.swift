/// Severity levels of a rule, ordered `info < low < medium < high < critical`.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case info, low, medium, high, critical

    public static let `default` = Severity.medium

    private var rank: Int {
        switch self {
        case .info: return 0
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        case .critical: return 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
