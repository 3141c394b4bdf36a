/// A source of input lines: `LineEditor` on a terminal, `PlainLineReader`
/// when standard input is a file or a pipe.
public protocol LineReading: AnyObject {
    func readLine(prompt: String) -> LineEditorResult
    func addHistory(_ line: String)
    func saveHistory()
}

/// Chooses the reader for this process's standard input.
public enum LineReaders {
    /// A `LineEditor` when both standard input and output are terminals
    /// (with stdout piped, libedit's editing degrades), otherwise a
    /// `PlainLineReader` that prints no prompts.
    public static func forStandardInput(historyPath: String?, historyLimit: Int = 1000) -> any LineReading {
        if LineEditor.isInteractive {
            return LineEditor(historyPath: historyPath, historyLimit: historyLimit)
        }
        return PlainLineReader()
    }
}
