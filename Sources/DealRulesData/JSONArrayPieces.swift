import DealRulesModel

/// A JSON array of deals read a piece at a time (`FilePieces`), each piece
/// ending after a comma between deals and the line break after it
/// (`JSONArrayScan`); each piece's deals are read as the whole array's
/// would be (in two halves at once when large enough), with the readers'
/// tables of shared keys and values handed on. A file that is not an
/// array, or whose deals are not on lines of their own, is one piece: it
/// is read whole, as before.
enum JSONArrayPieces {
    static func read(_ file: inout FilePieces, collector: DealCollector, subjects: inout SubjectRegister) -> FileLoad {
        var scan = JSONArrayScan()
        var boundaries: [JSONArrayScan.Boundary] = []
        var memories = ParallelHalves.Memories()
        var opening = Opening.here(0)
        return file.read(
            collector: collector, subjects: &subjects,
            cut: { bytes in
                scan.advance(bytes)
                if scan.notAnArray { return .wholeFile }
                guard let last = scan.boundaries.last else { return .readOn }
                boundaries = scan.endPiece(at: last.next)
                return .at(last.next)
            },
            readPiece: { piece in
                if piece.isFirst, piece.isLast {
                    return JSONDealReader.read(piece.bytes, path: piece.name, limits: piece.limits, collector: piece.collector)
                }
                if piece.isLast {
                    scan.advance(piece.bytes)
                    boundaries = scan.boundaries
                }
                let range = Range(
                    bytes: piece.bytes, firstLine: piece.firstLine, path: piece.name, limits: piece.limits,
                    stopComma: piece.isLast ? nil : boundaries.last?.comma
                )
                if piece.isFirst { opening = .here(scan.open ?? 0) }
                let load = range.readInHalves(boundaries: boundaries, opening: opening, collector: piece.collector, memories: &memories)
                // Later pieces do not hold the `[`: its error is made now.
                if case .here(let open) = opening { opening = .elsewhere(Opening.notClosed(piece.bytes, open: open, path: piece.name)) }
                return load
            }
        )
    }

    /// Where the array's `[` is, for the error when it is never closed.
    enum Opening {
        /// At this offset of the piece being read.
        case here(Int)
        /// In an earlier piece: the error is made in advance.
        case elsewhere(Diagnostic)

        /// The `[`'s offset in the piece being read, if it is there.
        var offset: Int? {
            if case .here(let offset) = self { return offset }
            return nil
        }

        /// The error an unclosed array gets, as reading the whole text makes it.
        static func notClosed(_ bytes: [UInt8], open: Int, path: String) -> Diagnostic {
            var sink = DataDiagnosticSink(path: path, bytes: bytes)
            sink.report(.jsonSyntax, "the array of deals opened here is not closed", at: sink.location(ofOffset: open))
            return sink.items[0]
        }
    }

    /// The deals of one piece.
    struct Range {
        let bytes: [UInt8]
        let firstLine: Int
        let path: String
        let limits: DataLimits
        /// The comma the piece ends at; nil for the file's last piece.
        let stopComma: Int?

        /// Reads the piece, in two halves at once when it is large enough
        /// and has a boundary past its middle.
        func readInHalves(
            boundaries: [JSONArrayScan.Boundary], opening: Opening, collector: DealCollector, memories: inout ParallelHalves.Memories
        ) -> FileLoad {
            let start = opening.offset.map { $0 + 1 } ?? 0
            let split = memories.split(bytes.count)
            let middle = ParallelHalves.worthwhile(bytes, limits: limits)
                ? boundaries.first { $0.next >= split && $0.next > start && $0.comma != stopComma } : nil
            return ParallelHalves.read(
                bytes, path: path, firstLine: firstLine, collector: collector, memories: &memories,
                whole: { memory in read(from: start, toComma: stopComma, opening: opening, collector: collector, memory: memory) },
                halves: middle.map { middle in (
                    split: middle.next,
                    first: { memory in read(from: start, toComma: middle.comma, opening: opening, collector: collector, memory: memory) },
                    second: { unlimited, memory in
                        read(from: middle.next, toComma: stopComma, opening: opening, collector: unlimited, memory: memory)
                    }
                ) }
            )
        }

        /// The deals from `start` (just after the `[`, or at a line start)
        /// up to the comma `stop`, or to the end of the array and the text.
        /// The load is `stopped` unless it reached `stop` or the end cleanly.
        func read(
            from start: Int, toComma stop: Int?, opening: Opening, collector: DealCollector, memory: ReaderMemoryHandoff
        ) -> FileLoad {
            FileLoad.readingJSON(bytes, path: path, limits: limits, firstLine: firstLine, collector: collector, memory: memory) {
                reader, buffer, collector in
                let place = ParallelHalves.lineInfo(bytes, at: start, startsFile: firstLine == 1)
                reader.reposition(start: start, stop: buffer.count, line: place.line + firstLine - 1, lineStart: place.lineStart)
                do throws(JSONStop) {
                    try readDeals(&reader, toComma: stop, opening: opening, collector: &collector)
                    return false
                } catch {
                    return true // reported where it happened; the deals read so far are kept
                }
            }
        }

        private func readDeals(
            _ reader: inout JSONReader, toComma stop: Int?, opening: Opening, collector: inout DealCollector
        ) throws(JSONStop) {
            reader.skipWhitespace()
            if let open = opening.offset, reader.index == open + 1, reader.current == UInt8(ascii: "]") {
                reader.index += 1
            } else {
                while true {
                    reader.skipWhitespace()
                    try JSONDealReader.readDeal(&reader, collector: &collector)
                    reader.skipWhitespace()
                    if let stop, reader.index == stop { return }
                    if case .elsewhere(let notClosed) = opening, reader.current == nil {
                        reader.sink.add(notClosed)
                        throw JSONStop()
                    }
                    // `open` is used only for that error, made above when the `[` is elsewhere.
                    let closer = UInt8(ascii: "]")
                    if try reader.closesOrContinues(closer, container: "array of deals", element: "a deal", open: opening.offset ?? 0) { break }
                }
            }
            reader.skipWhitespace()
            if reader.index < reader.end {
                throw reader.fail("unexpected \(reader.describeCurrent()) after the end of the data", at: reader.index)
            }
        }
    }
}
