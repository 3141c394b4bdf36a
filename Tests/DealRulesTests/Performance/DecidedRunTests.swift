@testable import DealRules
import Testing

/// A block of deals without `--deal` files its outcomes by copying the
/// kernel's truths into the rule's codes as bytes, after the evaluator has
/// decided the deferred ones. That holds only if every decided truth's
/// byte is its code's, and if every deferred truth, and no other, is
/// handed to the evaluator, in order.
@Suite struct DecidedRunTests {
    @Test func aDecidedTruthsByteIsItsCodes() {
        for truth in [RowTruth.isFalse, .isTrue, .isUnknown] {
            #expect(truth.code.rawValue == truth.rawValue, "\(truth)")
        }
        #expect(RowTruth.deferred.code == .undetermined)
    }

    @Test(arguments: [0, 1, 7, 8, 9, 16, 63, 1_024])
    func everyDeferredTruthIsDecidedInOrder(_ count: Int) {
        var state: UInt64 = UInt64(count) &+ 5
        let truths: [RowTruth] = (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // Deferred about one time in five, in runs and alone.
            return [.isFalse, .isTrue, .isUnknown, .deferred, .isFalse][Int((state >> 33) % 5)]
        }
        var decided = truths
        var asked: [Int] = []
        decided.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            DealBlocks.decideDeferred(base, count: count) { index in
                asked.append(index)
                return index % 2 == 0 ? .isTrue : .isUnknown
            }
        }
        let expectedAsked = truths.indices.filter { truths[$0] == .deferred }
        #expect(asked == expectedAsked)
        for index in truths.indices {
            let expected = truths[index] == .deferred ? (index % 2 == 0 ? RowTruth.isTrue : .isUnknown) : truths[index]
            #expect(decided[index] == expected, "index \(index)")
        }
    }
}
