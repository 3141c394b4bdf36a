import ArgumentParser
import DealRules
import DealRulesData
import DealRulesModel
import Foundation

/// Options every command takes.
struct ColorOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: "Never colour the output (NO_COLOR in the environment does the same).")
    var noColor = false

    /// Colour only for a terminal, and never with --no-color or NO_COLOR.
    func enabled(for handle: Int32 = STDOUT_FILENO) -> Bool {
        if noColor { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return isatty(handle) == 1
    }
}

/// The deal data and as-of date that `check` and `explain` evaluate against.
struct DealDataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "A deal data file: JSON, NDJSON, YAML or CSV; `-` reads standard input. Repeatable.")
    var data: [String] = []

    @Option(name: .customLong("data-format"), help: "Read data as json, ndjson, yaml or csv whatever the file name says.")
    var dataFormat: DataFormat?

    @Option(name: .customLong("as-of"), help: "The as-of date (YYYY-MM-DD); default today.")
    var asOf: DateValue?

    func validate() throws {
        if data.isEmpty { throw ValidationError("name the deal data with --data FILE (use - for standard input)") }
    }

    /// The as-of date to evaluate with: the one given, else today.
    var date: DateValue { asOf ?? .todayUTC }
}

extension DateValue: ExpressibleByArgument {
    public init?(argument: String) {
        guard let date = DateValue.parse(argument) else { return nil }
        self = date
    }
}

extension Severity: ExpressibleByArgument {}

/// Writes a command's output and ends the process with its exit status.
func finish(_ output: CommandOutput) throws -> Never {
    if !output.stdout.isEmpty {
        FileHandle.standardOutput.write(Data(output.stdout.utf8))
        if !output.stdout.hasSuffix("\n") { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
    if !output.stderr.isEmpty {
        FileHandle.standardError.write(Data(output.stderr.utf8))
        if !output.stderr.hasSuffix("\n") { FileHandle.standardError.write(Data("\n".utf8)) }
    }
    throw ExitCode(output.exitCode)
}
