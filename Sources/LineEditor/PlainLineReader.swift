/// Reads standard input line by line without prompts, history or editing,
/// so a session can be scripted: `dealrules repl < session.txt`.
public final class PlainLineReader: LineReading {
    public init() {}

    /// Ignores the prompt: scripted output stays free of prompt noise.
    public func readLine(prompt: String) -> LineEditorResult {
        guard let line = Swift.readLine(strippingNewline: true) else {
            return .endOfInput
        }
        return .line(line)
    }

    public func addHistory(_ line: String) {}

    public func saveHistory() {}
}
