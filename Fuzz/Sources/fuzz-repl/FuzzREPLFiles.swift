import Foundation
import FuzzSupport

/// A scratch folder with the reference rules and data, and a guard that
/// keeps fuzzed file commands inside it.
enum FuzzREPLFiles {
    static let folder: String = {
        let path = NSTemporaryDirectory() + "dealrules-fuzz-repl-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static let rulesPath: String = {
        let path = folder + "/reference.rules"
        _ = FileManager.default.createFile(atPath: path, contents: Data(FuzzInput.referenceRules.utf8))
        return path
    }()

    static let dataPath: String = {
        let path = folder + "/reference.yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(FuzzInput.referenceData.utf8))
        return path
    }()

    /// `:load`, `:data` and `:save` get their paths pointed into the
    /// scratch folder (names kept, folders dropped) so that a fuzzed line
    /// can neither write outside it nor walk the whole file system;
    /// everything else is passed through unchanged.
    static func confine(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(":") else { return line }
        let words = trimmed.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let command = words.first, ["load", "data", "save"].contains(command.lowercased()) else { return line }
        let paths = words.dropFirst().map { word -> String in
            let name = word.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }.prefix(40)
            return folder + "/" + (name.isEmpty || name.allSatisfy { $0 == "." } ? "x" : String(name))
        }
        return ":" + command + " " + paths.joined(separator: " ")
    }
}
