import DealRulesModel

/// A large JSON array of deals read in two halves at once. The split is a
/// guess — a `}, {` after the middle, preferably one with a line break in
/// it — that reading the first half confirms: if that half ends exactly at
/// the guessed comma, the second half (read meanwhile from the `{`) is
/// joined on; if the guess was inside a deal, the first half simply reads
/// on to the end, which is the same as reading in order.
enum JSONHalvesReader {
    private enum FirstHalf {
        /// Read in order to the end, or stopped before the guess (an error
        /// or the deal limit): this is the result.
        case finished(FileLoad)
        /// The first half ended at the guessed comma.
        case reachedSplit(FileLoad)
    }

    /// Nil when the input does not suit.
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
        case .reachedSplit(var load):
            ParallelHalves.join(second, after: &load, collector: collector, path: path, bytes: bytes)
            return load
        }
    }

    /// A `}` `,` `{` (whitespace allowed) after `middle`, within 1 MiB: the
    /// first with a line break between `}` and `{` (deals written one per
    /// line), else the first.
    private static func splitGuess(_ bytes: [UInt8], after middle: Int) -> (comma: Int, next: Int)? {
        var index = middle
        let limit = min(bytes.count, middle + (1 << 20))
        var firstFound: (comma: Int, next: Int)? = nil
        while index < limit {
            if bytes[index] == UInt8(ascii: "}") {
                var probe = index + 1
                var lineBreak = false
                while probe < bytes.count, isSpace(bytes[probe]) {
                    lineBreak = lineBreak || bytes[probe] == 0x0A
                    probe += 1
                }
                if probe < bytes.count, bytes[probe] == UInt8(ascii: ",") {
                    let comma = probe
                    probe += 1
                    while probe < bytes.count, isSpace(bytes[probe]) {
                        lineBreak = lineBreak || bytes[probe] == 0x0A
                        probe += 1
                    }
                    if probe < bytes.count, bytes[probe] == UInt8(ascii: "{") {
                        if lineBreak { return (comma, probe) }
                        if firstFound == nil { firstFound = (comma, probe) }
                    }
                }
            }
            index += 1
        }
        return firstFound
    }

    /// Reads the array in order, as `JSONDealReader` does, but stops at the
    /// guessed comma if a deal ends there.
    private static func readFirstHalf(
        _ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector, open: Int, comma: Int
    ) -> FirstHalf {
        var collector = collector
        var atSplit = false
        var diagnostics: [Diagnostic] = []
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer: buffer, limits: limits, sink: DataDiagnosticSink(path: path, bytes: bytes))
            let place = ParallelHalves.lineInfo(bytes, at: open, startsFile: true)
            reader.reposition(start: open + 1, stop: buffer.count, line: place.line, lineStart: place.lineStart)
            do throws(JSONStop) {
                reader.skipWhitespace()
                if reader.current == UInt8(ascii: "]") {
                    reader.index += 1
                } else {
                    var passed = false
                    while true {
                        reader.skipWhitespace()
                        try JSONDealReader.readDeal(&reader, collector: &collector)
                        reader.skipWhitespace()
                        if !passed, reader.index >= comma {
                            if reader.index == comma {
                                atSplit = true
                                break
                            }
                            passed = true // the guess was inside a deal: read on in order
                        }
                        if try reader.closesOrContinues(UInt8(ascii: "]"), container: "array of deals", element: "a deal", open: open) { break }
                    }
                }
                if !atSplit {
                    reader.skipWhitespace()
                    if reader.index < reader.end {
                        throw reader.fail("unexpected \(reader.describeCurrent()) after the end of the data", at: reader.index)
                    }
                }
            } catch {
                // Reported where it happened; the deals read so far are kept.
            }
            diagnostics = reader.sink.items
        }
        let load = FileLoad(deals: collector.deals, diagnostics: diagnostics, nextPosition: collector.nextPosition, stopped: !atSplit)
        return atSplit ? .reachedSplit(load) : .finished(load)
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
                    if try reader.closesOrContinues(UInt8(ascii: "]"), container: "array of deals", element: "a deal", open: open) { break }
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
