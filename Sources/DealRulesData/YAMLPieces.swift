/// YAML deal data read a piece at a time (`FilePieces`), each piece a run
/// of whole deals of the top-level list (`YAMLItemScan`) parsed on its
/// own: the parsed form of a YAML file is many times its size, so parsing
/// the whole file at once was most of the peak memory of a check.
///
/// Only clean data is read this way. Nil — read the file whole — when the
/// file is not a plain list of deals (or `deals:` mapping), when a piece
/// has any diagnostic or stops (the deal limit), or when the file cannot
/// be read to its end: a whole read then reports exactly what it always
/// has. Such a file is found out as soon as its scan gives up, without
/// reading the rest in pieces. Pieces are `DataLimits.yamlPieceSize`.
enum YAMLPieces {
    static func read(_ file: inout FilePieces, collector: DealCollector, subjects: inout SubjectRegister) -> FileLoad? {
        var scan = YAMLItemScan()
        var piecesRead = 0
        var memory: YAMLReaderMemory? = nil
        return file.readCleanly(
            collector: collector, subjects: &subjects,
            cut: { bytes in
                scan.advance(bytes)
                // Before any piece, the whole file is one piece, read as usual.
                if scan.unsuitable { return piecesRead == 0 ? .wholeFile : .abandon }
                guard let last = scan.itemStarts.last else { return .readOn }
                scan.endPiece(at: last)
                return .at(last)
            },
            readPiece: { piece in
                piecesRead += 1
                if piece.isFirst, piece.isLast {
                    return YAMLDealReader.read(piece.bytes, path: piece.name, limits: piece.limits, collector: piece.collector)
                }
                if piece.isLast { scan.advance(piece.bytes + [0x0A]) }
                guard !scan.unsuitable else { return nil }
                return YAMLDealReader.readPiece(
                    piece.bytes, firstLine: piece.firstLine, path: piece.name, limits: piece.limits,
                    collector: piece.collector, memory: &memory
                )
            }
        )
    }
}
