@testable import DealRulesData
import DealRulesModel
import Foundation
import Testing

/// A JSON array of deals is read a piece at a time, each piece ending after
/// a comma between deals and its line break; the result must be exactly
/// what reading the whole text gives, wherever the pieces end and whatever
/// is wrong with the text.
@Suite("JSON arrays read in pieces")
struct JSONArrayPiecesTests {
    static let read = PiecesComparison(format: .json, name: "deals.json")

    /// A deal written over several lines, with a list of parties whose
    /// `},` line breaks are inside the deal, not between deals.
    static func spread(_ index: Int) -> String {
        """
        {
            "id": "s\(index)",
            "parties": [
                {"name": "A \\"quoted\\" [x] {y}"},
                {"name": "B, with a comma"}
            ],
            "capacity": {"value": \(index), "unit": "MW", "status": "reported"}
        }
        """
    }

    static var deals: [String] {
        var deals = ParallelReadTests.deals(count: 240, tricky: [30, 31, 150])
        for index in stride(from: 5, to: deals.count, by: 11) { deals[index] = spread(index) }
        deals[77] = "{\"id\": \"wide\", \"note\": \"" + String(repeating: "wide ", count: 300) + "\"}"
        return deals
    }

    static func array(_ deals: [String], separator: String = ",\n", tail: String = "\n]\n") -> String {
        "[\n" + deals.joined(separator: separator) + tail
    }

    @Test(arguments: [40, 700, 4_096, 1 << 20])
    func piecesMatchTheWholeText(pieceSize: Int) throws {
        let text = "\u{FEFF}" + JSONArrayPiecesTests.array(JSONArrayPiecesTests.deals)
        for threshold in [Int.max, 2] {
            let limits = DataLimits(parallelReadThreshold: threshold, pieceSize: pieceSize)
            let whole = JSONArrayPiecesTests.read.whole(text, limits: limits)
            #expect(whole.count > 240)
            #expect(whole.contains { $0.hasPrefix("E440 ") }, "duplicate subjects are warned about")
            #expect(try JSONArrayPiecesTests.read.pieces(text, limits: limits) == whole, "piece size \(pieceSize), threshold \(threshold)")
        }
    }

    /// Errors late in the file, where the reader's view and the pieces'
    /// boundaries must still agree.
    @Test(arguments: [
        ("a broken deal", 180, "{\"id\": broken}"),
        ("a missing comma", 200, "{\"id\": \"a\"} {\"id\": \"b\"}"),
        ("an unclosed string", 120, "{\"id\": \"open"),
        ("a deal that is not a mapping", 60, "[1, 2]"),
    ])
    func errorsInTheMiddle(name: String, index: Int, replacement: String) throws {
        var deals = JSONArrayPiecesTests.deals
        deals[index] = replacement
        let text = JSONArrayPiecesTests.array(deals)
        for threshold in [Int.max, 2] {
            let limits = DataLimits(parallelReadThreshold: threshold, pieceSize: 300)
            let whole = JSONArrayPiecesTests.read.whole(text, limits: limits)
            #expect(whole.contains { $0.hasPrefix("E4") && !$0.hasPrefix("E440") }, "\(name) is reported")
            #expect(try JSONArrayPiecesTests.read.pieces(text, limits: limits) == whole, "\(name), threshold \(threshold)")
        }
    }

    @Test func endingsOfTheArray() throws {
        let deals = Array(JSONArrayPiecesTests.deals.prefix(60))
        let texts = [
            JSONArrayPiecesTests.array(deals, tail: "\n"), // never closed
            JSONArrayPiecesTests.array(deals, tail: ",\n]\n"), // a trailing comma
            JSONArrayPiecesTests.array(deals, tail: "\n] trailing\n"),
            JSONArrayPiecesTests.array(deals, tail: "\n]\n") + JSONArrayPiecesTests.array(deals), // two arrays
            JSONArrayPiecesTests.array(deals, separator: ",\r\n", tail: "\r\n]"),
            JSONArrayPiecesTests.array(deals, separator: ", "), // one line: one piece
            "{\"source\": \"x\",\n\"deals\": " + JSONArrayPiecesTests.array(deals) + "}", // a wrapper: read whole
            "{\"source\": \"x\"}, " + JSONArrayPiecesTests.array(deals),
            "[\n]\n", "", "  \n", "[",
        ]
        for (number, text) in texts.enumerated() {
            for threshold in [Int.max, 2] {
                let limits = DataLimits(parallelReadThreshold: threshold, pieceSize: 256)
                #expect(try JSONArrayPiecesTests.read.pieces(text, limits: limits) == JSONArrayPiecesTests.read.whole(text, limits: limits),
                        "text \(number), threshold \(threshold)")
            }
        }
    }

    @Test func theUnclosedArrayIsReportedAtItsBracket() throws {
        let text = "\n  [\n" + JSONArrayPiecesTests.deals.prefix(80).joined(separator: ",\n") + "\n"
        let summary = try JSONArrayPiecesTests.read.pieces(text, limits: DataLimits(pieceSize: 128))
        #expect(summary.contains("E410 2:3 the array of deals opened here is not closed |   ["))
    }

    /// Only a comma between deals of the top-level array, followed by a
    /// line break, ends a piece: not one inside a deal, a string or a later array.
    @Test func boundariesAreBetweenTopLevelDeals() {
        let text = "\u{FEFF} [\n{\"a\": [{\"b\": 1},\n{\"c\": \"x\\\",\"}]},\n  2 , \n\"s,\" ,\n{}]\n[1,\n2]"
        var scan = JSONArrayScan()
        let bytes = Array(text.utf8)
        scan.advance(Array(bytes.prefix(20)))
        scan.advance(bytes)
        let expected = [(",\n  2", "  2 , "), (", \n\"s", "\"s,\" ,"), (",\n{}]", "{}]")]
        #expect(scan.boundaries.count == expected.count)
        for (boundary, (comma, line)) in zip(scan.boundaries, expected) {
            #expect(String(decoding: bytes[boundary.comma..<(boundary.comma + comma.utf8.count)], as: UTF8.self) == comma)
            #expect(String(decoding: bytes[boundary.next..<(boundary.next + line.utf8.count)], as: UTF8.self) == line)
        }
        #expect(scan.open == 4)
        let first = scan.endPiece(at: scan.boundaries[1].next)
        #expect(first.count == 2)
        #expect(scan.boundaries.count == 1)

        var wrapper = JSONArrayScan()
        wrapper.advance(Array("{\"deals\": [\n{},\n{}]}".utf8))
        #expect(wrapper.notAnArray)
        #expect(wrapper.boundaries.isEmpty)
    }

    @Test(arguments: [1, 25, 160, 239])
    func theDealLimitStopsWhereTheWholeTextDoes(maxDeals: Int) throws {
        let text = JSONArrayPiecesTests.array(JSONArrayPiecesTests.deals)
        for threshold in [Int.max, 2] {
            let limits = DataLimits(maxDeals: maxDeals, parallelReadThreshold: threshold, pieceSize: 512)
            #expect(try JSONArrayPiecesTests.read.pieces(text, limits: limits) == JSONArrayPiecesTests.read.whole(text, limits: limits))
        }
    }

    @Test func piecesShareWhatTheReadersLearned() throws {
        let deal = "{\"id\": \"x\", \"capacity\": {\"value\": 5, \"unit\": \"GW\", \"status\": \"reported\"}, \"kind\": \"power\"}"
        let text = JSONArrayPiecesTests.array(Array(repeating: deal, count: 400))
        let data = try NDJSONPiecesTests.loadFile(text, limits: DataLimits(parallelReadThreshold: Int.max, pieceSize: 1_000), name: "deals.json")
        #expect(data.deals.count == 400)
        #expect(data.deals[0].record.entries[1].name === data.deals[399].record.entries[1].name)
        #expect(data.deals[399].location?.line == 401)
    }

    /// Random arrays of awkward deals, separators and endings, random piece
    /// sizes: pieces must still give exactly what the whole text gives.
    /// (Fixed seeds, so that a run repeats.)
    @Test(arguments: [3, 4_096, 90_001])
    func randomArraysAndPieceSizes(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let fragments = [
            "{\"id\": \"a\", \"capacity\": {\"value\": 5, \"unit\": \"GW\", \"status\": \"reported\"}}",
            JSONArrayPiecesTests.spread(1), "{\"name\": \"déal\", \"announced\": \"2025-03\"}", "{\"id\": broken",
            "42", "[1,\n2]", "null", "{}", "{\"note\": \"},\\n{\"}", "{\"id\": \"" + String(repeating: "long ", count: 60) + "\"}",
            "{\"a\": [[[[1]]]]}", "\"text\"", "{\"id\": \"a\"} extra",
        ]
        let separators = [",\n", ",\n\n", " ,\n", ",  \n  ", ",\r\n", ", ", "\n,", ",\n\t"]
        let tails = ["\n]\n", "\n]", "]", "\n", ",\n]", "\n] x", "\n]\n[1]"]
        for round in 0..<40 {
            let deals = (0..<(1 + random.below(50))).map { _ in fragments[random.below(fragments.count)] }
            var text = ""
            for (index, deal) in deals.enumerated() {
                text += index == 0 ? "[\n" : separators[random.below(separators.count)]
                text += deal
            }
            text += tails[random.below(tails.count)]
            if random.below(5) == 0 { text = "\u{FEFF}" + text }
            let limits = DataLimits(
                maxDeals: random.below(3) == 0 ? 1 + random.below(40) : 1_000_000,
                parallelReadThreshold: random.below(2) == 0 ? 2 : Int.max, pieceSize: 1 + random.below(400)
            )
            #expect(try JSONArrayPiecesTests.read.pieces(text, limits: limits) == JSONArrayPiecesTests.read.whole(text, limits: limits),
                    "seed \(seed), round \(round), piece size \(limits.pieceSize)")
        }
    }
}

/// The scan that cuts a JSON array into pieces jumps over strings and sees
/// its bytes in installments; it must find exactly the boundaries a plain
/// byte-at-a-time reading of the whole text by the same rules finds.
@Suite("JSON array scan")
struct JSONArrayScanTests {
    /// The rules of `JSONArrayScan`, one byte at a time, over the whole text.
    private static func reference(_ bytes: [UInt8]) -> (open: Int?, notAnArray: Bool, boundaries: [JSONArrayScan.Boundary]) {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return (nil, false, []) }
        guard bytes[index] == UInt8(ascii: "[") else { return (nil, true, []) }
        let open = index
        var depth = 1, inString = false, escaped = false, closed = false
        var pending: Int? = nil
        var boundaries: [JSONArrayScan.Boundary] = []
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            defer { index += 1 }
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0D: break
            case 0x0A:
                if let comma = pending { boundaries.append(.init(comma: comma, next: index + 1)) }
                pending = nil
            case 0x22: inString = true; pending = nil
            case 0x5B, 0x7B: depth += 1; pending = nil
            case 0x5D, 0x7D: depth -= 1; if depth <= 0 { closed = true }; pending = nil
            case 0x2C: pending = depth == 1 && !closed ? index : nil
            default: pending = nil
            }
        }
        return (open, false, boundaries)
    }

    @Test func installmentsFindWhatTheWholeTextFinds() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [[UInt8]] = ["[", "]", "{", "}", "\"", "\\", ",", "\n", " ", "\t", "\r", "a", "1", ":", "é", "\u{FEFF}"].map { Array($0.utf8) }
            + [[0x5B | 0x80], [0x7D ^ 0x01], [0x2C ^ 0x20], [0x0B], [0x22 ^ 0x80]]
        for round in 0..<400 {
            var bytes: [UInt8] = round % 5 == 0 ? [0xEF, 0xBB, 0xBF] : []
            if round % 7 != 0 { bytes += Array(" [\n".utf8) }
            // Half the texts have no backslash, so that whole blocks are
            // read by their masks rather than byte by byte.
            let escapes = round % 2 == 0
            for _ in 0..<Int.random(in: 0...600, using: &generator) {
                // Deal-like lines as well as noise, so that boundaries occur.
                if Int.random(in: 0..<6, using: &generator) == 0 {
                    bytes += Array((escapes ? "{\"k\": \"v,\\\"\\\\\", \"n\": [1, 2]},\n" : "{\"k\": \"v,]\", \"n\": [1, {}]} ,\n").utf8)
                } else {
                    let token = alphabet.randomElement(using: &generator)!
                    if escapes || token != [0x5C] { bytes += token }
                }
            }
            let expected = Self.reference(bytes)
            var scan = JSONArrayScan()
            var fed = 0
            while fed < bytes.count {
                // A first piece holds at least a byte-order mark's three bytes.
                fed = min(bytes.count, fed + Int.random(in: (fed == 0 ? 3 : 1)...40, using: &generator))
                scan.advance(Array(bytes.prefix(fed)))
            }
            #expect(scan.open == expected.open, "\(bytes)")
            #expect(scan.notAnArray == expected.notAnArray, "\(bytes)")
            #expect(scan.boundaries == expected.boundaries, "\(bytes)")
        }
    }
}
