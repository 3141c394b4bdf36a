import Foundation
import Testing
import DealRules
import DealRulesModel

/// Builds engines on the bundled rules and deals, and runs scripted
/// sessions through `ReplDriver` into a transcript that reads like a
/// terminal session (prompt, typed line, then what was printed).
enum ReplFixture {
    /// The repository reached through a link of fixed length, so that tables
    /// whose widths depend on file paths come out the same in every checkout.
    static let root: String = {
        let repository = PseudoTerminal.repositoryRoot()
        let link = NSTemporaryDirectory() + "dealrules-repl-fixture-\(getuid())"
        let manager = FileManager.default
        if (try? manager.destinationOfSymbolicLink(atPath: link)) != repository {
            try? manager.removeItem(atPath: link)
            try? manager.createSymbolicLink(atPath: link, withDestinationPath: repository)
        }
        return (try? manager.destinationOfSymbolicLink(atPath: link)) == repository ? link : repository
    }()
    static let rules = root + "/Rules"
    static let deals = root + "/data/deals.yaml"
    static let asOf = DateValue(year: 2026, month: 11, day: 24) ?? .epoch

    static func engine(rules: [String]? = nil, data: [String]? = nil) -> ReplEngine {
        ReplEngine(ReplConfiguration(rulePaths: rules ?? [Self.rules], dataPaths: data ?? [Self.deals], asOf: asOf))
    }

    /// Engine already started (command-line files loaded).
    static func started(rules: [String]? = nil, data: [String]? = nil) -> ReplEngine {
        let engine = engine(rules: rules, data: data)
        let reply = engine.start()
        #expect(!reply.failed, "start failed: \(reply.errors)")
        return engine
    }

    struct Session {
        var transcript: String
        var status: Int32
    }

    /// Feeds `lines` (nil stands for Ctrl-C) and returns the transcript
    /// with the repository path removed, so it is the same on every machine.
    static func session(_ lines: [String?], engine: ReplEngine? = nil) -> Session {
        let engine = engine ?? Self.engine()
        var remaining = lines[...]
        var transcript = ""
        let status = ReplDriver.run(
            engine, interactive: false,
            read: { prompt in
                guard let next = remaining.popFirst() else { return .endOfInput }
                guard let line = next else {
                    transcript += prompt + "^C\n"
                    return .interrupted
                }
                transcript += prompt + line + "\n"
                return .line(line)
            },
            write: { text, _ in transcript += text })
        return Session(transcript: transcript.replacingOccurrences(of: root + "/", with: ""), status: status)
    }
}

/// Golden transcripts under Golden/repl/; `UPDATE_GOLDEN=1` rewrites them.
enum ReplGolden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("repl")

    static func expect(_ actual: String, name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try Golden.expect(actual, area: "repl", name: name, sourceLocation: sourceLocation)
    }
}

/// A fresh temporary folder, removed by the caller.
func replTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-repl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
