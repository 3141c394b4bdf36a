import DealRulesModel
import DealRulesData

/// `dealrules lint`: everything the checker finds, plus the warnings of
/// `LintCode` (docs/tooling.md). Exit 2 on errors, 1 on warnings with
/// `--strict`, else 0.
public enum LintRun {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public struct Request: Sendable {
        public var rulePaths: [String]
        public var dataPaths: [String]
        public var dataFormat: DataFormat?
        public var strict: Bool
        public var format: Format
        public var color: Bool

        public init(rulePaths: [String], dataPaths: [String] = [], strict: Bool = false, format: Format = .text) {
            self.rulePaths = rulePaths
            self.dataPaths = dataPaths
            self.dataFormat = nil
            self.strict = strict
            self.format = format
            self.color = false
        }
    }

    /// Every problem found, errors first, then warnings in file order.
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var ruleCount: Int
        public var definitionCount: Int
        public var dealCount: Int?

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    public static func execute(_ request: Request) -> CommandOutput {
        let result = lint(request)
        var output = CommandOutput()
        switch request.format {
        case .text: output.stdout = text(result, color: request.color)
        case .json: output.stdout = JSONWriter.write(json(result)) + "\n"
        }
        if result.errorCount > 0 {
            output.exitCode = 2
        } else if request.strict && result.warningCount > 0 {
            output.exitCode = 1
        }
        return output
    }

    public static func lint(_ request: Request) -> Result {
        let loaded = ProgramLoader.load(paths: request.rulePaths)
        var diagnostics = loaded.diagnostics
        var data: LoadedData? = nil
        if !request.dataPaths.isEmpty {
            let read = DataLoader.loadAll(paths: request.dataPaths, format: request.dataFormat)
            diagnostics.append(contentsOf: read.diagnostics)
            data = read
        }
        guard let program = loaded.program, !loaded.hasErrors else {
            return Result(diagnostics: ordered(diagnostics), ruleCount: 0, definitionCount: 0, dealCount: data?.deals.count)
        }
        diagnostics.append(contentsOf: lint(program, deals: data?.deals))
        return Result(diagnostics: ordered(diagnostics), ruleCount: program.rules.count,
                      definitionCount: program.definitions.count, dealCount: data?.deals.count)
    }

    /// The lint warnings for a checked program, and for data when given.
    public static func lint(_ program: CheckedProgram, deals: [Deal]?) -> [Diagnostic] {
        var warnings = LintProgramChecks.check(program, deals: deals)
        if let deals {
            warnings.append(contentsOf: LintDataChecks.check(program, deals: deals))
            warnings.append(contentsOf: LintSchemaFit.check(deals, schema: program.schema))
        }
        return warnings
    }

    /// Errors before warnings; each group by file, line and column (stable).
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let indexed = diagnostics.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { a, b in
            let (left, right) = (a.1, b.1)
            if left.severity != right.severity { return left.severity > right.severity }
            let l = left.resolvedLocation.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0)
            let r = right.resolvedLocation.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0)
            if l != r { return l < r }
            return a.0 < b.0
        }.map(\.1)
    }

    // MARK: Output

    static func text(_ result: Result, color: Bool) -> String {
        var text = ""
        if !result.diagnostics.isEmpty {
            text += DiagnosticRenderer.render(result.diagnostics, color: color) + "\n\n"
        }
        text += summary(result) + "\n"
        return text
    }

    static func summary(_ result: Result) -> String {
        if result.diagnostics.isEmpty {
            let deals = result.dealCount.map { ", \($0) deal\($0 == 1 ? "" : "s")" } ?? ""
            return "lint: no problems (\(result.ruleCount) rule\(result.ruleCount == 1 ? "" : "s"), \(result.definitionCount) definition\(result.definitionCount == 1 ? "" : "s")\(deals))"
        }
        let errors = result.errorCount
        let warnings = result.warningCount
        return "lint: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    static func json(_ result: Result) -> JSONValue {
        let items: [JSONValue] = result.diagnostics.map { diagnostic in
            let location: JSONValue = diagnostic.resolvedLocation.map { location in
                .object(["file": .string(location.path), "line": .integer(location.line), "column": .integer(location.column)])
            } ?? .null
            return .object([
                "severity": .string(diagnostic.severity.rawValue),
                "code": .string(diagnostic.code),
                "message": .string(diagnostic.message),
                "location": location,
                "notes": .array(diagnostic.notes.map(JSONValue.string)),
                "help": .array(diagnostic.help.map(JSONValue.string)),
            ])
        }
        return .object([
            "version": .integer(1),
            "diagnostics": .array(items),
            "summary": .object(["errors": .integer(result.errorCount), "warnings": .integer(result.warningCount),
                                "rules": .integer(result.ruleCount), "definitions": .integer(result.definitionCount)]),
        ])
    }
}
