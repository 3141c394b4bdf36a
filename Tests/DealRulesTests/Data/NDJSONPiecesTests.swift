@testable import DealRulesData
import DealRulesModel
import Foundation
import Testing

/// An NDJSON file is read a piece of whole lines at a time; the result must
/// be exactly what reading its whole text gives, wherever the pieces end.
@Suite("NDJSON read in pieces")
struct NDJSONPiecesTests {
    /// A file holding `text`, loaded as a user's `--data` is, its path
    /// shown as `name` (as the whole-text load below names it).
    static func loadFile(_ text: String, limits: DataLimits, name: String = "deals.ndjson") throws -> LoadedData {
        try DataFixtures.withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            var data = DataLoader.loadAll(paths: [file.path], format: nil, limits: limits)
            let path = file.path
            func renamed(_ location: DealRulesModel.SourceLocation?) -> DealRulesModel.SourceLocation? {
                location.map { DealRulesModel.SourceLocation(path: $0.path == path ? name : $0.path, line: $0.line, column: $0.column) }
            }
            for index in data.deals.indices { data.deals[index].location = renamed(data.deals[index].location) }
            for index in data.diagnostics.indices {
                data.diagnostics[index].location = renamed(data.diagnostics[index].location)
                data.diagnostics[index].message = data.diagnostics[index].message.replacingOccurrences(of: path, with: name)
            }
            return data
        }
    }

    static func whole(_ text: String, limits: DataLimits) -> LoadedData {
        DataFixtures.load(text, .ndjson, limits: limits, path: "deals.ndjson")
    }

    /// Deal locations, subjects, positions and values, then every diagnostic
    /// with its quoted line (entry locations are checked by the deal's).
    static func summary(_ data: LoadedData) -> [String] {
        data.deals.map { deal in
            let entries = deal.record.entries.map { "\($0.key)=\(ValueRendering.render($0.value, provenance: $0.provenance))@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
            return "\(deal.position) \(deal.subject) \(deal.location?.line ?? 0):\(deal.location?.column ?? 0) " + entries.joined(separator: " ")
        } + data.diagnostics.map { "\($0.code) \($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message) | \($0.sourceLine ?? "")" }
    }

    static var lines: [String] {
        var lines = ParallelReadTests.deals(count: 300)
        lines[17] = "{\"id\": broken"
        lines[40] = ""
        lines[41] = "   "
        lines[210] = "{\"id\": \"long\", \"note\": \"" + String(repeating: "wide ", count: 400) + "\"}"
        lines[260] = "{\"id\": \"d0\"} trailing"
        return lines
    }

    @Test(arguments: [64, 700, 4_096, 1 << 20])
    func piecesMatchTheWholeText(pieceSize: Int) throws {
        let text = "\u{FEFF}" + NDJSONPiecesTests.lines.joined(separator: "\n") + "\n"
        for threshold in [Int.max, 2] {
            let limits = DataLimits(parallelReadThreshold: threshold, pieceSize: pieceSize)
            let whole = NDJSONPiecesTests.whole(text, limits: limits)
            let pieces = try NDJSONPiecesTests.loadFile(text, limits: limits)
            #expect(whole.deals.count > 200)
            #expect(whole.diagnostics.contains { $0.code == "E440" }, "duplicate subjects are warned about")
            #expect(whole.diagnostics.contains { $0.location?.line == 18 })
            #expect(NDJSONPiecesTests.summary(pieces) == NDJSONPiecesTests.summary(whole), "piece size \(pieceSize), threshold \(threshold)")
        }
    }

    @Test func aFileWithoutAFinalLineBreakOrWithCarriageReturns() throws {
        let limits = DataLimits(pieceSize: 50)
        for text in [NDJSONPiecesTests.lines.prefix(30).joined(separator: "\n"),
                     NDJSONPiecesTests.lines.prefix(30).joined(separator: "\r\n") + "\r\n",
                     "", "\n\n", "{\"id\": \"only\"}"] {
            #expect(NDJSONPiecesTests.summary(try NDJSONPiecesTests.loadFile(text, limits: limits))
                == NDJSONPiecesTests.summary(NDJSONPiecesTests.whole(text, limits: limits)))
        }
    }

    @Test(arguments: [1, 25, 160, 299])
    func theDealLimitStopsWhereTheWholeTextDoes(maxDeals: Int) throws {
        let text = NDJSONPiecesTests.lines.joined(separator: "\n")
        let limits = DataLimits(maxDeals: maxDeals, parallelReadThreshold: 2, pieceSize: 512)
        let pieces = try NDJSONPiecesTests.loadFile(text, limits: limits)
        #expect(pieces.deals.count == min(maxDeals, NDJSONPiecesTests.whole(text, limits: DataLimits(maxDeals: Int.max)).deals.count))
        #expect(NDJSONPiecesTests.summary(pieces) == NDJSONPiecesTests.summary(NDJSONPiecesTests.whole(text, limits: limits)))
    }

    @Test func piecesShareWhatTheReadersLearned() throws {
        let line = "{\"id\": \"x\", \"capacity\": {\"value\": 5, \"unit\": \"GW\", \"status\": \"reported\"}, \"kind\": \"power\"}"
        let text = Array(repeating: line, count: 400).joined(separator: "\n")
        for threshold in [Int.max, 2] {
            let data = try NDJSONPiecesTests.loadFile(text, limits: DataLimits(parallelReadThreshold: threshold, pieceSize: 1_000))
            #expect(data.deals.count == 400)
            let first = data.deals[0].record.entries
            let last = data.deals[399].record.entries
            // On one thread, the first piece's deal and the last's share the
            // very key object (two halves have a reader each).
            if threshold == Int.max { #expect(first[1].name === last[1].name) }
            #expect(first[1].key == last[1].key)
            #expect(first[1].provenance == last[1].provenance)
            #expect(data.deals[399].location?.line == 400)
        }
    }

    /// Random files of awkward lines, random piece sizes: pieces must still
    /// give exactly what the whole text gives. (Fixed seeds, so that a run
    /// repeats; a sweep of a thousand other seeds found nothing.)
    @Test(arguments: [1, 2_024, 77_777])
    func randomFilesAndPieceSizes(seed startSeed: UInt64) throws {
        var random = SplitMix(seed: startSeed)
        func next(_ bound: Int) -> Int { random.below(bound) }
        let fragments = [
            "{\"id\": \"a\", \"capacity\": {\"value\": 5, \"unit\": \"GW\", \"status\": \"reported\"}}",
            "{\"id\": \"b\", \"parties\": [{\"name\": \"Ünï\"}, {\"name\": \"B\"}]}",
            "{\"name\": \"déal\", \"announced\": \"2025-03\"}", "{\"id\": broken", "", "   ", "42", "[1, 2]",
            "{\"id\": \"a\"} extra", "{\"id\": \"" + String(repeating: "long ", count: 60) + "\"}", "{}",
        ]
        for round in 0..<40 {
            let lines = (0..<(1 + next(60))).map { _ in fragments[next(fragments.count)] }
            let separator = next(4) == 0 ? "\r\n" : "\n"
            let text = (next(5) == 0 ? "\u{FEFF}" : "") + lines.joined(separator: separator) + (next(2) == 0 ? separator : "")
            let limits = DataLimits(
                maxDeals: next(3) == 0 ? 1 + next(40) : 1_000_000,
                parallelReadThreshold: next(2) == 0 ? 2 : Int.max, pieceSize: 1 + next(400)
            )
            let pieces = try NDJSONPiecesTests.loadFile(text, limits: limits)
            let whole = NDJSONPiecesTests.whole(text, limits: limits)
            #expect(NDJSONPiecesTests.summary(pieces) == NDJSONPiecesTests.summary(whole),
                    "seed \(startSeed), round \(round), piece size \(limits.pieceSize)")
        }
    }

    @Test func positionsContinueIntoTheNextFile() throws {
        try DataFixtures.withTemporaryDirectory { directory in try positionsContinue(in: directory) }
    }

    private func positionsContinue(in directory: URL) throws {
        let first = directory.appendingPathComponent("a.ndjson")
        let second = directory.appendingPathComponent("b.ndjson")
        try Data(NDJSONPiecesTests.lines.prefix(50).joined(separator: "\n").utf8).write(to: first)
        try Data("{\"id\": \"d0\"}\n{\"id\": \"last\"}\n".utf8).write(to: second)
        let data = DataLoader.loadAll(paths: [first.path, second.path], format: nil, limits: DataLimits(pieceSize: 100))
        #expect(data.deals.last?.subject == "last")
        let alone = DataLoader.loadAll(paths: [first.path], format: nil, limits: .standard)
        #expect(alone.deals.count > 40)
        #expect(data.deals.last?.position == (alone.deals.last?.position ?? 0) + 2)
        #expect(data.deals.last?.location?.path == second.path)
        #expect(data.diagnostics.contains { $0.code == "E440" && $0.location?.path == second.path && $0.location?.line == 1 })
    }

    /// Line breaks between pieces are counted with `memchr`; every byte
    /// value and length must count as a byte at a time does.
    @Test func lineBreaksCountedAsByteByByte() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1_000] {
            for _ in 0..<20 {
                // Bytes near 0x0A (0x09, 0x0B, 0x8A), zero and the high bit.
                let bytes = (0..<length).map { _ in
                    let near: [UInt8] = [0x0A, 0x09, 0x0B, 0x8A, 0x00, 0xFF, 0x7F, UInt8.random(in: 0...255, using: &generator)]
                    return near[Int.random(in: 0..<near.count, using: &generator)]
                }
                #expect(FilePieces.lineBreaks(in: bytes) == bytes.filter { $0 == 0x0A }.count, "\(bytes)")
            }
        }
        #expect(FilePieces.lineBreaks(in: [UInt8](repeating: 0x0A, count: 100)) == 100)
    }

    @Test func diagnosticLocationsCountLinesAsByteByByte() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 9, 64, 300] {
            let bytes = (0..<length).map { _ in [0x0A, 0x41, 0xC3, 0xA9, 0x20][Int.random(in: 0..<5, using: &generator)] as UInt8 }
            var sink = DataDiagnosticSink(path: "lines.json", bytes: bytes, firstLine: 3)
            var line = 3
            var lineStart = 0
            for offset in 0...length {
                if offset > 0, bytes[offset - 1] == 0x0A {
                    line += 1
                    lineStart = offset
                }
                let column = 1 + bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count
                #expect(sink.location(ofOffset: offset) == SourceLocation(path: "lines.json", line: line, column: column), "\(bytes) at \(offset)")
            }
        }
    }
}

/// Reads text of one format two ways — from a file, in pieces where the
/// format is read so, and whole from memory — as summaries to compare.
struct PiecesComparison {
    let format: DataFormat
    /// The file's name, which both reads show in locations.
    let name: String

    func pieces(_ text: String, limits: DataLimits) throws -> [String] {
        NDJSONPiecesTests.summary(try NDJSONPiecesTests.loadFile(text, limits: limits, name: name))
    }

    func whole(_ text: String, limits: DataLimits) -> [String] {
        NDJSONPiecesTests.summary(DataFixtures.load(text, format, limits: limits, path: name))
    }

    /// `text` from a file, through one format's reader of pieces (`read`),
    /// in pieces of `pieceSize` bytes: nil when the reader will not.
    func readInPieces(
        _ text: String, pieceSize: Int,
        with read: (inout FilePieces, DealCollector, inout SubjectRegister) -> FileLoad?
    ) throws -> FileLoad? {
        try DataFixtures.withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            let descriptor = open(file.path, O_RDONLY)
            defer { close(descriptor) }
            var pieces = FilePieces(descriptor: descriptor, size: text.utf8.count, name: name, limits: DataLimits(pieceSize: pieceSize))
            var subjects = SubjectRegister()
            return read(&pieces, DealCollector(firstPosition: 1, maxDeals: 1_000), &subjects)
        }
    }
}
