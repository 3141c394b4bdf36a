import DealRulesModel
import Dispatch
import Foundation

/// Large JSON and NDJSON files are read in two halves at once, one per
/// core, and joined so that the result is exactly what reading in order
/// gives: the same deals, positions, subjects and diagnostics.
public enum ParallelHalves {
    static func worthwhile(_ bytes: [UInt8], limits: DataLimits) -> Bool {
        bytes.count >= max(2, limits.parallelReadThreshold) && ProcessInfo.processInfo.activeProcessorCount > 1
    }

    /// Runs `second` on another thread while `first` runs on this one.
    public static func run<First, Second: Sendable>(first: () -> First, second: @escaping @Sendable () -> Second) -> (First, Second) {
        let other = BackgroundResult(second)
        let firstResult = first()
        guard let secondResult = other.wait() else { return (firstResult, second()) }
        return (firstResult, secondResult)
    }

    /// What the readers of the two halves have learned of a file, carried
    /// from one piece of it to the next (`FilePieces`), and how to split
    /// the next piece.
    struct Memories: Sendable {
        var first: JSONReaderMemory?
        var second: JSONReaderMemory?
        /// The share of a piece's bytes to give the first half: half at
        /// first, then what would have evened out the halves' times on
        /// the piece before (`evenedShare`).
        var firstShare = 0.5

        /// Where to split `count` bytes by `firstShare`.
        func split(_ count: Int) -> Int {
            min(count, max(0, Int(Double(count) * firstShare)))
        }
    }

    /// Reads a piece with the readers' memories of the piece before, and
    /// keeps theirs for the next: whole (`whole`, given the first reader's
    /// memory) when `halves` is nil; else the first half, up to `split`, on
    /// this thread and the second on another — numbered from 1, without a
    /// deal limit, its item locations recorded — joined as reading in
    /// order would give.
    static func read(
        _ bytes: [UInt8], path: String, firstLine: Int, collector: DealCollector, memories: inout Memories,
        whole: (ReaderMemoryHandoff) -> FileLoad,
        halves: (split: Int, first: (ReaderMemoryHandoff) -> FileLoad, second: @Sendable (DealCollector, ReaderMemoryHandoff) -> FileLoad)?
    ) -> FileLoad {
        // The memories leave `memories` for the readers, so that each reader
        // holds its tables alone (`ReaderMemoryHandoff`).
        let firstMemory = ReaderMemoryHandoff(memories.first)
        memories.first = nil
        guard let halves else {
            var load = whole(firstMemory)
            memories.first = load.readerMemory
            load.readerMemory = nil
            return load
        }
        let secondMemory = ReaderMemoryHandoff(memories.second)
        memories.second = nil
        let readSecond = halves.second
        var ((firstLoad, firstTime), (secondLoad, secondTime)) = run(
            first: { timed { halves.first(firstMemory) } },
            second: {
                timed {
                    var unlimited = DealCollector(firstPosition: 1, maxDeals: Int.max)
                    unlimited.recordsItemLocations = true
                    return readSecond(unlimited, secondMemory)
                }
            }
        )
        memories = Memories(
            first: firstLoad.readerMemory, second: secondLoad.readerMemory,
            firstShare: evenedShare(
                memories.firstShare, first: (halves.split, firstTime), second: (bytes.count - halves.split, secondTime)
            )
        )
        firstLoad.readerMemory = nil
        secondLoad.readerMemory = nil
        if firstLoad.stopped { return firstLoad }
        join(secondLoad, after: &firstLoad, collector: collector, path: path, bytes: bytes, firstLine: firstLine)
        return firstLoad
    }

    /// The share of the next piece to give the first half, from how long
    /// each half of this one took (in nanoseconds) for its bytes. The two
    /// threads do not read equally fast — a neighbour may hold one core,
    /// and the other thread's allocations cost more — and the first half
    /// waited for the second by a tenth of the whole read. One piece's
    /// times are noisy, so the share moves halfway toward the even split
    /// and stays between 0.3 and 0.7; the result does not depend on it.
    static func evenedShare(_ share: Double, first: (bytes: Int, time: UInt64), second: (bytes: Int, time: UInt64)) -> Double {
        guard first.bytes > 0, second.bytes > 0, first.time > 0, second.time > 0 else { return share }
        let firstRate = Double(first.bytes) / Double(first.time)
        let secondRate = Double(second.bytes) / Double(second.time)
        let even = firstRate / (firstRate + secondRate)
        return min(0.7, max(0.3, (share + even) / 2))
    }

    /// `work`'s result and how long it took, in nanoseconds.
    private static func timed<Result>(_ work: () -> Result) -> (Result, UInt64) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = work()
        return (result, DispatchTime.now().uptimeNanoseconds &- start)
    }

    /// Line number and line start of `offset` (counting the newlines before
    /// it). When `bytes` start a file, a byte-order mark does not count as
    /// a column of the first line (the readers skip it).
    static func lineInfo(_ bytes: [UInt8], at offset: Int, startsFile: Bool = false) -> (line: Int, lineStart: Int) {
        var line = 1
        var lineStart = startsFile && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && offset >= 3 ? 3 : 0
        LineBreaks.forEach(in: bytes, before: offset) { next in
            line += 1
            lineStart = next
        }
        return (line, lineStart)
    }

    /// Puts the second half's deals after the first half's, in the first
    /// half's load. The second half was numbered from 1 without a deal
    /// limit; both are applied here. The first load is changed in place,
    /// so that its deals grow where they are (a copy would retain every one).
    static func join(
        _ second: FileLoad, after joined: inout FileLoad, collector: DealCollector, path: String, bytes: [UInt8], firstLine: Int = 1
    ) {
        let offset = joined.nextPosition - 1
        let room = max(0, collector.maxDeals - collector.earlierDeals - joined.deals.count)
        // Reading in order stops at the first item after the last deal that fits.
        let lastKept = room == 0 ? 0 : (room <= second.deals.count ? second.deals[room - 1].position : Int.max)
        let cutoffPosition = lastKept == Int.max ? Int.max : lastKept + 1
        let stopsEarly = cutoffPosition < second.nextPosition && cutoffPosition - 1 < second.itemLocations.count
        joined.deals.reserveCapacity(joined.deals.count + min(room, second.deals.count))
        for var deal in second.deals.prefix(room) {
            deal.position += offset
            // Only a `#N` subject depends on the position (an id that looks
            // like one is worked out again, which gives it back unchanged).
            if deal.subject.utf8.first == UInt8(ascii: "#") {
                deal = Deal(record: deal.record, position: deal.position, packedLocation: deal.packedLocation)
            }
            joined.deals.append(deal)
        }
        guard stopsEarly else {
            joined.diagnostics.append(contentsOf: second.diagnostics)
            joined.nextPosition = second.nextPosition + offset
            joined.stopped = second.stopped
            return
        }
        let cutoff = second.itemLocations[cutoffPosition - 1]
        if let limit = cutoff {
            joined.diagnostics.append(contentsOf: second.diagnostics.filter { diagnostic in
                guard let place = diagnostic.location else { return true }
                return (place.line, place.column) < (limit.line, limit.column)
            })
        }
        var sink = DataDiagnosticSink(path: path, bytes: bytes, firstLine: firstLine)
        collector.reportFull(&sink, at: cutoff)
        joined.diagnostics.append(contentsOf: sink.items)
        joined.nextPosition = cutoffPosition + offset
        joined.stopped = true
    }
}
