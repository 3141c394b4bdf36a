@testable import DealRules
import DealRulesModel
import Foundation
import Testing

/// Reports written in pieces (`dealrules check` hands each piece to standard
/// output or the `--output` file as it is made) say exactly what the whole
/// rendered report says.
@Suite("reports written in pieces")
struct ReportStreamingTests {
    static let reports: [(String, CheckReport)] = [
        ("plain", ReportFixtures.plainReport()),
        ("full", ReportFixtures.report()),
        ("with clear", ReportFixtures.report(showClear: true)),
        ("hostile", ReportEdgeFixtures.hostileReport()),
        ("empty", CheckReport(asOf: ReportFixtures.asOf, rules: [], subjects: [], dealCount: 0, findings: [], undetermined: [], clear: [], errors: [])),
    ]

    @Test("the pieces joined are the rendered report, in every format", arguments: ReportFormat.allCases)
    func piecesJoinToTheWhole(_ format: ReportFormat) {
        for (name, report) in Self.reports {
            var pieces: [String] = []
            ReportRenderer.write(report, format: format, options: ReportOptions(), chunkSize: 64) { pieces.append($0) }
            let whole = ReportRenderer.render(report, format: format, options: ReportOptions())
            #expect(pieces.joined() == whole, "\(format) \(name)")
            #expect(!pieces.contains(""), "\(format) \(name): no empty pieces")
            if whole.utf8.count > 1_000 {
                #expect(pieces.count > 1, "\(format) \(name) is handed on as it grows")
            }
        }
    }

    @Test("check hands its report to standard output in pieces, with the same text and status",
          arguments: [ReportFormat.text, .json, .sarif])
    func checkStreamsTheSameReport(_ format: ReportFormat) {
        let root = Command.repositoryRoot
        let request = CheckRun.Request(rulePaths: [root + "/Rules"], dataPaths: [root + "/data/deals.yaml"],
                                       asOf: DateValue.parse("2026-11-24")!, format: format)
        let whole = CheckRun.execute(request)
        var streamed = ""
        let output = CheckRun.execute(request) { streamed += $0 }
        #expect(output.stdout.isEmpty)
        #expect(streamed == whole.stdout)
        #expect(output.exitCode == whole.exitCode)
        #expect(output.stderr == whole.stderr)
    }

    @Test("--output writes the report to the file, replacing it, and leaves no temporary file")
    func outputFile() throws {
        let directory = try ReportTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.json").path
        try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
        let toFile = try DemoReportGoldenTests.run(.json, ["--output", path])
        let toStdout = try DemoReportGoldenTests.run(.json)
        #expect(toFile.status == toStdout.status)
        #expect(toFile.stdout.isEmpty)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == toStdout.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }

    @Test("--output into a directory that does not exist is error E502, exit 2, and writes nothing")
    func unwritableOutput() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-missing-\(UUID().uuidString)")
        let result = try DemoReportGoldenTests.run(.text, ["--output", missing.appendingPathComponent("report.txt").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("E502"))
        #expect(result.stderr.contains("cannot write the report to"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test("a file written in pieces holds every piece in order; an unwritable one throws and leaves nothing")
    func atomicFileInPieces() throws {
        let directory = try ReportTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.txt").path
        try AtomicFile.write(to: path) { piece in
            for index in 0..<1_000 { piece("line \(index)\n") }
        }
        let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(written == (0..<1_000).map { "line \($0)\n" }.joined())
        #expect(throws: (any Error).self) {
            try AtomicFile.write(to: directory.appendingPathComponent("no/such/dir/out.txt").path) { piece in piece("x") }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.txt"])
    }
}
