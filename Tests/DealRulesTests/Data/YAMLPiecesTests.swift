@testable import DealRulesData
import DealRulesModel
import Foundation
import Testing

/// A YAML list of deals is read a piece of whole deals at a time when it is
/// clean, and whole otherwise; either way the result must be exactly what
/// reading the whole text gives.
@Suite("YAML read in pieces")
struct YAMLPiecesTests {
    static let read = PiecesComparison(format: .yaml, name: "deals.yaml")

    /// One deal as a block mapping whose keys are indented by `indent + 2`.
    static func deal(_ index: Int, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        let rows = [
            "- id: d\(index % 37)",
            "  name: \"Déal \(index), with a comma\"",
            "  capacity: {value: \(index), unit: MW, status: reported, source: 'press: weekly'}",
            "  announced: 2025-0\(1 + index % 9)",
            "  parties:",
            "    - {name: A, role: lab}",
            "    - name: B",
            "      role: utility",
            "  chips: [Trainium2, H100]",
            "  notes: |",
            "    several lines",
            "    - not a deal",
            "  # a comment inside",
        ]
        return rows.map { pad + $0 }.joined(separator: "\n")
    }

    static func list(_ count: Int, wrapped: Bool, indent: Int = 2) -> String {
        let deals = (0..<count).map { deal($0, indent: wrapped ? indent : 0) }.joined(separator: "\n")
        return wrapped ? "# deals\n\ndeals:\n" + deals + "\n# the end\n" : "# deals\n" + deals + "\n"
    }

    /// YAML pieces are a 64th of `pieceSize`: 64 is a byte.
    @Test(arguments: [64, 2_800, 64_000, 1 << 24])
    func piecesMatchTheWholeText(pieceSize: Int) throws {
        let limits = DataLimits(pieceSize: pieceSize)
        for text in [YAMLPiecesTests.list(120, wrapped: false), YAMLPiecesTests.list(120, wrapped: true),
                     YAMLPiecesTests.list(60, wrapped: true, indent: 0),
                     YAMLPiecesTests.list(60, wrapped: true).replacingOccurrences(of: "\n", with: "\r\n")] {
            let whole = YAMLPiecesTests.read.whole(text, limits: limits)
            #expect(whole.count >= 60)
            #expect(whole.contains { $0.hasPrefix("E440 ") }, "duplicate subjects are warned about")
            #expect(try YAMLPiecesTests.read.pieces(text, limits: limits) == whole, "piece size \(pieceSize)")
        }
    }

    /// Text the pieces do not follow, or cannot read cleanly, is read whole.
    @Test func otherTextIsReadWhole() throws {
        let clean = YAMLPiecesTests.list(40, wrapped: true)
        let lines = clean.components(separatedBy: "\n")
        func replacing(_ index: Int, with line: String) -> String {
            var copy = lines
            copy[index] = line
            return copy.joined(separator: "\n")
        }
        let texts = [
            replacing(300, with: "    base: &base {value: 1}"), // an anchor
            replacing(20, with: "  - &first {id: x}") + "\n  - *first\n", // an alias to it
            replacing(200, with: "    kind: !!str 5"), // a tag
            replacing(400, with: "  - {id: broken"), // a syntax error late in the file
            replacing(350, with: "    capacity: {value: 5, unit: parsecs}"), // a bad unit
            replacing(250, with: "  - just text"), // a deal that is not a mapping
            clean + "source: elsewhere\n", // another key after the list
            "source: x\n" + clean, // another key before it
            clean + "---\n- id: second document\n",
            clean.replacingOccurrences(of: "deals:", with: "Deals:"),
            clean.replacingOccurrences(of: "  - id: d7\n", with: "  - id: d7\n\t\n"),
            "", "# only a comment\n", "deals:\n", "[]\n", "- 1\n- 2\n",
        ]
        for (number, text) in texts.enumerated() {
            let limits = DataLimits(pieceSize: 6_400)
            #expect(try YAMLPiecesTests.read.pieces(text, limits: limits) == YAMLPiecesTests.read.whole(text, limits: limits), "text \(number)")
        }
    }

    /// Clean data really is read in pieces (and anything else is not).
    @Test func cleanDataIsReadInPieces() throws {
        func readsInPieces(_ text: String) throws -> Bool {
            let load = try YAMLPiecesTests.read.readInPieces(text, pieceSize: 1_000) { YAMLPieces.read(&$0, collector: $1, subjects: &$2) }
            return load.map { $0.deals.count == 50 } ?? false
        }
        #expect(try readsInPieces(YAMLPiecesTests.list(50, wrapped: true)))
        #expect(try readsInPieces(YAMLPiecesTests.list(50, wrapped: false)))
        #expect(try !readsInPieces(YAMLPiecesTests.list(50, wrapped: true).replacingOccurrences(of: "id: d3\n", with: "id: &a d3\n")))
    }

    /// Shared values are shared only between the very same text: a list
    /// whose one item holds the bytes of two, and text that is merely
    /// canonically equal, keep what the file says.
    @Test func sharingKeepsEveryValueAsWritten() {
        let text = """
            - {id: one, chips: ["a\\x02pb"], note: "\\u00e9"}
            - {id: two, chips: ["a", b], note: "e\\u0301"}
            - {id: three, chips: ["a\\x02pb"], note: "\\u00e9"}
            """
        let deals = DataFixtures.load(text, .yaml, path: "deals.yaml").deals
        func field(_ deal: Int, _ key: String) -> String {
            deals[deal].record.entries.first { $0.key == key }.map { ValueRendering.render($0.value) } ?? "-"
        }
        #expect(deals.count == 3)
        #expect(field(1, "chips") == "[a, b]")
        #expect(field(0, "chips") == field(2, "chips"))
        #expect(field(0, "chips") != field(1, "chips"))
        #expect(Array(field(0, "note").utf8) == Array("\u{E9}".utf8))
        #expect(Array(field(1, "note").utf8) == Array("e\u{301}".utf8))
    }

    /// A deal's own `id` and `name` are not held for sharing (each is one
    /// deal's); what repeats, also a party's name, is.
    @Test func subjectsAreNotHeldForSharing() throws {
        var text = "deals:\n"
        for index in 0..<200 {
            text += "  - id: deal-\(index)\n    Name: \"Deal number \(index)\"\n    kind: compute\n"
            text += "    parties:\n      - name: \"Party \(index % 3)\"\n        role: lab\n        id: p-\(index % 2)\n"
        }
        var memory: YAMLReaderMemory? = nil
        let load = try #require(YAMLDealReader.readPiece(
            Array(text.utf8), firstLine: 1, path: "deals.yaml", limits: .standard,
            collector: DealCollector(firstPosition: 1, maxDeals: 1_000), memory: &memory))
        #expect(load.deals.count == 200)
        #expect(load.deals[7].subject == "deal-7")
        let shared = try #require(memory).sharedScalarCount
        // compute, lab, three party names, two party ids.
        #expect(shared == 7, "\(shared)")
        let deals = DataFixtures.load(text, .yaml, path: "deals.yaml").deals
        #expect(deals.map(\.subject) == load.deals.map(\.subject))
    }

    @Test(arguments: [1, 25, 119])
    func theDealLimitStopsWhereTheWholeTextDoes(maxDeals: Int) throws {
        let text = YAMLPiecesTests.list(120, wrapped: true)
        let limits = DataLimits(maxDeals: maxDeals, pieceSize: 12_800)
        #expect(try YAMLPiecesTests.read.pieces(text, limits: limits) == YAMLPiecesTests.read.whole(text, limits: limits))
    }

    @Test func theScanFindsDealsAndNothingElse() {
        var scan = YAMLItemScan()
        let text = "# c\ndeals:\n  - id: a\n    notes: |\n      - no\n  - id: b\n  # c\n  - id: c\n"
        scan.advance(Array(text.utf8))
        #expect(!scan.unsuitable)
        #expect(scan.itemStarts == [45, 61])

        var anchored = YAMLItemScan()
        anchored.advance(Array("- id: a\n  v: &x 1\n- id: b\n".utf8))
        #expect(anchored.unsuitable)

        var text2 = YAMLItemScan()
        text2.advance(Array("- id: a\n  note: R&D, 5*3, wow!\n- id: b\n".utf8))
        #expect(!text2.unsuitable, "`&`, `*` and `!` inside words are text")
    }

    /// Random lists of awkward deals, random piece sizes.
    @Test(arguments: [5, 777, 31_337])
    func randomListsAndPieceSizes(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let fragments = [
            "- id: a\n  capacity: {value: 5, unit: GW, status: reported}",
            "- id: b\n  parties:\n  - name: X\n  - name: Y",
            "- \"quoted\"", "- id: c\n  note: \"two\n    lines\"", "- {id: flow, n: [1,\n   2]}",
            "- id: d\n  text: >\n    folded\n    - text", "-\n  id: e", "- id: f # comment", "- id: 7", "- null",
            "- id: g\n  bad: {value: 1, status: rumoured}", "- id: h\n  x: [1, 2", "- id: 'it''s'",
        ]
        for round in 0..<30 {
            let wrapped = random.below(2) == 0
            let deals = (0..<(1 + random.below(40))).map { _ in fragments[random.below(fragments.count)] }
            let body = deals.map { deal in
                wrapped ? deal.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") : deal
            }.joined(separator: "\n")
            var text = (wrapped ? "deals:\n" : "") + body + (random.below(2) == 0 ? "\n" : "")
            if random.below(5) == 0 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
            let limits = DataLimits(maxDeals: random.below(4) == 0 ? 1 + random.below(30) : 1_000_000, pieceSize: 64 * (1 + random.below(300)))
            #expect(try YAMLPiecesTests.read.pieces(text, limits: limits) == YAMLPiecesTests.read.whole(text, limits: limits),
                    "seed \(seed), round \(round), piece size \(limits.pieceSize)")
        }
    }
}
