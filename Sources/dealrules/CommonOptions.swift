import ArgumentParser
import DealRules
import DealRulesData
import DealRulesModel
import Foundation
import Synchronization

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
/// Output that could not be written (a full disk, a device error) is an
/// error of its own, E503, and the exit status 2: never a silent loss.
func finish(_ output: CommandOutput) throws -> Never {
    // Output handed over in pieces ends with a line break like the rest.
    if StandardOutput.piecesLackLineEnd { writeStandardOutput("\n") }
    writeEnded(output.stdout, to: STDOUT_FILENO)
    var stderr = output.stderr
    var status = output.exitCode
    if let failure = StandardOutput.failure {
        let problem = Diagnostic(.error, code: "E503", message: "cannot write to standard output: \(String(cString: strerror(failure)))",
                                 help: ["what was written is incomplete; free space where standard output goes, or send it elsewhere"])
        if !stderr.isEmpty && !stderr.hasSuffix("\n") { stderr += "\n" }
        stderr += DiagnosticRenderer.render([problem], color: false)
        status = 2
    }
    writeEnded(stderr, to: STDERR_FILENO)
    throw ExitCode(status)
}

/// Writes a piece of a command's standard output as soon as it is made.
func writeStandardOutput(_ piece: String) {
    guard StandardOutput.failure == nil, !piece.isEmpty else { return }
    var piece = piece
    let failure = piece.withUTF8 { writeAll($0, to: STDOUT_FILENO) }
    StandardOutput.wrote(piece, failure: failure)
}

/// What has gone to standard output, kept for `finish`: the first error
/// writing it, and whether pieces written so far ended without a line break.
private enum StandardOutput {
    private struct State {
        var failure: Int32?
        var piecesLackLineEnd = false
    }

    private static let state = Mutex(State())

    static var failure: Int32? { state.withLock { $0.failure } }

    static var piecesLackLineEnd: Bool { state.withLock { $0.piecesLackLineEnd } }

    static func wrote(_ piece: String, failure: Int32?) {
        state.withLock { state in
            state.piecesLackLineEnd = !piece.hasSuffix("\n")
            if state.failure == nil { state.failure = failure }
        }
    }
}

/// Writes the text, and a line break if it lacks one, straight from the
/// string's own bytes: a report can be hundreds of megabytes, and a copy
/// into `Data` would hold it twice.
private func writeEnded(_ text: String, to descriptor: Int32) {
    guard !text.isEmpty else { return }
    let ended = text.hasSuffix("\n") ? text : text + "\n"
    if descriptor == STDOUT_FILENO {
        writeStandardOutput(ended)
        return
    }
    var bytes = ended
    _ = bytes.withUTF8 { writeAll($0, to: descriptor) }
}

/// `write(2)` until every byte is out, retrying an interrupted call; the
/// `errno` of any other failure (a closed pipe ends the process by signal
/// first), nil when all was written.
private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var written = 0
    while written < bytes.count {
        let result = write(descriptor, base + written, bytes.count - written)
        if result > 0 {
            written += result
        } else if result < 0 && errno == EINTR {
            continue
        } else {
            return result < 0 ? errno : EIO
        }
    }
    return nil
}
