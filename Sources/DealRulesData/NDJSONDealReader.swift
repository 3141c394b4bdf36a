import DealRulesModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// NDJSON deal data: one deal object per line, read line by line. A
/// malformed line is reported with its line number and the rest still load.
enum NDJSONDealReader {
    static func read(_ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector) -> FileLoad {
        var memories = ParallelHalves.Memories()
        return read(bytes, path: path, limits: limits, collector: collector, firstLine: 1, memories: &memories)
    }

    /// `bytes` are whole lines; `firstLine` is the number of the first
    /// (a piece of a file read piece by piece starts further on).
    static func read(
        _ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector, firstLine: Int,
        memories: inout ParallelHalves.Memories
    ) -> FileLoad {
        var split = memories.split(bytes.count)
        while split < bytes.count, bytes[split] != 0x0A { split += 1 }
        // Lines are independent: the second half starts after a newline.
        let boundary = split + 1
        let inHalves = ParallelHalves.worthwhile(bytes, limits: limits) && boundary < bytes.count
        return ParallelHalves.read(
            bytes, path: path, firstLine: firstLine, collector: collector, memories: &memories,
            whole: { memory in
                read(bytes, from: 0, to: bytes.count, line: firstLine, firstLine: firstLine, path: path, limits: limits,
                     collector: collector, memory: memory)
            },
            halves: !inHalves ? nil : (
                split: boundary,
                first: { memory in
                    read(bytes, from: 0, to: boundary, line: firstLine, firstLine: firstLine, path: path, limits: limits,
                         collector: collector, memory: memory)
                },
                second: { unlimited, memory in
                    let line = ParallelHalves.lineInfo(bytes, at: boundary).line + firstLine - 1
                    return read(bytes, from: boundary, to: bytes.count, line: line, firstLine: firstLine, path: path, limits: limits,
                                collector: unlimited, memory: memory)
                }
            )
        )
    }

    /// The lines in `start..<stop`; `line` is the number of the first,
    /// `firstLine` that of the first line of `bytes`.
    private static func read(
        _ bytes: [UInt8], from start: Int, to stop: Int, line: Int, firstLine: Int, path: String, limits: DataLimits,
        collector: DealCollector, memory: ReaderMemoryHandoff
    ) -> FileLoad {
        FileLoad.readingJSON(bytes, path: path, limits: limits, firstLine: firstLine, collector: collector, memory: memory) {
            reader, buffer, collector in
            var lineStart = start
            var lineNumber = line
            if start == 0, line == 1, buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { lineStart = 3 }
            let end = min(stop, buffer.count)
            while lineStart < end {
                let lineEnd = memchr(buffer.baseAddress! + lineStart, 0x0A, end - lineStart)
                    .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - buffer.baseAddress! } ?? end
                if !readLine(&reader, start: lineStart, stop: lineEnd, line: lineNumber, collector: &collector) { return true }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
            return false
        }
    }

    /// Reads one line; false when loading must stop (the deal limit).
    private static func readLine(_ reader: inout JSONReader, start: Int, stop: Int, line: Int, collector: inout DealCollector) -> Bool {
        reader.reposition(start: start, stop: stop, line: line)
        reader.skipWhitespace()
        guard reader.index < reader.end else { return true } // blank line
        let before = collector.deals.count
        do throws(JSONStop) {
            try JSONDealReader.readDeal(&reader, collector: &collector)
            reader.skipWhitespace()
            if reader.index < reader.end {
                collector.dropLast(ifMoreThan: before)
                throw reader.fail("unexpected \(reader.describeCurrent()) after the deal (NDJSON has one deal per line)", at: reader.index)
            }
        } catch {
            return !collector.isFull
        }
        return true
    }
}
