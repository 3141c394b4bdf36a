import DealRulesModel

/// What reading one data file gives.
struct FileLoad {
    var deals: [Deal]
    var diagnostics: [Diagnostic]
    var nextPosition: Int
    /// Where each item starts, when the collector recorded them.
    var itemLocations: [SourceLocation?] = []
    /// Reading stopped early (an error after which nothing can be read, or
    /// the deal limit).
    var stopped = false
    /// What the reader learned, for reading the next piece of the file.
    var readerMemory: JSONReaderMemory? = nil
}

extension FileLoad {
    /// What `body` reads of `bytes` with a JSON reader (handed `memory`, the
    /// tables of an earlier reader of the same file, taken as it starts): its deals, its
    /// diagnostics and what the reader learned. `body` answers whether
    /// reading stopped early. `firstLine` is the line number of the first
    /// line of `bytes`.
    static func readingJSON(
        _ bytes: [UInt8], path: String, limits: DataLimits, firstLine: Int, collector: DealCollector, memory: ReaderMemoryHandoff,
        _ body: (inout JSONReader, UnsafeBufferPointer<UInt8>, inout DealCollector) -> Bool
    ) -> FileLoad {
        var collector = collector
        var sink = DataDiagnosticSink(path: path, bytes: bytes, firstLine: firstLine)
        var stopped = false
        var learned: JSONReaderMemory? = nil
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer: buffer, limits: limits, sink: sink, memory: memory.take())
            stopped = body(&reader, buffer, &collector)
            sink = reader.sink
            learned = reader.memory
        }
        return FileLoad(
            deals: collector.deals, diagnostics: sink.items, nextPosition: collector.nextPosition,
            itemLocations: collector.itemLocations, stopped: stopped, readerMemory: learned
        )
    }
}

/// JSON deal data: an array of deals, or an object with a `deals` array.
enum JSONDealReader {
    static func read(_ bytes: [UInt8], path: String, limits: DataLimits, collector: DealCollector) -> FileLoad {
        if let halves = JSONHalvesReader.read(bytes, path: path, limits: limits, collector: collector) { return halves }
        var collector = collector
        var sink = DataDiagnosticSink(path: path, bytes: bytes)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer: buffer, limits: limits, sink: sink)
            readDocument(&reader, collector: &collector)
            sink = reader.sink
        }
        return FileLoad(deals: collector.deals, diagnostics: sink.items, nextPosition: collector.nextPosition)
    }

    private static func readDocument(_ reader: inout JSONReader, collector: inout DealCollector) {
        do throws(JSONStop) {
            if reader.end >= 3, reader.buffer[0] == 0xEF, reader.buffer[1] == 0xBB, reader.buffer[2] == 0xBF {
                reader.reposition(start: 3, stop: reader.end, line: 1)
            }
            reader.skipWhitespace()
            switch reader.current {
            case UInt8(ascii: "[")?:
                try readDeals(&reader, collector: &collector)
            case UInt8(ascii: "{")?:
                try readWrapper(&reader, collector: &collector)
            case nil:
                throw reader.fail("the data is empty; expected an array of deals", at: reader.index)
            default:
                let place = reader.location(at: reader.index)
                reader.sink.report(
                    .badShape, "JSON deal data must be an array of deals or an object with a `deals` array, not \(reader.describeCurrent())",
                    at: place
                )
                return
            }
            reader.skipWhitespace()
            if reader.index < reader.end {
                throw reader.fail("unexpected \(reader.describeCurrent()) after the end of the data", at: reader.index)
            }
        } catch {
            // Reported where it happened; the deals read so far are kept.
        }
    }

    /// `{"deals": [...], ...}`: other keys (metadata) are read and ignored.
    private static func readWrapper(_ reader: inout JSONReader, collector: inout DealCollector) throws(JSONStop) {
        let open = reader.index
        let openLocation = reader.location(at: open)
        reader.index += 1
        var found = false
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "}") {
            reader.index += 1
        } else {
            while true {
                reader.skipWhitespace()
                guard reader.current == UInt8(ascii: "\"") else {
                    throw reader.fail("expected a key in double quotes, found \(reader.describeCurrent())", at: reader.index)
                }
                let key = try reader.parseString()
                reader.skipWhitespace()
                guard reader.current == UInt8(ascii: ":") else {
                    throw reader.fail("expected `:` after the key `\(key)`, found \(reader.describeCurrent())", at: reader.index)
                }
                reader.index += 1
                reader.skipWhitespace()
                if NameFolding.normalizeKey(key) == "deals", !found {
                    found = true
                    if reader.current == UInt8(ascii: "[") {
                        try readDeals(&reader, collector: &collector)
                    } else {
                        let place = reader.location(at: reader.index)
                        _ = try reader.parseValue()
                        reader.sink.report(.badShape, "`\(key)` must be an array of deals", at: place)
                    }
                } else {
                    _ = try reader.parseValue()
                }
                reader.skipWhitespace()
                if try reader.closesOrContinues(UInt8(ascii: "}"), container: "object", element: "a value", open: open) { break }
            }
        }
        if !found {
            reader.sink.report(.badShape, "a JSON object of deal data needs a `deals` array", at: openLocation)
        }
    }

    /// `[deal, deal, ...]`; `index` is at the `[`.
    private static func readDeals(_ reader: inout JSONReader, collector: inout DealCollector) throws(JSONStop) {
        let open = reader.index
        reader.index += 1
        reader.depth = 1
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "]") {
            reader.index += 1
            return
        }
        while true {
            reader.skipWhitespace()
            try readDeal(&reader, collector: &collector)
            reader.skipWhitespace()
            if try reader.closesOrContinues(UInt8(ascii: "]"), container: "array of deals", element: "a deal", open: open) { return }
        }
    }

    /// One deal at `index`; a value that is not an object is reported and skipped.
    static func readDeal(_ reader: inout JSONReader, collector: inout DealCollector) throws(JSONStop) {
        let place = reader.location(at: reader.index)
        if collector.isFull {
            collector.reportFull(&reader.sink, at: place)
            throw JSONStop()
        }
        let position = collector.claimPosition(at: place)
        guard reader.current == UInt8(ascii: "{") else {
            let (value, _) = try reader.parseValue()
            reader.sink.report(.dealNotMapping, "a deal must be a mapping of fields, not \(DealCollector.describe(value))", at: place)
            return
        }
        let packed = reader.locations.pack(place)
        let record = Record(entries: try reader.parseEntries(), packedLocation: packed)
        collector.add(record, position: position, packedLocation: packed)
    }
}
