@testable import DealRules
import Testing

/// Counting one byte value eight bytes at a time must count what a plain
/// loop counts, for every byte value (high bits and zero included) and
/// for any length, the bytes past the last whole word too.
@Suite struct ByteMatchTests {
    @Test func countsWhatALoopCounts() {
        var state: UInt64 = 3
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 24
        }
        for length in [0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 1_000] {
            // Few distinct values, so that runs and neighbours of equal bytes occur.
            let palette: [UInt8] = [0, 1, 2, 3, 0x7F, 0x80, 0x81, 0xFF]
            let bytes = (0..<length).map { _ in palette[Int(next() % UInt64(palette.count))] }
            bytes.withUnsafeBytes { raw in
                for value in palette + [4, 0xFE] {
                    #expect(ByteMatch.count(value, in: raw) == bytes.filter { $0 == value }.count, "length \(length), byte \(value)")
                }
            }
        }
    }

    @Test func codesCountedInOnePassAsOneByOne() {
        var state: UInt64 = 11
        // Past 255 words (2,040 bytes) the lanes are summed and begin again.
        for length in [0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 1_000, 2_039, 2_040, 2_048, 5_003] {
            let bytes: [UInt8] = (0..<length).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8((state >> 33) % 4)
            }
            let counted = bytes.withUnsafeBytes { ByteMatch.countCodes(in: $0) }
            #expect(counted.ones == bytes.filter { $0 == 1 }.count, "length \(length)")
            #expect(counted.twos == bytes.filter { $0 == 2 }.count, "length \(length)")
            #expect(counted.threes == bytes.filter { $0 == 3 }.count, "length \(length)")
        }
    }

    @Test func longRunsOfOneCodeFillNoLane() {
        // 4,096 threes: every lane of every word at its fullest.
        let bytes = [UInt8](repeating: 3, count: 4_096) + [UInt8](repeating: 1, count: 4_096)
        let counted = bytes.withUnsafeBytes { ByteMatch.countCodes(in: $0) }
        #expect(counted.ones == 4_096 && counted.twos == 0 && counted.threes == 4_096)
        #expect(ByteMatch.laneSum(0xFFFF_FFFF_FFFF_FFFF) == 8 * 255)
    }

    @Test func outcomeCountsAreTheCodesCounted() {
        let codes: [RuleOutcomes.Code] = (0..<1_003).map { [.clear, .finding, .undetermined, .skipped][($0 * 7 + $0 / 3) % 4] }
        codes.withUnsafeBytes { raw in
            #expect(ByteMatch.count(RuleOutcomes.Code.finding.rawValue, in: raw) == codes.filter { $0 == .finding }.count)
            #expect(ByteMatch.count(RuleOutcomes.Code.skipped.rawValue, in: raw) == codes.filter { $0 == .skipped }.count)
        }
    }
}
