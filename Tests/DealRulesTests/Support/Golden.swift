import Foundation
import Testing

/// Golden files under `Tests/DealRulesTests/Golden/<area>/`. A test compares
/// its output byte for byte; `UPDATE_GOLDEN=1 swift test` rewrites them.
enum Golden {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// `name` may include subfolders (`explain/firing.txt`).
    static func expect(_ actual: String, area: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = root.appendingPathComponent(area)
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden file \(url.path); run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
        let expectedLine = line < want.count ? String(want[line]) : "<end>"
        let actualLine = line < got.count ? String(got[line]) : "<end>"
        Issue.record(Comment(rawValue: "\(area)/\(name) differs at line \(line + 1):\n  expected: \(expectedLine)\n  actual:   \(actualLine)\n(run with UPDATE_GOLDEN=1 to accept)"),
                     sourceLocation: sourceLocation)
    }
}

/// Runs the built `dealrules` binary as a user would, in the repository root.
enum Command {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var repositoryRoot: String { PseudoTerminal.repositoryRoot() }

    /// - Parameter standardOutput: a file to send standard output to (such
    ///   as `/dev/full`) instead of collecting it; `stdout` is then empty.
    static func dealrules(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                          standardOutput: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PseudoTerminal.dealrulesExecutable())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Files, not pipes: a large report can never block the child.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out")
        let errURL = directory.appendingPathComponent("err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: standardOutput.map { URL(fileURLWithPath: $0) } ?? outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = directory.appendingPathComponent("in")
            try Data(stdin.utf8).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = String(decoding: FileManager.default.contents(atPath: outURL.path) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: FileManager.default.contents(atPath: errURL.path) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
