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
    ///
    /// Around the reading of a piece, on other threads: the file's next
    /// bytes are read ahead, and the piece before is put into the load
    /// (its deals added, its subjects registered). Without that, these
    /// steps left a core idle between pieces for a fifth of a large load.
    mutating func read(
        collector: DealCollector, subjects: inout SubjectRegister,
        cut: (_ bytes: [UInt8]) -> PieceEnd,
        readPiece: (Piece) -> FileLoad
    ) -> FileLoad {
        let assembly = PieceAssembly(subjects: subjects, nextPosition: collector.nextPosition)
        subjects = SubjectRegister() // the assembly's register is now the only one, so it grows in place
        let pieceSize = max(1, limits.pieceSize)
        var ahead: BackgroundResult<ReadAhead>? = nil
        var carry: [UInt8] = []
        var line = 1
        var isFirst = true
        var nextPosition = collector.nextPosition
        var dealsSoFar = 0
        while !atEnd {
            var piece = carry
            // A piece with nowhere to end before its size grows longer.
            var target = carry.count + pieceSize
            carry = []
            if let done = ahead?.wait() {
                piece = done.bytes
                take(done.outcome)
            }
            ahead = nil
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
            if !atEnd, failure == nil { ahead = readAhead(after: carry, count: pieceSize) }
            let pieceCollector = DealCollector(
                firstPosition: nextPosition, maxDeals: collector.maxDeals, earlierDeals: collector.earlierDeals + dealsSoFar
            )
            let load = readPiece(Piece(
                bytes: piece, firstLine: line, isFirst: isFirst, isLast: atEnd && carry.isEmpty, collector: pieceCollector,
                name: name, limits: limits
            ))
            var room: Int? = nil
            if dealsSoFar == 0, !load.deals.isEmpty, !atEnd {
                // Room for the whole file's deals at this piece's density.
                let estimate = Double(load.deals.count) * Double(size) / Double(max(1, piece.count)) * 1.05
                room = min(collector.maxDeals, Int(min(estimate, 1e9)))
            }
            isFirst = false
            dealsSoFar += load.deals.count
            nextPosition = load.nextPosition
            let more = ahead != nil && !load.stopped
            assembly.add(
                load, bytes: piece, firstLine: line, path: name, room: room, earlierDeals: collector.earlierDeals, inBackground: more
            )
            if load.stopped { break }
            line += FilePieces.lineBreaks(in: piece)
            if failure != nil { break }
        }
        // Nothing may still be reading the file when the caller goes on
        // (it may seek or close it); bytes read ahead in vain are dropped.
        _ = ahead?.wait()
        let (result, registered) = assembly.finish()
        subjects = registered
        if tooLarge { return FileLoad(deals: [], diagnostics: [], nextPosition: collector.nextPosition) }
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
        guard !atEnd else { return }
        take(FilePieces.readMore(descriptor, onto: &bytes, upTo: target))
    }

    /// The bytes of the next piece — `carry`, then `count` more bytes of
    /// the file — read on another thread.
    private func readAhead(after carry: [UInt8], count: Int) -> BackgroundResult<ReadAhead> {
        let descriptor = descriptor
        return BackgroundResult {
            var bytes = carry
            let outcome = FilePieces.readMore(descriptor, onto: &bytes, upTo: carry.count + count)
            return ReadAhead(bytes: bytes, outcome: outcome)
        }
    }

    /// What one read onto a piece's bytes came to.
    struct ReadOutcome: Sendable {
        var got = 0
        /// `errno` of a failed read.
        var failure: Int32? = nil
        var atEnd = false
    }

    struct ReadAhead: Sendable {
        var bytes: [UInt8]
        var outcome: ReadOutcome
    }

    private mutating func take(_ outcome: ReadOutcome) {
        if let error = outcome.failure { failure = error }
        atEnd = atEnd || outcome.atEnd
        total += outcome.got
        if total > limits.maxFileSize {
            tooLarge = true
            atEnd = true
        }
    }

    /// Reads onto `bytes` until it has `target` bytes or the file ends,
    /// straight into new storage: zero-filling the room first took longer
    /// than the read. When `bytes` are short beside what is to come, as a
    /// piece's start carried over from the piece before is, they are
    /// copied in front; longer ones grow as arrays do (by doubling), so
    /// that a piece that keeps growing is not copied whole each time.
    static func readMore(_ descriptor: Int32, onto bytes: inout [UInt8], upTo target: Int) -> ReadOutcome {
        let want = target - bytes.count
        guard want > 0 else { return ReadOutcome() }
        var outcome = ReadOutcome()
        let front = bytes.count <= want ? bytes : []
        let read = [UInt8](unsafeUninitializedCapacity: front.count + want) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            front.withUnsafeBufferPointer { old in
                if let start = old.baseAddress { base.initialize(from: start, count: old.count) }
            }
            count = front.count
            while count < front.count + want {
                let got = systemRead(descriptor, base + count, front.count + want - count)
                if got < 0, errno == EINTR { continue }
                if got < 0 { outcome.failure = errno }
                if got <= 0 {
                    outcome.atEnd = true
                    break
                }
                count += got
            }
        }
        outcome.got = read.count - front.count
        if front.isEmpty, !bytes.isEmpty {
            bytes.append(contentsOf: read)
        } else {
            bytes = read
        }
        return outcome
    }

    /// The line breaks in `bytes`, found with `memchr` (`lineInfo`): the
    /// piece's bytes are counted on the one thread between pieces, where
    /// a byte at a time cost as long as a tenth of reading the piece.
    static func lineBreaks(in bytes: [UInt8]) -> Int {
        ParallelHalves.lineInfo(bytes, at: bytes.count).line - 1
    }
}
