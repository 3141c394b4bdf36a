import DealRules
import Testing

@Suite("Three-valued truth")
struct TruthTests {
    static let all: [Truth] = [.true, .false, .unknown]

    @Test("and: false wins, then unknown", arguments: all, all)
    func and(lhs: Truth, rhs: Truth) {
        let expected: Truth = (lhs == .false || rhs == .false) ? .false : ((lhs == .unknown || rhs == .unknown) ? .unknown : .true)
        #expect(lhs.and(rhs) == expected)
        #expect(lhs.and(rhs) == rhs.and(lhs))
    }

    @Test("or: true wins, then unknown", arguments: all, all)
    func or(lhs: Truth, rhs: Truth) {
        let expected: Truth = (lhs == .true || rhs == .true) ? .true : ((lhs == .unknown || rhs == .unknown) ? .unknown : .false)
        #expect(lhs.or(rhs) == expected)
    }

    @Test("not unknown is unknown; De Morgan holds", arguments: all, all)
    func negation(lhs: Truth, rhs: Truth) {
        #expect(Truth.unknown.negated == .unknown)
        #expect(lhs.negated.negated == lhs)
        #expect(lhs.and(rhs).negated == lhs.negated.or(rhs.negated))
    }

    @Test("values")
    func values() {
        #expect(Truth(true) == .true)
        #expect(Truth.unknown.value.isUnknown)
    }
}
