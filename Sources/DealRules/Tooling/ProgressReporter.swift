import Foundation

/// Progress of a long `check` on standard error: only when standard error is
/// a terminal, and only once the run has taken a second or the data is large,
/// so short runs and piped output never see it. One line, redrawn in place
/// and erased at the end so the report is never interleaved with it.
public final class ProgressReporter: @unchecked Sendable {
    /// Data files larger than this show progress from the start.
    public static let largeDataBytes = 50 * 1024 * 1024

    private let enabled: Bool
    private let started = Date()
    /// Seconds before progress appears (`DEALRULES_PROGRESS_AFTER`, default 1).
    private let delay: Double
    private let lock = NSLock()
    private var immediate: Bool
    private var shown = false

    /// `enabled` is false when standard error is not a terminal or the user
    /// asked for no colour/progress; the reporter then does nothing.
    public init(enabled: Bool, dataBytes: Int = 0, delay: Double = 1) {
        self.enabled = enabled
        self.immediate = dataBytes >= ProgressReporter.largeDataBytes
        self.delay = delay
    }

    public static func forStandardError(dataPaths: [String]) -> ProgressReporter {
        let environment = ProcessInfo.processInfo.environment
        let enabled = isatty(STDERR_FILENO) == 1 && environment["DEALRULES_NO_PROGRESS"] == nil && environment["TERM"] != "dumb"
        let bytes = dataPaths.reduce(0) { total, path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            return total + size
        }
        let delay = environment["DEALRULES_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
        return ProgressReporter(enabled: enabled, dataBytes: bytes, delay: delay)
    }

    /// Shows `stage` with `done` of `total` when the run is long enough.
    public func update(_ stage: String, done: Int, total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard immediate || Date().timeIntervalSince(started) >= delay else { return }
        let percent = total > 0 ? done * 100 / total : 0
        let line = "\(stage) \(done)/\(total) (\(percent)%)"
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
        shown = true
    }

    /// A stage without a count (`loading data…`), shown for large data only.
    public func announce(_ stage: String) {
        guard enabled, immediate else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(stage)".utf8))
        shown = true
    }

    /// Erases the progress line, if one was drawn.
    public func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        shown = false
    }
}
