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
    /// Exit status of a scripted session in which some input failed, so a
    /// script can be checked; an interactive session that ends normally
    /// exits 0 whatever was mistyped along the way.
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
        var status: Int32 { failed && !interactive ? failureStatus : 0 }
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
                if reply.quit { return status }
            case .interrupted:
                engine.interrupt()
            case .endOfInput:
                emit(engine.finish())
                return status
            }
        }
    }
}
