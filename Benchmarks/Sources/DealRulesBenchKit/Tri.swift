/// Three-valued truth for the hand-written baseline, and the outcome it
/// gives a rule × deal.
public enum Tri: UInt8, Sendable {
    case no = 0, yes = 1, unknown = 2

    @inline(__always) init(_ flag: Bool) { self = flag ? .yes : .no }

    @inline(__always) static func && (lhs: Tri, rhs: @autoclosure () -> Tri) -> Tri {
        if lhs == .no { return .no }
        let right = rhs()
        if right == .no { return .no }
        return lhs == .unknown || right == .unknown ? .unknown : .yes
    }

    @inline(__always) static func || (lhs: Tri, rhs: @autoclosure () -> Tri) -> Tri {
        if lhs == .yes { return .yes }
        let right = rhs()
        if right == .yes { return .yes }
        return lhs == .unknown || right == .unknown ? .unknown : .no
    }
}

/// What a rule gave one subject: clear (false), finding (true), undetermined (unknown).
public enum OutcomeKind: UInt8, Sendable, CaseIterable {
    case clear = 0, finding = 1, undetermined = 2

    init(_ truth: Tri) {
        switch truth {
        case .no: self = .clear
        case .yes: self = .finding
        case .unknown: self = .undetermined
        }
    }
}
