import DealRulesData
import DealRulesModel
import Testing

@Suite("Data limits and hostile input")
struct DataLimitTests {
    @Test(arguments: DataFormat.allCases)
    func deepNestingIsAnErrorNotACrash(format: DataFormat) {
        let depth = 100_000
        let text: String
        switch format {
        case .json: text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case .ndjson: text = "{\"a\": " + String(repeating: "[", count: depth) + "\n"
        case .yaml: text = "- a: " + String(repeating: "[", count: depth) + "\n"
        case .csv: text = (1...depth).map { "a\($0)" }.joined(separator: ".") + "\n1\n"
        }
        let data = DataFixtures.load(text, format)
        #expect(DataFixtures.codes(data).contains("E430"), "\(format): \(DataFixtures.codes(data))")
        #expect(data.diagnostics.allSatisfy { $0.location != nil })
    }

    @Test func yamlBlockNestingIsBoundedToo() {
        let text = String(repeating: "- ", count: 50_000) + "x\n"
        #expect(DataFixtures.codes(DataFixtures.load(text, .yaml)) == ["E430"])
        var indented = "deals:\n"
        for level in 0..<200 { indented += String(repeating: " ", count: level * 2 + 2) + "k\(level):\n" }
        #expect(DataFixtures.codes(DataFixtures.load(indented, .yaml)) == ["E430"])
    }

    @Test func nestingWithinTheLimitIsFine() {
        let limits = DataLimits(maxDepth: 10)
        let ok = "[{\"a\": {\"b\": [[[[1]]]]}}]"
        #expect(DataFixtures.load(ok, .json, limits: limits).diagnostics.isEmpty)
        let tooDeep = "[{\"a\": {\"b\": [[[[[[[[1]]]]]]]]}}]"
        #expect(DataFixtures.codes(DataFixtures.load(tooDeep, .json, limits: limits)) == ["E430"])
        let yaml = "- a:\n    b: [[[[1]]]]\n"
        #expect(DataFixtures.load(yaml, .yaml, limits: limits).diagnostics.isEmpty)
    }

    @Test func stringLengthDealCountAndFileSize() {
        let limits = DataLimits(maxDeals: 2, maxStringLength: 10, maxFileSize: 200)
        let long = "[{\"id\": \"a-very-long-identifier\"}]"
        #expect(DataFixtures.codes(DataFixtures.load(long, .json, limits: limits)) == ["E431"])
        #expect(DataFixtures.codes(DataFixtures.load("- id: a-very-long-identifier\n", .yaml, limits: limits)) == ["E431"])
        #expect(DataFixtures.codes(DataFixtures.load("id\na-very-long-identifier\n", .csv, limits: limits)) == ["E431"])
        let many = DataFixtures.load("[{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}]", .json, limits: limits)
        #expect(DataFixtures.codes(many) == ["E432"])
        #expect(many.deals.count == 2)
        #expect(DataFixtures.codes(DataFixtures.load("{}\n{}\n{}\n{}\n", .ndjson, limits: limits)) == ["E432"])
        #expect(DataFixtures.codes(DataFixtures.load("- {}\n- {}\n- {}\n", .yaml, limits: limits)) == ["E432"])
        #expect(DataFixtures.codes(DataFixtures.load("id\n1\n2\n3\n", .csv, limits: limits)) == ["E432"])
        let big = String(repeating: " ", count: 300) + "[]"
        #expect(DataFixtures.codes(DataFixtures.load(big, .json, limits: limits)) == ["E403"])
    }

    @Test(arguments: DataFormat.allCases)
    func hostileBytesNeverCrash(format: DataFormat) {
        var generator = SplitMix(seed: 42)
        let samples: [[UInt8]] = [
            [0xFF, 0xFE, 0x00, 0x00],
            Array("[{\"a\": \"\u{0}\"}]".utf8),
            [0x5B, 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x5D],
            Array("[{\"a\": \"\\ud83d\"}]".utf8),
            Array("[{\"a\": 1e".utf8), Array("[{\"a\"".utf8), Array("[".utf8), Array("{".utf8), Array("\"".utf8),
            Array("- [a, {b: \"c".utf8), Array("a,\"b\nc".utf8), Array("&a [*a, *a]".utf8), Array("*undefined".utf8),
            Array("--- a\n--- b\n".utf8), Array("? [a]\n: b".utf8), Array(String(repeating: "{", count: 5000).utf8),
        ] + (0..<200).map { _ in (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        for bytes in samples {
            let data = DataLoader.load(bytes: bytes, path: "hostile", format: format)
            for diagnostic in data.diagnostics where diagnostic.severity == .error {
                #expect(diagnostic.code.hasPrefix("E4"))
            }
        }
    }

    @Test func invalidUTF8IsReportedWithItsPlace() {
        let bytes: [UInt8] = Array("id,name\n1,ok\n2,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let csv = DataLoader.load(bytes: bytes, path: "bad.csv", format: .csv)
        #expect(DataFixtures.codes(csv) == ["E404"])
        #expect(csv.diagnostics.first?.location == SourceLocation(path: "bad.csv", line: 3, column: 3))
        let json = DataLoader.load(bytes: Array("[{\"a\": \"".utf8) + [0xE2, 0x82] + Array("\"}]".utf8), path: "bad.json", format: .json)
        #expect(DataFixtures.codes(json) == ["E404"])
        #expect(json.diagnostics.first?.location?.column == 9)
        let yaml = DataLoader.load(bytes: Array("- a: ".utf8) + [0xFF], path: "bad.yaml", format: .yaml)
        #expect(DataFixtures.codes(yaml) == ["E404"])
    }
}

/// A small deterministic generator (SplitMix64), so that the random tests
/// repeat.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
