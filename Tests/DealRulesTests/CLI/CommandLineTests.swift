import Foundation
import Testing

/// The command-line contract of CLI.md, tested from outside the process:
/// flags, exit codes, where output goes.
@Suite("command line")
struct CommandLineTests {
    @Test("--version and --help exit 0 and help shows examples")
    func helpAndVersion() throws {
        let version = try Command.dealrules(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("1.0.0"))
        for command in ["check", "test", "fmt"] {
            let help = try Command.dealrules([command, "--help"])
            #expect(help.status == 0, "\(command) --help")
            #expect(help.stdout.contains("Examples:"), "\(command) --help shows examples")
        }
    }

    @Test("usage errors exit 2 with a message", arguments: [
        ["check"],
        ["check", "Rules"],
        ["check", "Rules", "--data", "data/deals.yaml", "--fail-on", "severe"],
        ["check", "Rules", "--data", "data/deals.yaml", "--format", "pdf"],
        ["check", "Rules", "--data", "data/deals.yaml", "--as-of", "2026-13-01"],
        ["frobnicate"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try Command.dealrules(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("a missing rule file and a missing data file are reported with their paths, exit 2")
    func missingFiles() throws {
        let rules = try Command.dealrules(["check", "no-such.rules", "--data", "data/deals.yaml"])
        #expect(rules.status == 2)
        #expect(rules.stderr.contains("no-such.rules"))
        let data = try Command.dealrules(["check", "Rules", "--data", "no-such.yaml"])
        #expect(data.status == 2)
        #expect(data.stderr.contains("no-such.yaml"))
    }

    @Test("a syntax error is located with a caret")
    func syntaxError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.rules")
        try "if capacity is at least, flag big.\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Command.dealrules(["check", file.path, "--data", "data/deals.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken.rules:1:"))
        #expect(result.stderr.contains("^"))
    }

    @Test("data on standard input with --data -")
    func standardInput() throws {
        let deals = #"[{"id": "x", "chip_roadmap": "unvalidated", "capacity_target": "2030", "kind": "compute"}]"#
        let result = try Command.dealrules(["check", "Rules/timeline.rules", "--data", "-", "--data-format", "json",
                                            "--as-of", "2026-11-24", "--format", "json"], stdin: deals)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains(#""flag": "timeline risk""#))
    }

    @Test("standard output that cannot be written is error E503 and exit 2, not a silent loss",
          arguments: [["check", "Rules", "--data", "data/deals.yaml", "--as-of", "2026-11-24"],
                      ["check", "Rules", "--data", "data/deals.yaml", "--as-of", "2026-11-24", "--format", "json"],
                      ["lint", "Rules"]])
    func fullStandardOutput(_ arguments: [String]) throws {
        #expect(FileManager.default.fileExists(atPath: "/dev/full"), "Linux has /dev/full")
        let result = try Command.dealrules(arguments, standardOutput: "/dev/full")
        #expect(result.status == 2)
        #expect(result.stderr.contains("E503"))
        #expect(result.stderr.contains("cannot write to standard output"))
    }

    @Test("--output writes the report to a file and nothing to standard output")
    func outputFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.json").path
        let result = try Command.dealrules(["check", "Rules", "--data", "data/deals.yaml", "--as-of", "2026-11-24",
                                            "--format", "json", "--output", target])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.contains(#""as_of": "2026-11-24""#))
    }

    @Test("dealrules test runs the starter rules' tests")
    func ruleTests() throws {
        let result = try Command.dealrules(["test", "Rules"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix("0 failed"), "last line: \(last)")
    }

    @Test("fmt --check accepts the starter rules as formatted")
    func formatted() throws {
        let result = try Command.dealrules(["fmt", "--check", "Rules"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
