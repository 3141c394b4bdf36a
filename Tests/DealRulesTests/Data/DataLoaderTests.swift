import DealRulesData
import DealRulesModel
import Foundation
import Testing

@Suite("Data loader")
struct DataLoaderTests {
    @Test func formatsFromExtensions() {
        #expect(DataFormat.infer(path: "a/deals.json") == .json)
        #expect(DataFormat.infer(path: "deals.NDJSON") == .ndjson)
        #expect(DataFormat.infer(path: "deals.jsonl") == .ndjson)
        #expect(DataFormat.infer(path: "deals.yml") == .yaml)
        #expect(DataFormat.infer(path: "deals.yaml") == .yaml)
        #expect(DataFormat.infer(path: "deals.csv") == .csv)
        #expect(DataFormat.infer(path: "deals.txt") == nil)
        #expect(DataFormat.infer(path: "v1.2/deals") == nil)
        #expect(DataFormat.infer(path: "-") == nil)
    }

    @Test func standardInputIsSniffed() {
        #expect(DataFormat.sniff(Array("  [{\"id\": 1}]".utf8)) == .json)
        #expect(DataFormat.sniff(Array("{\"deals\": []}".utf8)) == .json)
        #expect(DataFormat.sniff(Array("{\"id\": 1}\n{\"id\": 2}\n".utf8)) == .ndjson)
        #expect(DataFormat.sniff(Array("{\"id\": 1}\n\n  {\"id\": 2}".utf8)) == .ndjson)
        #expect(DataFormat.sniff(Array("{\n  \"deals\": []\n}".utf8)) == .json)
        #expect(DataFormat.sniff(Array("deals:\n  - id: a\n".utf8)) == .yaml)
        #expect(DataFormat.sniff(Array("- id: a".utf8)) == .yaml)
        #expect(DataFormat.sniff([]) == .yaml)
        for (text, format) in [("[{\"id\": \"a\"}]", DataFormat.sniff(Array("[{\"id\": \"a\"}]".utf8))),
                               ("{\"id\": \"a\"}\n{\"id\": \"b\"}\n", DataFormat.sniff(Array("{\"id\": \"a\"}\n{\"id\": \"b\"}\n".utf8))),
                               ("- id: a\n", DataFormat.sniff(Array("- id: a\n".utf8)))] {
            let data = DataLoader.load(bytes: Array(text.utf8), path: DataLoader.standardInputName, format: format)
            #expect(data.diagnostics.isEmpty)
            #expect(data.deals.first?.subject == "a")
        }
    }

    @Test func loadAllContinuesPositionsAndWarnsAboutDuplicateSubjects() throws {
        try DataFixtures.withTemporaryDirectory { directory in try loadAllContinues(in: directory) }
    }

    private func loadAllContinues(in directory: URL) throws {
        let first = directory.appendingPathComponent("one.json")
        let second = directory.appendingPathComponent("two.yaml")
        let third = directory.appendingPathComponent("three.csv")
        try Data("[{\"id\": \"a\"}, {\"name\": \"unnamed\"}]".utf8).write(to: first)
        try Data("- id: b\n- {}\n- id: a\n".utf8).write(to: second)
        try Data("id,x\nc,1\n".utf8).write(to: third)
        let data = DataLoader.loadAll(paths: [first.path, second.path, third.path], format: nil)
        #expect(data.deals.map(\.subject) == ["a", "unnamed", "b", "#4", "a", "c"])
        #expect(data.deals.map(\.position) == [1, 2, 3, 4, 5, 6])
        #expect(DataFixtures.codes(data) == ["E440"])
        let warning = try #require(data.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(!data.hasErrors)
        #expect(warning.location == SourceLocation(path: second.path, line: 3, column: 3))
        #expect(data.deals[4].location?.path == second.path)
    }

    @Test func missingFilesAndUnknownExtensions() throws {
        let missing = DataLoader.load(path: "/nonexistent/deals.json", format: nil)
        #expect(DataFixtures.codes(missing) == ["E401"])
        #expect(missing.hasErrors)
        let directory = DataLoader.load(path: FileManager.default.temporaryDirectory.path, format: .json)
        #expect(DataFixtures.codes(directory) == ["E401"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("deals-\(UInt32.random(in: 0...UInt32.max)).txt")
        try Data("[]".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(DataFixtures.codes(DataLoader.load(path: file.path, format: nil)) == ["E402"])
        #expect(DataLoader.load(path: file.path, format: .json).diagnostics.isEmpty)
    }

    @Test func endlessDevicesStopAtTheSizeLimit() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/zero"))
        let data = DataLoader.load(path: "/dev/zero", format: .json, limits: DataLimits(maxFileSize: 1_000))
        #expect(DataFixtures.codes(data) == ["E403"])
    }

    @Test func everyCodeIsDocumented() throws {
        let docs = try String(contentsOf: DataFixtures.repositoryRoot.appendingPathComponent("docs/data-formats.md"), encoding: .utf8)
        for code in DataDiagnosticCode.allCases {
            #expect(docs.contains(code.rawValue), "\(code.rawValue) is missing from docs/data-formats.md")
        }
    }
}
