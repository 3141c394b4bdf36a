@testable import DealRulesData
import DealRulesModel
import Dispatch
import Foundation
import Testing

/// The reading under every format's pieces: bytes read straight into new
/// storage (short reads resumed, the end noticed), the next piece's bytes
/// read ahead on another thread, and the pieces' loads put together in
/// order while the next piece is read.
@Suite("File pieces")
struct FilePiecesTests {
    /// `count` bytes that differ from their neighbours, so that a byte
    /// read twice, dropped or misplaced shows.
    static func pattern(_ count: Int, seed: Int = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &+ seed) &* 31 &+ ($0 >> 8)) }
    }

    /// A pipe whose writer sends `bytes` in small writes from another
    /// thread, so that reads come back short.
    static func pipeSending(_ bytes: [UInt8], chunk: Int) -> Int32 {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return -1 }
        let writer = ends[1]
        DispatchQueue.global().async {
            var offset = 0
            while offset < bytes.count {
                let count = min(chunk, bytes.count - offset)
                let written = bytes[offset..<offset + count].withUnsafeBytes { write(writer, $0.baseAddress, count) }
                if written <= 0 { break }
                offset += written
            }
            close(writer)
        }
        return ends[0]
    }

    @Test(arguments: [1, 7, 4_096])
    func shortReadsAreResumedUntilTheTarget(chunk: Int) {
        let sent = FilePiecesTests.pattern(50_000)
        let descriptor = FilePiecesTests.pipeSending(sent, chunk: chunk)
        defer { close(descriptor) }
        #expect(descriptor >= 0)
        // A short start copied in front, then a long one grown in place.
        var bytes: [UInt8] = [9, 8, 7]
        let first = FilePieces.readMore(descriptor, onto: &bytes, upTo: 20_003)
        #expect(first.got == 20_000 && !first.atEnd && first.failure == nil)
        #expect(bytes == [9, 8, 7] + sent[..<20_000])
        let second = FilePieces.readMore(descriptor, onto: &bytes, upTo: 30_003)
        #expect(second.got == 10_000 && !second.atEnd)
        #expect(bytes == [9, 8, 7] + sent[..<30_000])
        // Past the end: what is left, and the end noticed.
        let last = FilePieces.readMore(descriptor, onto: &bytes, upTo: 90_000)
        #expect(last.got == 20_000 && last.atEnd && last.failure == nil)
        #expect(bytes == [9, 8, 7] + sent)
        // Nothing wanted: nothing read.
        let none = FilePieces.readMore(descriptor, onto: &bytes, upTo: 10)
        #expect(none.got == 0 && !none.atEnd && bytes.count == 50_003)
    }

    @Test func aFailedReadIsReportedWithItsError() {
        var bytes: [UInt8] = [1]
        let outcome = FilePieces.readMore(-1, onto: &bytes, upTo: 100)
        #expect(outcome.failure == EBADF && outcome.atEnd && outcome.got == 0)
        #expect(bytes == [1])
    }

    /// Many pieces, each read ahead while the one before is read, and each
    /// put into the load on another thread: the load is the whole text's
    /// in every respect, repeated subjects included, for every format
    /// that reads in pieces.
    @Test(arguments: [DataFormat.ndjson, .json, .csv, .yaml])
    func piecesReadAheadGiveTheWholeTextsLoad(format: DataFormat) throws {
        let count = 400
        let text: String
        switch format {
        case .ndjson:
            text = (0..<count).map { "{\"id\": \"d\($0 % 97)\", \"capacity\": {\"value\": \($0), \"unit\": \"MW\"}}" }
                .joined(separator: "\n") + "\n"
        case .json:
            text = "[\n" + (0..<count).map { "{\"id\": \"d\($0 % 97)\", \"capacity\": \($0)}" }.joined(separator: ",\n") + "\n]\n"
        case .csv:
            text = "id,capacity\n" + (0..<count).map { "d\($0 % 97),\($0)" }.joined(separator: "\n") + "\n"
        case .yaml:
            text = (0..<count).map { "- id: d\($0 % 97)\n  capacity: \($0)" }.joined(separator: "\n") + "\n"
        }
        let name = "deals.\(format.rawValue)"
        let comparison = PiecesComparison(format: format, name: name)
        // Small pieces (CSV's are an eighth, YAML's a 64th of the size).
        let limits = DataLimits(parallelReadThreshold: 2, pieceSize: 4_096)
        let whole = comparison.whole(text, limits: limits)
        let pieces = try comparison.pieces(text, limits: limits)
        #expect(whole.count > count)
        #expect(whole.filter { $0.hasPrefix("E440") }.count == count - 97, "every repeat of a subject is reported")
        #expect(pieces == whole)
    }

    @Test func theSplitMovesHalfwayTowardEvenTimes() {
        #expect(ParallelHalves.evenedShare(0.5, first: (100, 10), second: (100, 10)) == 0.5)
        // The first half read twice as fast: even is two thirds.
        let faster = ParallelHalves.evenedShare(0.5, first: (100, 10), second: (100, 20))
        #expect(abs(faster - (0.5 + 2.0 / 3.0) / 2) < 1e-9)
        let larger = ParallelHalves.evenedShare(0.4, first: (300, 30), second: (100, 10))
        #expect(abs(larger - 0.45) < 1e-9)
        // Never past the bounds, however lopsided one piece's times.
        #expect(ParallelHalves.evenedShare(0.7, first: (100, 1), second: (100, 1_000)) == 0.7)
        #expect(ParallelHalves.evenedShare(0.3, first: (100, 1_000), second: (100, 1)) == 0.3)
        // Nothing measured: unchanged.
        #expect(ParallelHalves.evenedShare(0.4, first: (0, 10), second: (100, 10)) == 0.4)
        #expect(ParallelHalves.evenedShare(0.4, first: (100, 0), second: (100, 10)) == 0.4)
        #expect(ParallelHalves.Memories(firstShare: 0.3).split(1_000) == 300)
        #expect(ParallelHalves.Memories(firstShare: 0.7).split(0) == 0)
    }

    /// Wherever a piece is split between the threads, its load is what
    /// reading it in order gives.
    @Test(arguments: [0.3, 0.45, 0.5, 0.62, 0.7])
    func everySplitReadsAsInOrder(share: Double) {
        let lines = ParallelReadTests.deals(count: 300)
        let ndjson = Array((lines.joined(separator: "\n") + "\n").utf8)
        let array = Array(("[\n" + lines.joined(separator: ",\n") + "\n]\n").utf8)
        func summary(_ load: FileLoad) -> [String] {
            ParallelReadTests.summary(LoadedData(deals: load.deals, diagnostics: load.diagnostics))
        }
        func ndjsonLoad(_ limits: DataLimits, share: Double) -> FileLoad {
            var memories = ParallelHalves.Memories(firstShare: share)
            let load = NDJSONDealReader.read(
                ndjson, path: "deals.ndjson", limits: limits, collector: DealCollector(firstPosition: 1, maxDeals: 1_000_000),
                firstLine: 1, memories: &memories
            )
            #expect((memories.second != nil) == (limits.parallelReadThreshold == 2), "read in halves only when asked")
            return load
        }
        let inOrder = ndjsonLoad(ParallelReadTests.inOrder, share: 0.5)
        #expect(inOrder.deals.count > 200)
        #expect(summary(ndjsonLoad(ParallelReadTests.inHalves, share: share)) == summary(inOrder))

        var scan = JSONArrayScan()
        scan.advance(array)
        let range = JSONArrayPieces.Range(bytes: array, firstLine: 1, path: "deals.json", limits: ParallelReadTests.inHalves, stopComma: nil)
        func arrayLoad(halves: Bool, share: Double) -> FileLoad {
            var memories = ParallelHalves.Memories(firstShare: share)
            let load = range.readInHalves(
                boundaries: halves ? scan.boundaries : [], opening: .here(scan.open ?? 0),
                collector: DealCollector(firstPosition: 1, maxDeals: 1_000_000), memories: &memories
            )
            #expect((memories.second != nil) == halves, "read in halves only when asked")
            return load
        }
        let arrayInOrder = arrayLoad(halves: false, share: 0.5)
        #expect(arrayInOrder.deals.count > 200)
        #expect(summary(arrayLoad(halves: true, share: share)) == summary(arrayInOrder))
    }
}
