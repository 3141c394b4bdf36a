/// What one read from the terminal produced.
public enum LineEditorResult: Equatable, Sendable {
    /// A line of input, without its line terminator.
    case line(String)
    /// Ctrl-C: the caller abandons the current input and prompts again.
    case interrupted
    /// Ctrl-D on an empty line, or the end of standard input.
    case endOfInput
}
