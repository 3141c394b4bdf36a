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
    /// from one piece of it to the next (`FilePieces`).
    struct Memories: Sendable {
        var first: JSONReaderMemory?
        var second: JSONReaderMemory?
    }

    /// Reads a piece with the readers' memories of the piece before, and
    /// keeps theirs for the next: whole (`whole`, given the first reader's
    /// memory) when `halves` is nil; else the first half on this thread and
    /// the second on another — numbered from 1, without a deal limit, its
    /// item locations recorded — joined as reading in order would give.
    static func read(
        _ bytes: [UInt8], path: String, firstLine: Int, collector: DealCollector, memories: inout Memories,
        whole: (JSONReaderMemory?) -> FileLoad,
        halves: (first: (JSONReaderMemory?) -> FileLoad, second: @Sendable (DealCollector, JSONReaderMemory?) -> FileLoad)?
    ) -> FileLoad {
        guard let halves else {
            var load = whole(memories.first)
            memories.first = load.readerMemory
            load.readerMemory = nil
            return load
        }
        let firstMemory = memories.first
        let secondMemory = memories.second
        let readSecond = halves.second
        var (first, second) = run(
            first: { halves.first(firstMemory) },
            second: {
                var unlimited = DealCollector(firstPosition: 1, maxDeals: Int.max)
                unlimited.recordsItemLocations = true
                return readSecond(unlimited, secondMemory)
            }
        )
        memories = Memories(first: first.readerMemory, second: second.readerMemory)
        first.readerMemory = nil
        second.readerMemory = nil
        if first.stopped { return first }
        return join(first, second, collector: collector, path: path, bytes: bytes, firstLine: firstLine)
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

    /// The second half's deals after the first half's. The second half was
    /// numbered from 1 without a deal limit; both are applied here.
    static func join(
        _ first: FileLoad, _ second: FileLoad, collector: DealCollector, path: String, bytes: [UInt8], firstLine: Int = 1
    ) -> FileLoad {
        var joined = first
        let offset = first.nextPosition - 1
        let room = max(0, collector.maxDeals - collector.earlierDeals - first.deals.count)
        // Reading in order stops at the first item after the last deal that fits.
        let lastKept = room == 0 ? 0 : (room <= second.deals.count ? second.deals[room - 1].position : Int.max)
        let cutoffPosition = lastKept == Int.max ? Int.max : lastKept + 1
        let stopsEarly = cutoffPosition < second.nextPosition && cutoffPosition - 1 < second.itemLocations.count
        joined.deals.reserveCapacity(first.deals.count + min(room, second.deals.count))
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
            return joined
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
        return joined
    }
}
