import DealRulesModel
import DealRulesSyntax
import Foundation

/// What `dealrules fmt` did.
public struct FormatOutcome: Sendable {
    /// 0: every file is formatted; 1: `--check` found files that would
    /// change; 2: a file could not be read, parsed or written.
    public var exitCode: Int32
    /// One line per file that changed (or, with `--check`, would change).
    public var stdout: String
    public var diagnostics: [Diagnostic]
    /// The files that changed or would change.
    public var changedFiles: [String]

    public init(exitCode: Int32, stdout: String, diagnostics: [Diagnostic], changedFiles: [String]) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.diagnostics = diagnostics
        self.changedFiles = changedFiles
    }
}

/// `dealrules fmt [--check] [FILES...]`: rewrites rule files in canonical
/// layout. A file with syntax errors is never written; writes go through a
/// temporary file and a rename so a file is never left half-written.
public enum FormatRunner {
    public static func run(paths: [String], check: Bool) -> FormatOutcome {
        let (files, missing) = RuleFiles.expand(paths.isEmpty ? ["."] : paths)
        var diagnostics: [Diagnostic] = missing.map {
            Diagnostic(code: "E190", message: "no such file or directory: \($0)")
        }
        var changed: [String] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(Diagnostic(code: "E190", message: "cannot read \(path)"))
                continue
            }
            let original = String(decoding: data, as: UTF8.self)
            let parsed = Parser.parse(SourceFile(path: path, text: original))
            if parsed.diagnostics.contains(where: { $0.severity == .error }) {
                diagnostics.append(contentsOf: parsed.diagnostics)
                continue
            }
            let formatted = Printer.format(parsed)
            guard Array(formatted.utf8) != Array(data) else { continue }
            changed.append(path)
            if check { continue }
            if let failure = writeAtomically(formatted, to: path) {
                diagnostics.append(failure)
            }
        }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        let exitCode: Int32 = hasErrors ? 2 : (check && !changed.isEmpty ? 1 : 0)
        let stdout = changed.map { (check ? "would reformat " : "reformatted ") + $0 + "\n" }.joined()
        return FormatOutcome(exitCode: exitCode, stdout: stdout, diagnostics: diagnostics, changedFiles: changed)
    }

    /// Writes beside the target, then renames over it.
    static func writeAtomically(_ text: String, to path: String) -> Diagnostic? {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).fmt-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
               let permissions = attributes[.posixPermissions] {
                try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
            if rename(temporary.path, path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
                return Diagnostic(code: "E191", message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            return nil
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return Diagnostic(code: "E191", message: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
