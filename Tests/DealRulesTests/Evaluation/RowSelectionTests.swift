@testable import DealRules
import Testing

/// A `RowSelection` stands in for a list of rows: it must pick exactly the
/// rows whose code is the one selected, in order, across block edges.
@Suite("row selections")
struct RowSelectionTests {
    static func codes(count: Int, seed: UInt64) -> [RuleOutcomes.Code] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            switch (state >> 33) % 10 {
            case 0, 1: return .finding
            case 2: return .undetermined
            case 3: return .skipped
            default: return .clear
            }
        }
    }

    @Test("the nth selected row is the nth row with the code", arguments: [0, 1, 63, 64, 65, 127, 128, 1_000, 4_097])
    func selectsInOrder(_ count: Int) {
        let codes = Self.codes(count: count, seed: UInt64(count) + 7)
        for code in [RuleOutcomes.Code.clear, .finding, .undetermined, .skipped] {
            let expected = codes.indices.filter { codes[$0] == code }
            let selection = RowSelection(codes, selecting: code)
            #expect(selection.count == expected.count)
            #expect((0..<selection.count).map(selection.row(at:)) == expected, "\(code) of \(count)")
            var visited: [Int] = []
            selection.forEachRow { visited.append($0) }
            #expect(visited == expected)
            #expect(selection.firstRow == expected.first)
            for row in -1...count {
                #expect(selection.index(ofRow: row) == expected.firstIndex(of: row), "\(code) row \(row) of \(count)")
            }
        }
    }

    @Test("runs of one code across whole blocks")
    func longRuns() {
        let codes = [RuleOutcomes.Code](repeating: .clear, count: 200) + [.finding] + [RuleOutcomes.Code](repeating: .clear, count: 130) + [.finding]
        let findings = RowSelection(codes, selecting: .finding)
        #expect(findings.count == 2)
        #expect(findings.row(at: 0) == 200)
        #expect(findings.row(at: 1) == 331)
        let clear = RowSelection(codes, selecting: .clear)
        #expect(clear.row(at: 199) == 199)
        #expect(clear.row(at: 200) == 201)
        #expect(clear.row(at: 329) == 330)
        #expect(RowSelection([], selecting: .clear).count == 0)
        #expect(RowSelection([], selecting: .clear).firstRow == nil)
    }
}
