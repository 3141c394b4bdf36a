import DealRulesModel

/// NDJSON deal data: one deal object per line, read line by line. A
/// malformed line is reported with its line number and the rest still load.
enum NDJSONDealReader {
    static func read(_ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector) -> FileLoad {
        var collector = collector
        var sink = DataDiagnosticSink(path: path, bytes: bytes)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer: buffer, limits: limits, sink: sink)
            var lineStart = 0
            var lineNumber = 1
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { lineStart = 3 }
            while lineStart < buffer.count {
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != 0x0A { lineEnd += 1 }
                if !readLine(&reader, start: lineStart, stop: lineEnd, line: lineNumber, collector: &collector) { break }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
            sink = reader.sink
        }
        return FileLoad(deals: collector.deals, diagnostics: sink.items, nextPosition: collector.nextPosition)
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
