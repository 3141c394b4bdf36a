import ArgumentParser
import DealRules
import DealRulesModel
import Foundation
import LineEditor

/// `dealrules repl`: the interactive session. Synchronous on purpose: the
/// line editor needs the main thread so that Ctrl-C interrupts its read.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Explore rules and deals interactively.",
        discussion: """
        Type statements (kept in the session), expressions (evaluated for the current deal or for every deal), or meta-commands such as :help, :deals, :run and :explain RULE.

        On a terminal: line editing, Tab completion, and history in ~/.dealrules_history (DEALRULES_HISTORY names another file; empty turns history off). With standard input from a file or a pipe it reads lines without prompts; the exit status is then 2 if any line failed, else 0. REPL.md documents the session.

        Examples:
          dealrules repl Rules --data data/deals.yaml
          dealrules repl Rules --data data/deals.yaml --as-of 2026-11-24 < session.txt
        """
    )

    @Argument(help: "Rule files or directories to load first.")
    var rules: [String] = []

    @Option(name: .customLong("data"), help: "A deal data file: JSON, NDJSON, YAML or CSV. Repeatable.")
    var data: [String] = []

    @Option(name: .customLong("as-of"), help: "The as-of date (YYYY-MM-DD); default today.")
    var asOf: DateValue?

    @OptionGroup var color: ColorOptions

    func validate() throws {
        if data.contains("-") {
            throw ValidationError("the REPL reads its input from standard input; give --data a file")
        }
    }

    func run() throws {
        let interactive = LineEditor.isInteractive
        let engine = ReplEngine(ReplConfiguration(
            rulePaths: rules, dataPaths: data, asOf: asOf ?? .todayUTC,
            color: interactive && color.enabled()))
        let reader: any LineReading
        if interactive {
            let editor = LineEditor(historyPath: HistoryLocation.forCurrentProcess())
            // libedit calls the provider on this thread, inside readLine.
            nonisolated(unsafe) let completer = engine
            editor.setCompletionProvider { before, word in
                let names = completer.completions(lineBeforeCursor: before, word: word)
                // A folder is completed further: no space after `Rules/`.
                LineEditor.setSpaceAfterCompletion(!(names.count == 1 && names[0].hasSuffix("/")))
                return names
            }
            reader = editor
        } else {
            reader = PlainLineReader()
        }
        let status = ReplDriver.run(
            engine, interactive: interactive,
            read: { prompt in
                switch reader.readLine(prompt: prompt) {
                case .line(let line): return .line(line)
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            },
            write: { text, stream in
                let handle = stream == .output ? FileHandle.standardOutput : FileHandle.standardError
                // Straight from the text's bytes: a large reply (a `:run`
                // over a big portfolio) is not copied again to be written.
                var text = text
                text.withUTF8 { bytes in
                    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                    handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
                }
            },
            remember: { reader.addHistory($0) })
        reader.saveHistory()
        throw ExitCode(status)
    }
}
