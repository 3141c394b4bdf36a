import CMemoryHints
import Foundation
import DealRulesModel
import DealRulesData

/// What a process run of a command produced. Commands are run in-process
/// through these so that tests drive exactly what the CLI does.
public struct CommandOutput: Sendable {
    public var stdout: String
    public var stderr: String
    public var exitCode: Int32

    public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }
}

/// `dealrules check`: rules + data → report + exit status (CLI.md).
public enum CheckRun {
    public struct Request: Sendable {
        public var rulePaths: [String]
        public var dataPaths: [String]
        public var dataFormat: DataFormat?
        public var asOf: DateValue
        public var format: ReportFormat
        public var output: String?
        /// nil means `--fail-on none`.
        public var failOn: Severity?
        public var failOnUndetermined: Bool
        public var baseline: String?
        public var rules: [String]
        public var deals: [String]
        public var showClear: Bool
        public var color: Bool
        public var limits: DataLimits
        /// Shows progress of long runs (the CLI passes one for standard error).
        public var progress: ProgressReporter?

        public init(rulePaths: [String], dataPaths: [String], asOf: DateValue, format: ReportFormat = .text) {
            self.rulePaths = rulePaths
            self.dataPaths = dataPaths
            self.dataFormat = nil
            self.asOf = asOf
            self.format = format
            self.output = nil
            self.failOn = .high
            self.failOnUndetermined = false
            self.baseline = nil
            self.rules = []
            self.deals = []
            self.showClear = false
            self.color = false
            self.limits = .standard
            self.progress = nil
        }
    }

    /// - Parameter stdout: when given, the report is handed to it in pieces
    ///   as it is written instead of being returned in `stdout` — a report
    ///   of a large portfolio is then never held whole.
    public static func execute(_ request: Request, stdout: ((String) -> Void)? = nil) -> CommandOutput {
        var output = CommandOutput()
        let loaded = ProgramLoader.load(paths: request.rulePaths)
        var problems = loaded.diagnostics
        guard let program = loaded.program, !loaded.hasErrors else {
            output.stderr = DiagnosticRenderer.render(problems, color: request.color)
            output.exitCode = 2
            return output
        }
        request.progress?.announce("loading \(request.dataPaths.joined(separator: ", "))…")
        let data = DataLoader.loadAll(paths: request.dataPaths, format: request.dataFormat, limits: request.limits)
        // What loading freed between the deals it kept goes back before
        // evaluation allocates its columns.
        dr_release_free_memory()
        problems.append(contentsOf: data.diagnostics)
        let progress = request.progress
        var options = RuleRunner.Options(asOf: request.asOf, rules: request.rules, subjects: request.deals)
        if let progress {
            let deals = data.deals.count
            options.progress = { done, total in progress.update("evaluating rules over \(deals) deals:", done: done, total: total) }
        }
        let outcomes = RuleRunner.evaluate(program, deals: data.deals, options: options)
        var report = outcomes.report(includeClear: request.format.listsClearOutcomes(showClear: request.showClear),
                                     detailsLater: true)
        progress?.finish()
        report.errors = data.diagnostics
        report.showClear = request.showClear
        report.failOn = request.failOn
        if let path = request.baseline {
            switch Baseline.read(path: path) {
            case .success(let keys):
                report = Baseline.apply(keys, path: path, to: report)
            case .failure(let diagnostic):
                output.stderr = DiagnosticRenderer.render([diagnostic], color: request.color)
                output.exitCode = 2
                return output
            }
        }
        let unknownNames = unmatched(request, report: report, program: program, deals: data.deals)
        problems.append(contentsOf: unknownNames)

        let reportOptions = ReportOptions(color: request.color && request.output == nil, toolVersion: DealRulesVersion.current)
        if let path = request.output {
            do {
                try AtomicFile.write(to: path) { piece in
                    ReportRenderer.write(report, format: request.format, options: reportOptions, to: piece)
                }
            } catch {
                problems.append(Diagnostic(.error, code: "E502", message: "cannot write the report to \(path): \(error.localizedDescription)"))
            }
        } else if let stdout {
            ReportRenderer.write(report, format: request.format, options: reportOptions, to: stdout)
        } else {
            output.stdout = ReportRenderer.render(report, format: request.format, options: reportOptions)
        }
        if !problems.isEmpty {
            output.stderr = DiagnosticRenderer.render(problems, color: request.color)
        }
        if problems.contains(where: { $0.severity == .error }) {
            output.exitCode = 2
        } else if report.hasFailingFindings || (request.failOnUndetermined && !report.undeterminedList.isEmpty) {
            output.exitCode = 1
        }
        return output
    }

    /// `--rule`/`--deal` names that match nothing are worth a warning.
    private static func unmatched(_ request: Request, report: CheckReport, program: CheckedProgram, deals: [Deal]) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let ruleNames = program.rules.flatMap { [NameFolding.foldSymbol($0.info.name), NameFolding.foldSymbol($0.info.flag)] }
        for name in request.rules where !ruleNames.contains(NameFolding.foldSymbol(name)) {
            let suggestion = Suggestions.closest(to: name, among: program.rules.map(\.info.name))
            warnings.append(Diagnostic(.warning, code: "W501", message: "--rule \(name) matches no rule", help: suggestion.map { ["did you mean `\($0)`?"] } ?? []))
        }
        for subject in request.deals where !report.subjects.contains(subject) {
            let suggestion = Suggestions.closest(to: subject, among: report.subjects)
            warnings.append(Diagnostic(.warning, code: "W502", message: "--deal \(subject) matches no deal or group", help: suggestion.map { ["did you mean `\($0)`?"] } ?? []))
        }
        return warnings
    }
}

/// Writes a file by writing a temporary file beside it and renaming, so an
/// error never leaves a truncated file behind.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(to: path) { piece in piece(text) }
    }

    /// Writes the pieces `produce` hands to its argument, in order, as they
    /// come; the file appears (by rename) only once all are written.
    public static func write(to path: String, _ produce: (@escaping (String) -> Void) -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
            let failure = WriteFailure()
            produce { piece in
                guard failure.error == nil else { return }
                do { try handle.write(contentsOf: Data(piece.utf8)) } catch { failure.error = error }
            }
            try handle.close()
            if let error = failure.error { throw error }
            // rename(2) replaces an existing file in one step.
            guard rename(temporary.path, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// The first error of a write that goes on in pieces (later pieces are
/// dropped, and the error is thrown once all have been offered).
private final class WriteFailure {
    var error: Error?
}
