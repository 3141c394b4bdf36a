/// One read from the line source.
public enum ReplInputEvent: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: abandon the input being typed.
    case interrupted
    /// Ctrl-D on an empty line, or the end of standard input.
    case endOfInput
}

/// Where a piece of output goes.
public enum ReplStream: Sendable {
    case output, errors
}

/// The read–evaluate–print loop around a `ReplEngine`, free of any
/// terminal: the caller supplies the line source (a line editor or plain
/// standard input) and the writer, so tests run it in-process.
public enum ReplDriver {
    /// Exit status of a session: 2 when any input failed (so a scripted
    /// session can be checked), else 0.
    public static let failureStatus: Int32 = 2

    /// Runs until `:quit` or the end of input and returns the exit status.
    /// `interactive` adds the banner; `remember` receives each line typed
    /// (for history).
    public static func run(
        _ engine: ReplEngine,
        interactive: Bool,
        read: (_ prompt: String) -> ReplInputEvent,
        write: (_ text: String, _ stream: ReplStream) -> Void,
        remember: (_ line: String) -> Void = { _ in }
    ) -> Int32 {
        var failed = false
        func emit(_ reply: ReplReply) {
            if !reply.output.isEmpty { write(reply.output, .output) }
            if !reply.errors.isEmpty { write(reply.errors, .errors) }
            if reply.failed { failed = true }
        }
        emit(engine.start())
        if interactive { write(engine.banner, .output) }
        while true {
            switch read(engine.prompt) {
            case .line(let line):
                remember(line)
                let reply = engine.submit(line)
                emit(reply)
                if reply.quit { return failed ? failureStatus : 0 }
            case .interrupted:
                engine.interrupt()
            case .endOfInput:
                emit(engine.finish())
                return failed ? failureStatus : 0
            }
        }
    }
}
