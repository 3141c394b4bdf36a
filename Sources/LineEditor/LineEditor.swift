@preconcurrency import CEditLine
import CInterrupt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line editing, history and tab completion on a terminal, through
/// libedit's readline-compatible API.
///
/// That API is process-global: create one `LineEditor` per process and use
/// it from the main thread (a synchronous command, not an async one: off the
/// main thread SIGINT no longer interrupts the blocking read). Creating it
/// installs a SIGINT handler, so Ctrl-C makes `readLine` return
/// `.interrupted` instead of ending the process.
public final class LineEditor: LineReading {
    /// The history file, or nil when history is not kept.
    public let historyPath: String?
    public let historyLimit: Int
    private var lastHistoryEntry: String?

    /// True when standard input and output are both terminals: the only case
    /// in which libedit edits well.
    public static var isInteractive: Bool {
        isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    }

    /// `historyPath` is read now and written by `saveHistory()`; at most
    /// `historyLimit` entries are kept. `HistoryLocation.forCurrentProcess()`
    /// gives the usual path.
    public init(historyPath: String?, historyLimit: Int = 1000) {
        self.historyPath = historyPath
        self.historyLimit = max(1, historyLimit)
        Self.useUTF8Locale()
        _ = dr_install_interrupt_handler()
        // libedit names the editor after it: ~/.editrc lines that start
        // with `dealrules:` apply to this program only.
        rl_readline_name = UnsafePointer(Self.programName)
        // rl_initialize must come before the other settings: they live in
        // the editor it creates.
        _ = rl_initialize()
        rl_completer_word_break_characters = Self.wordBreakCharacters
        rl_basic_word_break_characters = UnsafePointer(Self.wordBreakCharacters)
        rl_attempted_completion_function = { text, _, _ in
            LineEditor.complete(text: text)
        }
        using_history()
        stifle_history(Int32(clamping: self.historyLimit))
        if let historyPath {
            // A missing file is the normal first run; nothing to report.
            _ = read_history(historyPath)
        }
    }

    /// Shows `prompt` and reads one line with editing.
    public func readLine(prompt: String) -> LineEditorResult {
        _ = dr_take_interrupt()
        guard let raw = CEditLine.readline(prompt) else {
            if dr_take_interrupt() != 0 {
                // The cursor is still on the abandoned line.
                fputs("\n", stdout)
                fflush(stdout)
                return .interrupted
            }
            // Ctrl-D leaves the cursor after the prompt.
            fputs("\n", stdout)
            fflush(stdout)
            return .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    /// Adds a line to the history, skipping blank lines and a repeat of the
    /// previous entry.
    public func addHistory(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }), line != lastHistoryEntry else {
            return
        }
        _ = add_history(line)
        lastHistoryEntry = line
    }

    /// Writes the history file (at most `historyLimit` entries). Errors are
    /// ignored: losing history must not end a session.
    public func saveHistory() {
        guard let historyPath else {
            return
        }
        // write_history keeps the file's header; history_truncate_file
        // would drop it and the next read would load nothing.
        _ = write_history(historyPath)
    }

    /// Sets what Tab offers. The provider gets the text before the cursor
    /// and the word being completed, and returns names that may continue
    /// it; names may contain spaces. See `CompletionShaping` for how they
    /// are matched and shown.
    public func setCompletionProvider(_ provider: @escaping @Sendable (_ lineBeforeCursor: String, _ word: String) -> [String]) {
        Self.completionProvider = provider
    }

    /// True once if Ctrl-C was pressed since the last call or the last
    /// `readLine`; lets a long evaluation notice it and stop early.
    public static func takePendingInterrupt() -> Bool {
        dr_take_interrupt() != 0
    }

    // MARK: - libedit glue

    // The C callback cannot capture context, so the provider lives here;
    // it is only touched on the thread that calls readline.
    nonisolated(unsafe) private static var completionProvider: (@Sendable (String, String) -> [String])?

    // libedit keeps these pointers, so the strings live for the process.
    nonisolated(unsafe) private static let programName: UnsafeMutablePointer<CChar>? = strdup("dealrules")

    nonisolated(unsafe) private static let wordBreakCharacters: UnsafeMutablePointer<CChar>? =
        strdup(CompletionShaping.wordBreakCharacters)

    private static func complete(text: UnsafePointer<CChar>?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        // Never fall back to file-name completion.
        rl_attempted_completion_over = 1
        guard let provider = completionProvider else {
            return nil
        }
        // The provider may turn the space off for this completion only.
        setSpaceAfterCompletion(true)
        let word = text.map { String(cString: $0) } ?? ""
        let before = lineBeforeCursor(word: word)
        let entries = CompletionShaping.readlineEntries(
            candidates: provider(before, word), lineBeforeCursor: before, word: word)
        return cStringArray(entries)
    }

    /// The text before the cursor. `rl_line_buffer` holds UTF-8 bytes but
    /// libedit counts `rl_point` in characters (Unicode scalars), so the
    /// buffer is decoded first and then cut.
    private static func lineBeforeCursor(word: String) -> String {
        guard let buffer = rl_line_buffer else {
            return word
        }
        let scalars = String(cString: buffer).unicodeScalars
        let point = max(0, Int(rl_point))
        var before = String.UnicodeScalarView()
        before.append(contentsOf: scalars.prefix(point))
        return String(before)
    }

    /// A NULL-terminated, malloc'ed array of strdup'ed strings: libedit
    /// frees both. Nil for no entries.
    private static func cStringArray(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !strings.isEmpty,
              let raw = calloc(strings.count + 1, MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)
        else { return nil }
        let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: strings.count + 1)
        for (index, string) in strings.enumerated() {
            array[index] = strdup(string)
        }
        array[strings.count] = nil
        return array
    }

    /// Without a UTF-8 locale libedit mangles non-ASCII input.
    private static func useUTF8Locale() {
        _ = setlocale(LC_CTYPE, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        if String(codeset.uppercased().filter { $0 != "-" }) != "UTF8" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
