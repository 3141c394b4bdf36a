import DealRulesData
import DealRulesModel
import Foundation

/// Helpers for the data-loading tests.
enum DataFixtures {
    static func load(_ text: String, _ format: DataFormat, limits: DataLimits = .standard, path: String? = nil) -> LoadedData {
        DataLoader.load(bytes: Array(text.utf8), path: path ?? "test.\(format.rawValue)", format: format, limits: limits)
    }

    /// `/work/shared`-style locations are found from this file, so tests run from any directory.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var sharedRoot: URL {
        if let override = ProcessInfo.processInfo.environment["DEALRULES_SHARED"] { return URL(fileURLWithPath: override) }
        return URL(fileURLWithPath: "/work/shared")
    }

    /// Runs `body` with a fresh directory, removed afterwards.
    static func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    static func rendered(_ value: Value?) -> String? {
        value.map { ValueRendering.render($0) }
    }

    static func codes(_ data: LoadedData) -> [String] {
        data.diagnostics.map(\.code)
    }
}

extension Deal {
    /// The value of a top-level field by its normalised key.
    subscript(_ key: String) -> Value? { record[key] }
}
