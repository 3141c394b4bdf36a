import Foundation
import Testing

/// Compares output with a golden file; `UPDATE_GOLDEN=1` rewrites it.
enum SyntaxGoldenFiles {
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        if updating {
            try? Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden file \(url.lastPathComponent); run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        #expect(actual == expected, "golden file \(url.lastPathComponent) differs", sourceLocation: sourceLocation)
    }

    /// Files directly in `directory` with the suffix, sorted.
    static func inputs(in directory: URL, suffixes: [String]) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted()
            .map { directory.appendingPathComponent($0) }
    }
}
