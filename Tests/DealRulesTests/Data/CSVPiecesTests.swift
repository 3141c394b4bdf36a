@testable import DealRulesData
import DealRulesModel
import Foundation
import Testing

/// A clean CSV file is read a piece of whole rows at a time, anything else
/// whole; either way the result must be exactly what reading the whole
/// text gives.
@Suite("CSV read in pieces")
struct CSVPiecesTests {
    static let read = PiecesComparison(format: .csv, name: "deals.csv")

    static let header = "id,name,capacity.value,capacity.unit,capacity.status,capacity.source,announced,location,note"

    /// One row; every few rows has a quoted cell with a comma, a quote, a
    /// line break inside it, or a quote inside an unquoted cell.
    static func row(_ index: Int) -> String {
        let notes = ["plain", "\"with, a comma\"", "\"said \"\"soon\"\"\"", "\"two\nlines\"", "a 5\" screen", "", "\"\""]
        let status = ["reported", "confirmed", "estimated"][index % 3]
        return "d\(index % 41),Déal \(index),\(index % 7 + 1),GW,\(status),\"press, weekly\",2025-0\(1 + index % 9)-1\(index % 10),"
            + "\"Abilene, Texas\",\(notes[index % notes.count])"
    }

    static func file(_ count: Int, byteOrderMark: Bool = false, blankLines: Bool = false) -> String {
        var rows = [header] + (0..<count).map(row)
        if blankLines { for index in stride(from: rows.count - 1, to: 0, by: -13) { rows.insert("", at: index) } }
        return (byteOrderMark ? "\u{FEFF}" : "") + rows.joined(separator: "\n") + "\n"
    }

    /// CSV pieces are an eighth of `pieceSize`: 8 is a byte.
    @Test(arguments: [8, 240, 2_000, 64_000, 1 << 23])
    func piecesMatchTheWholeText(pieceSize: Int) throws {
        let limits = DataLimits(pieceSize: pieceSize)
        let texts = [
            CSVPiecesTests.file(150), CSVPiecesTests.file(150, byteOrderMark: true, blankLines: true),
            CSVPiecesTests.file(80).replacingOccurrences(of: "\n", with: "\r\n"),
            "\"id\",\"name\"\n\"a,1\",x\n\"b\"\"2\",\"y\nz\"\n", "\u{FEFF}\"id\",n\n\"q\",1\n",
        ]
        for (number, text) in texts.enumerated() {
            let whole = CSVPiecesTests.read.whole(text, limits: limits)
            #expect(!whole.isEmpty)
            #expect(try CSVPiecesTests.read.pieces(text, limits: limits) == whole, "text \(number), piece size \(pieceSize)")
        }
        #expect(CSVPiecesTests.read.whole(texts[0], limits: limits).contains { $0.hasPrefix("E440 ") }, "duplicate subjects are warned about")
    }

    /// Text that does not read cleanly is read whole, and reports what a
    /// whole read reports.
    @Test func otherTextIsReadWhole() throws {
        var lines = CSVPiecesTests.file(120).components(separatedBy: "\n")
        func replacing(_ index: Int, with line: String) -> String {
            var copy = lines
            copy[index] = line
            return copy.joined(separator: "\n")
        }
        let texts = [
            replacing(100, with: "d,short row"),
            replacing(90, with: "d1,x,1,GW,reported,press,2025-01-01,here,\"closed\" then text"),
            replacing(80, with: "d1,x,1,parsecs,reported,press,2025-01-01,here,n"),
            replacing(70, with: "d1,x,1,GW,rumoured,press,2025-01-01,here,n"),
            replacing(110, with: "d1,x,1,GW,reported,press,2025-01-01,here,\"never closed"),
            replacing(0, with: "id,,capacity.value,capacity.value"),
            replacing(60, with: "d1,x,1,GW,reported,press,2025-01-01,here,\u{1}"),
            "", "\n\n", "id,name\n", "\u{FEFF}",
        ]
        for (number, text) in texts.enumerated() {
            let limits = DataLimits(pieceSize: 4_000)
            let whole = CSVPiecesTests.read.whole(text, limits: limits)
            #expect(try CSVPiecesTests.read.pieces(text, limits: limits) == whole, "text \(number)")
        }
        // Bytes that are not UTF-8, late in the file: no deal, one error, as whole.
        lines[100] = "d1,x"
        var bytes = Array(lines.joined(separator: "\n").utf8)
        bytes.insert(0xFF, at: bytes.count - 40)
        let data = try CSVPiecesTests.loadFile(bytes, limits: DataLimits(pieceSize: 4_000))
        #expect(data.deals.isEmpty)
        #expect(data.diagnostics.map(\.code) == [DataDiagnosticCode.invalidUTF8.rawValue])
    }

    @Test(arguments: [1, 40, 119, 120])
    func theDealLimitStopsWhereTheWholeTextDoes(maxDeals: Int) throws {
        let text = CSVPiecesTests.file(120)
        let limits = DataLimits(maxDeals: maxDeals, pieceSize: 8_000)
        #expect(try CSVPiecesTests.read.pieces(text, limits: limits) == CSVPiecesTests.read.whole(text, limits: limits))
    }

    /// Clean data really is read in pieces (and anything else is not).
    @Test func cleanDataIsReadInPieces() throws {
        func readInPieces(_ text: String) throws -> FileLoad? {
            try CSVPiecesTests.read.readInPieces(text, pieceSize: 1_000) { CSVPieces.read(&$0, collector: $1, subjects: &$2) }
        }
        let clean = CSVPiecesTests.file(50, byteOrderMark: true)
        #expect(try readInPieces(clean)?.deals.count == 50)
        let lastRow = try #require(try readInPieces(clean)?.deals.last)
        // Header, 50 rows, and 7 of them two lines long.
        #expect(lastRow.position == 50 && lastRow.location?.line == 58, "lines inside quoted cells are counted")
        #expect(try readInPieces(clean.replacingOccurrences(of: "rumoured", with: "x").replacingOccurrences(of: ",GW,", with: ",parsecs,")) == nil)
        #expect(try readInPieces(clean + "d,short\n") == nil)
    }

    /// The scan finds the ends of rows as the scanner reads them, fed in
    /// any sizes: quotes open only at a cell's start, doubled quotes stay
    /// inside, and text after a closing quote ends at the line's end.
    @Test func theScanFindsRowEndsAndNothingElse() {
        // Rows: a quoted line break; a quote inside an unquoted cell, then a
        // doubled quote and a line break inside quotes; text after a
        // closing quote, skipped to the line's end (its quote opens
        // nothing); an empty cell; a quoted cell before CRLF.
        let rows = ["a,\"b\nc\",d\n", "5\" x,\"e\"\"\n\"\n", "\"f\" g,\"h\n", ",\n", "\"i\"\r\n"]
        let bytes = Array(rows.joined().utf8)
        let expected = [10, 22, 31, 33, 38]
        for step in 1...bytes.count {
            var scan = CSVRowScan()
            var ends: [Int] = []
            var start = 0
            var count = 0
            while count < bytes.count {
                count = min(bytes.count, count + step)
                scan.advance(Array(bytes[start..<count]))
                if let end = scan.lastRowEnd {
                    ends.append(start + end)
                    scan.endPiece(at: end)
                    start += end
                }
            }
            #expect(ends.last == 38, "step \(step)")
            #expect(Set(ends).isSubset(of: Set(expected)), "step \(step): \(ends)")
            if step == 1 { #expect(ends == expected) }
        }
        var whole = CSVRowScan()
        whole.advance(bytes)
        #expect(whole.lastRowEnd == 38)
        // An unclosed quote holds every later line break.
        var open = CSVRowScan()
        open.advance(Array("id\n\"a\nb\nc".utf8))
        #expect(open.lastRowEnd == 3)
    }

    /// Random files of awkward rows, random piece sizes.
    @Test(arguments: [3, 404, 65_537])
    func randomFilesAndPieceSizes(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let cells = [
            "x", "", "\"a, b\"", "\"q\"\"q\"", "\"line\nbreak\"", "5\" wide", "\"\"", "2025-03", "\"closed\" after", "é",
            "\"\r\n\"", "1", "GW", "reported",
        ]
        for round in 0..<40 {
            let width = 1 + random.below(4)
            var rows = [(0..<width).map { "c\($0)" }.joined(separator: ",")]
            for _ in 0..<(random.below(60)) {
                let cellCount = random.below(10) == 0 ? 1 + random.below(5) : width
                rows.append((0..<cellCount).map { _ in cells[random.below(cells.count)] }.joined(separator: ","))
                if random.below(12) == 0 { rows.append("") }
            }
            var text = rows.joined(separator: random.below(5) == 0 ? "\r\n" : "\n") + (random.below(2) == 0 ? "\n" : "")
            if random.below(6) == 0 { text = "\u{FEFF}" + text }
            if random.below(8) == 0 { text += "\"unclosed" }
            let limits = DataLimits(maxDeals: random.below(4) == 0 ? 1 + random.below(30) : 1_000_000, pieceSize: 8 * (1 + random.below(200)))
            #expect(try CSVPiecesTests.read.pieces(text, limits: limits) == CSVPiecesTests.read.whole(text, limits: limits),
                    "seed \(seed), round \(round), piece size \(limits.pieceSize)")
        }
    }

    /// A file given as bytes, loaded from disk.
    static func loadFile(_ bytes: [UInt8], limits: DataLimits) throws -> LoadedData {
        try DataFixtures.withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("deals.csv")
            try Data(bytes).write(to: file)
            return DataLoader.loadAll(paths: [file.path], format: nil, limits: limits)
        }
    }
}
