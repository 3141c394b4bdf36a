import Foundation
import Testing

/// The sessions shown in REPL.md are slices of the golden sessions, so
/// the documentation shows what the REPL really prints. With
/// `UPDATE_GOLDEN=1` the slices are refreshed from a new run.
@Suite("REPL documentation")
struct ReplDocumentTests {
    static let document = URL(fileURLWithPath: ReplFixture.root).appendingPathComponent("REPL.md")

    /// A transcript cut into inputs: each piece starts at a main prompt.
    static func inputs(_ transcript: String) -> [String] {
        var pieces: [String] = []
        for line in transcript.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("dealrules> ") || pieces.isEmpty {
                pieces.append(String(line))
            } else {
                pieces[pieces.count - 1] += "\n" + line
            }
        }
        return pieces.filter { !$0.isEmpty }
    }

    /// The golden slice a documented session stands for: as many inputs as
    /// it shows, from the one it starts with.
    static func slice(for block: String, in transcripts: [[String]]) -> String? {
        let shown = inputs(block)
        guard let first = shown.first?.split(separator: "\n").first.map(String.init) else { return nil }
        for pieces in transcripts {
            guard let start = pieces.firstIndex(where: { $0.split(separator: "\n").first.map(String.init) == first }),
                  start + shown.count <= pieces.count
            else { continue }
            var slice = pieces[start..<(start + shown.count)].joined(separator: "\n")
            while slice.hasSuffix("\n") { slice.removeLast() }
            return slice
        }
        return nil
    }

    @Test func documentedSessionsAreTheGoldenTranscripts() throws {
        // The sessions are run here rather than read from the golden files,
        // so an update of both at once does not depend on test order.
        let transcripts = [ReplGoldenTests.tutorial, ReplGoldenTests.mistakes].map {
            Self.inputs(ReplFixture.session($0).transcript)
        }
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        var parts = text.components(separatedBy: "```\n")
        var checked = 0
        // Odd parts are the insides of fenced blocks.
        for index in parts.indices where index % 2 == 1 && parts[index].hasPrefix("dealrules> ") {
            let block = String(parts[index].dropLast())
            guard let expected = Self.slice(for: block, in: transcripts) else {
                Issue.record("REPL.md shows a session that no golden transcript has: \(block.prefix(80))")
                continue
            }
            checked += 1
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                parts[index] = expected + "\n"
            } else {
                #expect(block == expected, "REPL.md differs from the golden transcript; UPDATE_GOLDEN=1 refreshes it")
            }
        }
        #expect(checked >= 5)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try parts.joined(separator: "```\n").write(to: Self.document, atomically: true, encoding: .utf8)
        }
    }
}
