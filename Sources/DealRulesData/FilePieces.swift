import DealRulesModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a large data file a piece at a time (`DataLimits.pieceSize`), so
/// that its text is never held whole beside the deals read from it: it
/// would otherwise be most of the peak memory of a load. Where a piece may
/// end is the format's business (`cut`); a piece is read as a whole file of
/// that format is, with its lines numbered on from the piece before, and
/// the result is what reading the whole file gives — the same deals,
/// positions, subjects and diagnostics, in order.
struct FilePieces {
    let descriptor: Int32
    /// The file's size when opened, to size the list of deals.
    let size: Int
    let name: String
    let limits: DataLimits
    /// `errno` of a failed read; the deals before it are kept.
    private(set) var failure: Int32? = nil
    /// The file grew past `DataLimits.maxFileSize` while being read; no
    /// deal of it is kept, as when it is too large to start with.
    private(set) var tooLarge = false
    /// The format gave up on reading in pieces (`PieceEnd.abandon`); the
    /// result is then incomplete, and the file is to be read whole.
    private(set) var abandoned = false
    private var total = 0
    private var atEnd = false

    init(descriptor: Int32, size: Int, name: String, limits: DataLimits) {
        self.descriptor = descriptor
        self.size = size
        self.name = name
        // A file large enough to read on two threads has each of its
        // pieces read so, however small the pieces.
        var limits = limits
        if size >= limits.parallelReadThreshold {
            limits.parallelReadThreshold = min(limits.parallelReadThreshold, max(2, limits.pieceSize / 2))
        }
        self.limits = limits
    }

    /// What reading one piece needs to know.
    struct Piece {
        /// Whole lines of the file, up to a place `cut` chose (or the end).
        var bytes: [UInt8]
        /// The number of its first line.
        var firstLine: Int
        /// The first piece of the file.
        var isFirst: Bool
        /// The last piece: the file ends with it.
        var isLast: Bool
        /// Numbers the piece's deals on from the pieces before.
        var collector: DealCollector
        /// The file's name in locations, and the limits it is read with.
        var name: String
        var limits: DataLimits
    }

    /// Where a piece ends, as the format sees it.
    enum PieceEnd {
        /// Just after this offset's line break.
        case at(Int)
        /// Not yet: read another `pieceSize` bytes and ask again.
        case readOn
        /// Nowhere: the file is read whole, in one go.
        case wholeFile
        /// Nowhere, and pieces already read: reading stops (`abandoned`).
        case abandon
    }

    /// Reads the file piece by piece. `cut` is given the bytes read so far
    /// for the next piece (growing, call by call, until it answers) and
    /// answers where the piece ends; `readPiece` reads a piece's deals.
    mutating func read(
        collector: DealCollector, subjects: inout SubjectRegister,
        cut: (_ bytes: [UInt8]) -> PieceEnd,
        readPiece: (Piece) -> FileLoad
    ) -> FileLoad {
        var result = FileLoad(deals: [], diagnostics: [], nextPosition: collector.nextPosition)
        var duplicates: [Diagnostic] = []
        let pieceSize = max(1, limits.pieceSize)
        var carry: [UInt8] = []
        var line = 1
        var isFirst = true
        while !atEnd {
            var piece = carry
            carry = []
            // A piece with nowhere to end before its size grows longer.
            var target = piece.count + pieceSize
            var end: Int? = nil
            while true {
                fill(&piece, upTo: target)
                if atEnd { break }
                switch cut(piece) {
                case .at(let offset): end = offset
                case .readOn: target += pieceSize
                case .wholeFile: target = max(target, size) + pieceSize
                case .abandon: abandoned = true
                }
                if end != nil || abandoned { break }
            }
            if tooLarge || abandoned || failure != nil && piece.isEmpty { break }
            if let end, end < piece.count {
                carry = Array(piece[end...])
                piece.removeSubrange(end...)
            }
            let pieceCollector = DealCollector(
                firstPosition: result.nextPosition, maxDeals: collector.maxDeals,
                earlierDeals: collector.earlierDeals + result.deals.count
            )
            let load = readPiece(Piece(
                bytes: piece, firstLine: line, isFirst: isFirst, isLast: atEnd && carry.isEmpty, collector: pieceCollector,
                name: name, limits: limits
            ))
            isFirst = false
            if result.deals.isEmpty, !load.deals.isEmpty, !atEnd {
                // Room for the whole file's deals at this piece's density.
                let estimate = Double(load.deals.count) * Double(size) / Double(max(1, piece.count)) * 1.05
                let room = min(collector.maxDeals, Int(min(estimate, 1e9)))
                result.deals.reserveCapacity(room)
                subjects.reserve(collector.earlierDeals + room)
            }
            result.deals.append(contentsOf: load.deals)
            result.diagnostics.append(contentsOf: load.diagnostics)
            duplicates.append(contentsOf: subjects.register(load.deals, path: name, bytes: piece, firstLine: line))
            result.nextPosition = load.nextPosition
            if load.stopped {
                result.stopped = true
                break
            }
            line += FilePieces.lineBreaks(in: piece)
            if failure != nil { break }
        }
        if tooLarge { return FileLoad(deals: [], diagnostics: [], nextPosition: collector.nextPosition) }
        result.diagnostics.append(contentsOf: duplicates)
        return result
    }

    /// Reads clean data piece by piece: nil — read the file whole instead —
    /// when `readPiece` will not take a piece (answers nil), when the
    /// format abandons the pieces, or when the file cannot be read to its
    /// end. Formats that read only clean data in pieces (YAML, CSV) leave
    /// everything else to the whole read, which reports it as it always has.
    mutating func readCleanly(
        collector: DealCollector, subjects: inout SubjectRegister,
        cut: (_ bytes: [UInt8]) -> PieceEnd,
        readPiece: (Piece) -> FileLoad?
    ) -> FileLoad? {
        var refused = false
        let load = read(collector: collector, subjects: &subjects, cut: cut) { piece in
            if let load = readPiece(piece) { return load }
            refused = true
            return FileLoad(deals: [], diagnostics: [], nextPosition: piece.collector.nextPosition, stopped: true)
        }
        return refused || abandoned || failure != nil || tooLarge ? nil : load
    }

    /// Reads onto `bytes` until it has `target` bytes or the file ends.
    private mutating func fill(_ bytes: inout [UInt8], upTo target: Int) {
        let want = target - bytes.count
        guard want > 0 else { return }
        let start = bytes.count
        // Growing by doubling, so that a piece that keeps growing is not
        // copied whole for every `pieceSize` it grows.
        if bytes.capacity < target { bytes.reserveCapacity(max(target, min(2 * bytes.capacity, size + 1))) }
        bytes.append(contentsOf: repeatElement(0, count: want))
        var got = 0
        bytes.withUnsafeMutableBytes { buffer in
            while got < want {
                let count = systemRead(descriptor, buffer.baseAddress! + start + got, want - got)
                if count < 0, errno == EINTR { continue }
                if count < 0 { failure = errno }
                if count <= 0 {
                    atEnd = true
                    break
                }
                got += count
            }
        }
        bytes.removeSubrange((start + got)...)
        total += got
        if total > limits.maxFileSize {
            tooLarge = true
            atEnd = true
        }
    }

    /// The line breaks in `bytes`, found with `memchr` (`lineInfo`): the
    /// piece's bytes are counted on the one thread between pieces, where
    /// a byte at a time cost as long as a tenth of reading the piece.
    static func lineBreaks(in bytes: [UInt8]) -> Int {
        ParallelHalves.lineInfo(bytes, at: bytes.count).line - 1
    }
}
