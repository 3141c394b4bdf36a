import DealRulesModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an NDJSON file a piece of whole lines at a time
/// (`DataLimits.pieceSize`), so that a large file is never held whole
/// beside the deals read from it: its text would otherwise be most of the
/// peak memory of a load. Each piece is read as `NDJSONDealReader` reads a
/// file (on two threads when large enough), with its lines numbered on
/// from the piece before and the readers' tables of shared keys and values
/// handed on; the result is what reading the whole file gives — the same
/// deals, positions, subjects and diagnostics, in order.
struct NDJSONPieces {
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

    mutating func read(collector: DealCollector, subjects: inout SubjectRegister) -> FileLoad {
        var result = FileLoad(deals: [], diagnostics: [], nextPosition: collector.nextPosition)
        var duplicates: [Diagnostic] = []
        let pieceSize = max(1, limits.pieceSize)
        var carry: [UInt8] = []
        var line = 1
        var memories = NDJSONDealReader.Memories()
        while !atEnd {
            var piece = carry
            carry = []
            // A line longer than a piece makes the piece longer.
            var target = piece.count + pieceSize
            var cut: Int? = nil
            while true {
                fill(&piece, upTo: target)
                if atEnd { break }
                if let newline = piece.lastIndex(of: 0x0A) {
                    cut = newline + 1
                    break
                }
                target += pieceSize
            }
            if tooLarge || failure != nil && piece.isEmpty { break }
            if let cut, cut < piece.count {
                carry = Array(piece[cut...])
                piece.removeSubrange(cut...)
            }
            let pieceCollector = DealCollector(
                firstPosition: result.nextPosition, maxDeals: collector.maxDeals,
                earlierDeals: collector.earlierDeals + result.deals.count
            )
            let load = NDJSONDealReader.read(
                piece, path: name, limits: limits, collector: pieceCollector, firstLine: line, memories: &memories
            )
            if result.deals.isEmpty, !load.deals.isEmpty, !atEnd {
                // Room for the whole file's deals at this piece's density.
                let estimate = Double(load.deals.count) * Double(size) / Double(max(1, piece.count)) * 1.05
                result.deals.reserveCapacity(min(collector.maxDeals, Int(min(estimate, 1e9))))
            }
            result.deals.append(contentsOf: load.deals)
            result.diagnostics.append(contentsOf: load.diagnostics)
            duplicates.append(contentsOf: subjects.register(load.deals, path: name, bytes: piece, firstLine: line))
            result.nextPosition = load.nextPosition
            if load.stopped {
                result.stopped = true
                break
            }
            line += NDJSONPieces.lineBreaks(in: piece)
            if failure != nil { break }
        }
        if tooLarge { return FileLoad(deals: [], diagnostics: [], nextPosition: collector.nextPosition) }
        result.diagnostics.append(contentsOf: duplicates)
        return result
    }

    /// Reads onto `bytes` until it has `target` bytes or the file ends.
    private mutating func fill(_ bytes: inout [UInt8], upTo target: Int) {
        let want = target - bytes.count
        guard want > 0 else { return }
        let start = bytes.count
        bytes.reserveCapacity(target)
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

    static func lineBreaks(in bytes: [UInt8]) -> Int {
        var count = 0
        for byte in bytes where byte == 0x0A { count += 1 }
        return count
    }
}
