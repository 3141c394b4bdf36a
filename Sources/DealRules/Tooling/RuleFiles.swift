import Foundation

/// Turns the paths given on a command line into rule files (LANGUAGE.md §2):
/// a directory means every `*.rules` and `*.rules.md` below it, recursively,
/// in sorted path order; a file is taken as given.
public enum RuleFiles {
    public static func isRuleFile(_ path: String) -> Bool {
        path.hasSuffix(".rules") || path.hasSuffix(".rules.md")
    }

    public static func isLiterate(_ path: String) -> Bool {
        path.hasSuffix(".rules.md")
    }

    /// Expands directories. Paths that do not exist are returned as
    /// `missing` so the caller can report them all at once.
    public static func expand(_ paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            if isDirectory.boolValue {
                files.append(contentsOf: ruleFiles(under: path))
            } else {
                files.append(path)
            }
        }
        return (files, missing)
    }

    private static func ruleFiles(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if isRuleFile(relative) {
                found.append(directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
            }
        }
        return found.sorted()
    }
}
