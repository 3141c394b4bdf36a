/// The deal data formats `--data` accepts (CLI.md), chosen by extension or
/// by `--data-format`.
public enum DataFormat: String, CaseIterable, Sendable {
    case json, ndjson, yaml, csv

    /// The format a file name's extension names, or nil when it names none.
    public static func infer(path: String) -> DataFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "json": return .json
        case "ndjson", "jsonl": return .ndjson
        case "yaml", "yml": return .yaml
        case "csv": return .csv
        default: return nil
        }
    }

    /// Guesses the format of unnamed input (standard input): a `[` or `{`
    /// starts JSON, several lines that each start with `{` are NDJSON, and
    /// anything else is read as YAML. CSV is never guessed.
    public static func sniff(_ bytes: [UInt8]) -> DataFormat {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { return .yaml }
        if bytes[index] == UInt8(ascii: "[") { return .json }
        guard bytes[index] == UInt8(ascii: "{") else { return .yaml }
        // Look at the first non-blank character of the next non-blank line.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "{") { return .ndjson }
        return .json
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
