import DealRulesModel

/// A large JSON array of deals read in two halves at once. The split is a
/// guess — the first `}, {` after the middle — that reading the first half
/// confirms: if that half ends exactly at the guessed comma, the second
/// half (read meanwhile from the `{`) is joined on; if the guess was inside
/// a string, the caller reads the whole file in order instead.
enum JSONHalvesReader {
    private enum FirstHalf {
        /// Reading stopped before the guess (an error or the deal limit): this is the result.
        case finished(FileLoad)
        /// The first half ended at the guessed comma.
        case reachedSplit(FileLoad)
        /// The guess was not a boundary between deals.
        case wrongGuess
    }

    /// Nil when the input does not suit or the guess was wrong.
    static func read(_ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector) -> FileLoad? {
        guard ParallelHalves.worthwhile(bytes, limits: limits) else { return nil }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        let open = start
        guard open < bytes.count, bytes[open] == UInt8(ascii: "["),
              let (comma, next) = splitGuess(bytes, after: bytes.count / 2) else { return nil }
        let (first, second) = ParallelHalves.run(
            first: { readFirstHalf(bytes, path: path, limits: limits, collector: collector, open: open, comma: comma) },
            second: { readSecondHalf(bytes, path: path, limits: limits, open: open, from: next) }
        )
        switch first {
        case .finished(let load): return load
        case .reachedSplit(let load): return ParallelHalves.join(load, second, collector: collector, path: path, bytes: bytes)
        case .wrongGuess: return nil
        }
    }

    /// The first `}` `,` `{` (whitespace allowed) after `middle`, within 1 MiB.
    private static func splitGuess(_ bytes: [UInt8], after middle: Int) -> (comma: Int, next: Int)? {
        var index = middle
        let limit = min(bytes.count, middle + (1 << 20))
        while index < limit {
            if bytes[index] == UInt8(ascii: "}") {
                var probe = index + 1
                while probe < bytes.count, isSpace(bytes[probe]) { probe += 1 }
                if probe < bytes.count, bytes[probe] == UInt8(ascii: ",") {
                    let comma = probe
                    probe += 1
                    while probe < bytes.count, isSpace(bytes[probe]) { probe += 1 }
                    if probe < bytes.count, bytes[probe] == UInt8(ascii: "{") { return (comma, probe) }
                }
            }
            index += 1
        }
        return nil
    }

    private static func readFirstHalf(
        _ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector, open: Int, comma: Int
    ) -> FirstHalf {
        var collector = collector
        var sink = DataDiagnosticSink(path: path, bytes: bytes)
        var outcome = FirstHalf.wrongGuess
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer: buffer, limits: limits, sink: sink)
            let place = ParallelHalves.lineInfo(bytes, at: open)
            reader.reposition(start: open + 1, stop: buffer.count, line: place.line, lineStart: place.lineStart)
            var reached = false
            do throws(JSONStop) {
                while true {
                    reader.skipWhitespace()
                    try JSONDealReader.readDeal(&reader, collector: &collector)
                    reader.skipWhitespace()
                    if reader.index >= comma {
                        reached = reader.index == comma
                        break
                    }
                    guard let byte = reader.current else { throw reader.fail("the array of deals opened here is not closed", at: open) }
                    reader.index += 1
                    // The array ended before the guess: the guess was not inside it.
                    if byte == UInt8(ascii: "]") { break }
                    guard byte == UInt8(ascii: ",") else {
                        reader.index -= 1
                        throw reader.fail("expected `,` or `]` after a deal, found \(reader.describeCurrent())", at: reader.index)
                    }
                }
            } catch {
                // Before the guess, reading in order would have stopped here too.
                if reader.index < comma {
                    let load = FileLoad(deals: collector.deals, diagnostics: reader.sink.items, nextPosition: collector.nextPosition, stopped: true)
                    outcome = .finished(load)
                }
                return
            }
            sink = reader.sink
            if reached {
                outcome = .reachedSplit(FileLoad(deals: collector.deals, diagnostics: sink.items, nextPosition: collector.nextPosition))
            }
        }
        return outcome
    }

    /// The deals from `start` (a `{`) to the end of the array, numbered from 1.
    private static func readSecondHalf(_ bytes: [UInt8], path: String, limits: DataLimits, open: Int, from start: Int) -> FileLoad {
        var collector = DealCollector(firstPosition: 1, maxDeals: Int.max)
        collector.recordsItemLocations = true
        var sink = DataDiagnosticSink(path: path, bytes: bytes)
        var stopped = false
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer: buffer, limits: limits, sink: sink)
            let place = ParallelHalves.lineInfo(bytes, at: start)
            reader.reposition(start: start, stop: buffer.count, line: place.line, lineStart: place.lineStart)
            do throws(JSONStop) {
                while true {
                    reader.skipWhitespace()
                    try JSONDealReader.readDeal(&reader, collector: &collector)
                    reader.skipWhitespace()
                    guard let byte = reader.current else { throw reader.fail("the array of deals opened here is not closed", at: open) }
                    reader.index += 1
                    if byte == UInt8(ascii: "]") { break }
                    guard byte == UInt8(ascii: ",") else {
                        reader.index -= 1
                        throw reader.fail("expected `,` or `]` after a deal, found \(reader.describeCurrent())", at: reader.index)
                    }
                }
                reader.skipWhitespace()
                if reader.index < reader.end {
                    throw reader.fail("unexpected \(reader.describeCurrent()) after the end of the data", at: reader.index)
                }
            } catch {
                stopped = true
            }
            sink = reader.sink
        }
        return FileLoad(
            deals: collector.deals, diagnostics: sink.items, nextPosition: collector.nextPosition,
            itemLocations: collector.itemLocations, stopped: stopped
        )
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
