/// An NDJSON file read a piece of whole lines at a time (`FilePieces`):
/// each piece is read as `NDJSONDealReader` reads a file (on two threads
/// when large enough), with the readers' tables of shared keys and values
/// handed on from piece to piece.
enum NDJSONPieces {
    static func read(_ file: inout FilePieces, collector: DealCollector, subjects: inout SubjectRegister) -> FileLoad {
        var memories = ParallelHalves.Memories()
        return file.read(
            collector: collector, subjects: &subjects,
            cut: { bytes in bytes.lastIndex(of: 0x0A).map { .at($0 + 1) } ?? .readOn },
            readPiece: { piece in
                NDJSONDealReader.read(
                    piece.bytes, path: piece.name, limits: piece.limits, collector: piece.collector, firstLine: piece.firstLine,
                    memories: &memories
                )
            }
        )
    }
}
