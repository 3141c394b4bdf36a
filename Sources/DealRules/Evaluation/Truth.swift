import DealRulesModel

/// Three-valued truth (LANGUAGE.md §6.1).
public enum Truth: String, Sendable, Hashable {
    case `true`, `false`, unknown

    public init(_ flag: Bool) { self = flag ? .true : .false }

    public var value: Value {
        switch self {
        case .true: return .boolean(true)
        case .false: return .boolean(false)
        case .unknown: return .unknown
        }
    }

    public var negated: Truth {
        switch self {
        case .true: return .false
        case .false: return .true
        case .unknown: return .unknown
        }
    }

    /// false if either is false, else unknown if either is unknown, else true.
    public func and(_ other: Truth) -> Truth {
        if self == .false || other == .false { return .false }
        if self == .unknown || other == .unknown { return .unknown }
        return .true
    }

    /// true if either is true, else unknown if either is unknown, else false.
    public func or(_ other: Truth) -> Truth {
        if self == .true || other == .true { return .true }
        if self == .unknown || other == .unknown { return .unknown }
        return .false
    }
}
