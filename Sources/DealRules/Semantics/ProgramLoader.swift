import Foundation
import DealRulesModel
import DealRulesSyntax

/// Reads rule files, follows `use` (LANGUAGE.md §7.3) and checks the
/// result. `use` paths are relative to the using file, must stay inside the
/// tree the command was given, are loaded once, and may not form a cycle.
public struct ProgramLoader {
    public static let maximumFileSize = 16 * 1024 * 1024
    public static let maximumUseDepth = 64

    public struct Result: Sendable {
        public var program: CheckedProgram?
        public var files: [ParsedFile]
        public var diagnostics: [Diagnostic]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    private var files: [ParsedFile] = []
    private var loaded: Set<String> = []
    private var diagnostics: [Diagnostic] = []

    /// Loads and checks the rule files and directories named on a command line.
    public static func load(paths: [String]) -> Result {
        var loader = ProgramLoader()
        let (expanded, missing) = RuleFiles.expand(paths)
        for path in missing {
            loader.diagnostics.append(Diagnostic(.error, code: "E501", message: "no such file or directory: \(path)",
                                                 location: SourceLocation(path: path, line: 1, column: 1)))
        }
        var roots: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let root = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
            roots.append(canonical(root.isEmpty ? "." : root))
        }
        let named = Set(paths)
        for file in expanded {
            let canonicalFile = canonical(file)
            let inside = roots.filter { canonicalFile.hasPrefix($0 == "/" ? "/" : $0 + "/") }.min { $0.count < $1.count }
            // A file found inside a folder that is a link to somewhere else is
            // not read: a rules folder from elsewhere could otherwise show
            // any file on the machine in its error messages.
            if inside == nil && !named.contains(file) {
                loader.report("E211", "\(file) is a link to \(canonicalFile), outside the rules folder", path: file, usedAt: nil)
                continue
            }
            let root = inside ?? canonical((file as NSString).deletingLastPathComponent)
            loader.loadFile(displayPath: file, root: root, stack: [], usedAt: nil)
        }
        return loader.finish(root: roots.first)
    }

    /// Loads rule text that is not on disk (REPL input, tests); `use` inside
    /// it resolves against `root` when given.
    public static func load(sources: [SourceFile], root: String? = nil) -> Result {
        var loader = ProgramLoader()
        for source in sources {
            loader.add(source: source, root: root.map(canonical), stack: [])
        }
        return loader.finish(root: root)
    }

    private func finish(root: String?) -> Result {
        var all = diagnostics
        for file in files { all.append(contentsOf: file.diagnostics) }
        let (program, checkDiagnostics) = Checker.check(files, root: root)
        all.append(contentsOf: checkDiagnostics)
        return Result(program: all.contains { $0.severity == .error } ? nil : program, files: files, diagnostics: all)
    }

    // MARK: Files

    private mutating func loadFile(displayPath: String, root: String, stack: [String], usedAt: Span?) {
        let key = ProgramLoader.canonical(displayPath)
        if stack.contains(key) {
            let chain = (stack + [key]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            diagnostics.append(.error("E213", "`use` forms a cycle: \(chain)", at: usedAt))
            return
        }
        guard loaded.insert(key).inserted else { return }
        if stack.count >= ProgramLoader.maximumUseDepth {
            diagnostics.append(.error("E214", "`use` is nested more than \(ProgramLoader.maximumUseDepth) files deep", at: usedAt))
            return
        }
        // `key` has its links resolved: the type and size are those of the file itself.
        let attributes = try? FileManager.default.attributesOfItem(atPath: key)
        // Devices and pipes never end (or block): only regular files are read.
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            report("E216", "cannot read \(displayPath): not a regular file", path: displayPath, usedAt: usedAt)
            return
        }
        if let size = attributes?[.size] as? NSNumber, size.intValue > ProgramLoader.maximumFileSize {
            report("E215", "\(displayPath) is \(size.intValue) bytes; rule files may be at most 16 MiB", path: displayPath, usedAt: usedAt)
            return
        }
        guard let data = FileManager.default.contents(atPath: displayPath) else {
            report("E216", "cannot read \(displayPath)", path: displayPath, usedAt: usedAt)
            return
        }
        let text = String(decoding: data, as: UTF8.self)
        add(source: SourceFile(path: displayPath, text: text), root: root, stack: stack + [key])
    }

    private mutating func report(_ code: String, _ message: String, path: String, usedAt: Span?) {
        if let usedAt {
            diagnostics.append(.error(code, message, at: usedAt))
        } else {
            diagnostics.append(Diagnostic(.error, code: code, message: message, location: SourceLocation(path: path, line: 1, column: 1)))
        }
    }

    private mutating func add(source: SourceFile, root: String?, stack: [String]) {
        let parsed = Parser.parse(source)
        files.append(parsed)
        for statement in parsed.statements {
            guard case .use(let use) = statement else { continue }
            follow(use, from: source, root: root, stack: stack)
        }
    }

    private mutating func follow(_ use: UseDecl, from source: SourceFile, root: String?, stack: [String]) {
        if use.path.hasPrefix("/") || use.path.hasPrefix("~") {
            diagnostics.append(.error("E210", "`use` takes a path relative to this file, not an absolute path", at: use.pathSpan,
                                      help: ["write the path from this file's folder, e.g. use \"common/power.rules\""]))
            return
        }
        let directory = (source.path as NSString).deletingLastPathComponent
        let displayPath = ProgramLoader.tidy(directory.isEmpty ? use.path : directory + "/" + use.path)
        let target = ProgramLoader.canonical(displayPath)
        let boundary = root ?? ProgramLoader.canonical(directory.isEmpty ? "." : directory)
        guard target == boundary || target.hasPrefix(boundary == "/" ? "/" : boundary + "/") else {
            diagnostics.append(.error("E211", "`use \"\(use.path)\"` leaves the rules folder \(boundary)", at: use.pathSpan,
                                      help: ["rule files may only use files inside the folder the command was given"]))
            return
        }
        guard FileManager.default.fileExists(atPath: displayPath) else {
            diagnostics.append(.error("E212", "`use` names a file that does not exist: \(displayPath)", at: use.pathSpan))
            return
        }
        loadFile(displayPath: displayPath, root: boundary, stack: stack, usedAt: use.pathSpan)
    }

    /// Absolute, symlink-free, `.`/`..`-free form of a path, for identity and confinement.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Removes `./` and folds `dir/..` textually, for paths shown to people.
    static func tidy(_ path: String) -> String {
        var parts: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            if part == "." || (part.isEmpty && !parts.isEmpty) { continue }
            if part == "..", let last = parts.last, last != "..", !last.isEmpty {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
