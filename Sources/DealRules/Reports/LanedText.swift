import DealRulesData
import Foundation

/// Writes the text of a long run of report items — outcomes, each of
/// whose details the evaluator works out first — in stretches, two at a
/// time where there are two processors: the first stretch on this thread,
/// the next on another, joined in order. Each stretch is made by
/// `piece(range, lane)`, which must give the same text on either lane
/// (lanes differ only in whose evaluator they use; see `OutcomeDetails`),
/// so the text is the same however many lanes write it.
enum LanedText {
    /// Lanes a report is written on: two where there are two processors.
    static let lanes = Swift.min(OutcomeDetails.lanes, ProcessInfo.processInfo.activeProcessorCount)

    /// Items in one stretch: large enough that handing a stretch to another
    /// thread costs little beside making it, small enough to hold two.
    static let batch = 512

    /// Appends the pieces of items `0 ..< count` to `output` in order,
    /// handing `output` on to `chunks` after each pair of stretches.
    static func write(count: Int, into output: inout String, chunks: ReportChunks, lanes: Int = LanedText.lanes,
                      batch: Int = LanedText.batch, piece: @escaping @Sendable (Range<Int>, Int) -> String) {
        let batch = Swift.max(1, batch)
        var start = 0
        while start < count {
            let first = start..<Swift.min(start + batch, count)
            let second = first.upperBound..<Swift.min(first.upperBound + batch, count)
            if lanes > 1, !second.isEmpty {
                let (firstText, secondText) = ParallelHalves.run(first: { piece(first, 0) }, second: { piece(second, 1) })
                output.append(firstText)
                output.append(secondText)
                start = second.upperBound
            } else {
                output.append(piece(first, 0))
                start = first.upperBound
            }
            chunks.drain(&output)
        }
    }
}
