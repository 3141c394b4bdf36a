import DealRulesModel

/// CSV deal data read a piece of whole rows at a time (`FilePieces`), the
/// header and the tables of shared keys and cells handed on from piece to
/// piece (`CSVReaderMemory`): a CSV file is small beside its deals, so
/// holding its text whole was a large part of a load's peak memory.
///
/// Only clean data is read this way. Nil — read the file whole — when a
/// piece has any diagnostic or stops (a broken quote, the deal limit), or
/// when the file cannot be read to its end: a whole read then reports
/// exactly what it always has. Pieces are `DataLimits.csvPieceSize`.
enum CSVPieces {
    static func read(_ file: inout FilePieces, collector: DealCollector, subjects: inout SubjectRegister) -> FileLoad? {
        var scan = CSVRowScan()
        var memory = CSVReaderMemory()
        return file.readCleanly(
            collector: collector, subjects: &subjects,
            cut: { bytes in
                scan.advance(bytes)
                guard let end = scan.lastRowEnd else { return .readOn }
                scan.endPiece(at: end)
                return .at(end)
            },
            readPiece: { piece in
                var load = CSVDealReader.read(
                    piece.bytes, path: piece.name, limits: piece.limits, collector: piece.collector, firstLine: piece.firstLine,
                    atFileStart: piece.isFirst, memory: &memory
                )
                // A CSV deal's record is several times its row: kept in a
                // pack, it is about a third of that (`DealPack`).
                if piece.limits.packsDeals { DealPack.pack(&load.deals) }
                // The whole file in one piece is a whole read.
                if piece.isFirst, piece.isLast { return load }
                return load.diagnostics.isEmpty && !load.stopped ? load : nil
            }
        )
    }
}

/// Finds where rows end, as `CSVScanner` reads them, in text that arrives
/// a piece at a time: a line break ends a row unless it is inside quotes,
/// and only a quote that opens a cell quotes (`5" screen` is plain text).
/// The scan picks up where it stopped, so no byte is looked at twice.
struct CSVRowScan {
    private enum State {
        case cellStart, unquoted, quoted
        /// Just after a closing quote: a comma goes on to the next cell;
        /// anything else ends the row at the next line break (a line break,
        /// CRLF, or text the scanner reports and skips to the line's end).
        case afterQuote
        /// Skipping to the line's end.
        case restOfLine
    }

    private var state = State.cellStart
    /// The next byte to look at, in the current piece's bytes.
    private var offset = 0
    private var atFileStart = true
    /// Just after the line break of the last whole row seen in this piece.
    private(set) var lastRowEnd: Int? = nil

    /// Scans `bytes` (the piece so far: what an earlier call saw, and more)
    /// from where the last call stopped.
    mutating func advance(_ bytes: [UInt8]) {
        if atFileStart {
            // A byte order mark is not text; wait until it can be told apart.
            let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
            if bytes.count < 3, bytes.elementsEqual(mark.prefix(bytes.count)) { return }
            if CSVScanner.startsWithByteOrderMark(bytes) { offset = 3 }
            atFileStart = false
        }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline: UInt8 = 0x0A
        let count = bytes.count
        var index = offset
        while index < count {
            let byte = bytes[index]
            if byte == newline, state != .quoted {
                // Outside quotes a line break ends the row, whatever came before.
                state = .cellStart
                lastRowEnd = index + 1
                index += 1
                continue
            }
            switch state {
            case .cellStart:
                if byte == quote {
                    state = .quoted
                } else if byte != comma {
                    state = .unquoted
                }
            case .unquoted:
                if byte == comma { state = .cellStart }
            case .quoted:
                if byte == quote {
                    // A doubled quote stays inside; wait for the byte after
                    // a quote that ends the piece so far.
                    guard index + 1 < count else {
                        offset = index
                        return
                    }
                    if bytes[index + 1] == quote {
                        index += 1
                    } else {
                        state = .afterQuote
                    }
                }
            case .afterQuote:
                state = byte == comma ? .cellStart : .restOfLine
            case .restOfLine:
                break
            }
            index += 1
        }
        offset = count
    }

    /// The piece ends at `end`, a row end; the next piece starts with the
    /// bytes after it, already scanned.
    mutating func endPiece(at end: Int) {
        offset -= end
        lastRowEnd = nil
    }
}
