import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process on a pseudo-terminal so a test can type at it and
/// read what it prints, as a person at a terminal would.
///
/// The child is a session leader whose controlling terminal is the pty, so
/// Ctrl-C and Ctrl-D go through the terminal's line discipline: Ctrl-C
/// becomes SIGINT. It starts with an empty signal mask (test threads block
/// most signals and children inherit that) and default signal actions.
/// The environment is the test's own plus `TERM=dumb` (plain redraws) and
/// `SWIFT_BACKTRACE=enable=no` (a crash would otherwise wait for a key).
/// The child is killed when the value goes away.
final class PseudoTerminal {
    enum Failure: Error, CustomStringConvertible {
        case cannotOpen(errno: Int32)
        case cannotSpawn(executable: String, errno: Int32)
        case cannotWrite(errno: Int32)
        case notSeen(waitingFor: String, seconds: Double, unread: String, closed: Bool)
        case stillRunning(seconds: Double, output: String)

        var description: String {
            switch self {
            case .cannotOpen(let code):
                return "openpty failed: \(String(cString: strerror(code)))"
            case .cannotSpawn(let executable, let code):
                return "cannot start \(executable): \(String(cString: strerror(code)))"
            case .cannotWrite(let code):
                return "cannot write to the terminal: \(String(cString: strerror(code)))"
            case .notSeen(let needle, let seconds, let unread, let closed):
                let why = closed ? "the terminal closed" : "\(seconds) s passed"
                return "\(why) before \(needle.debugDescription) appeared; read so far: \(unread.debugDescription)"
            case .stillRunning(let seconds, let output):
                return "the child still ran after \(seconds) s; output: \(output.debugDescription)"
            }
        }
    }

    let processIdentifier: pid_t
    private let master: Int32
    /// Output read from the terminal and not yet consumed by `readUntil`.
    private var unread: [UInt8] = []
    /// Everything the child printed so far.
    private var transcript: [UInt8] = []
    private var closed = false
    private var exitStatus: Int32?

    private init(processIdentifier: pid_t, master: Int32) {
        self.processIdentifier = processIdentifier
        self.master = master
    }

    deinit {
        if exitStatus == nil {
            kill(processIdentifier, SIGKILL)
            var status: Int32 = 0
            while waitpid(processIdentifier, &status, 0) == -1 && errno == EINTR {}
        }
        close(master)
    }

    /// Everything the child has printed so far, as text.
    var output: String {
        String(decoding: transcript, as: UTF8.self)
    }

    // MARK: Starting

    static func spawn(
        executable: String,
        arguments: [String] = [],
        environment extra: [String: String] = [:],
        rows: UInt16 = 24,
        columns: UInt16 = 80
    ) throws -> PseudoTerminal {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else {
            throw Failure.cannotOpen(errno: errno)
        }
        // Other tests spawn processes concurrently: keep both ends out of them.
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        defer { close(slave) }
        // ttyname_r: tests run in parallel and ttyname's buffer is shared.
        var name = [CChar](repeating: 0, count: 256)
        let nameResult = ttyname_r(slave, &name, name.count)
        guard nameResult == 0 else {
            close(master)
            throw Failure.cannotOpen(errno: nameResult)
        }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "dumb"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(extra) { _, new in new }

        var pid: pid_t = 0
        let result = withSpawnSetup(slavePath: slavePath) { actions, attributes in
            withCStrings([executable] + arguments) { argv in
                withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                    posix_spawn(&pid, executable, actions, attributes, argv, envp)
                }
            }
        }
        guard result == 0 else {
            close(master)
            throw Failure.cannotSpawn(executable: executable, errno: result)
        }
        return PseudoTerminal(processIdentifier: pid, master: master)
    }

    /// The spawn attributes: new session, empty signal mask, default
    /// actions; the slave opened as fd 0 (which makes it the controlling
    /// terminal of the new session) and duplicated to 1 and 2.
    private static func withSpawnSetup(
        slavePath: String,
        _ body: (UnsafePointer<posix_spawn_file_actions_t>, UnsafePointer<posix_spawnattr_t>) -> Int32
    ) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID is not imported into Swift.
        let setSession: Int32 = 0x80
        let flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF) | setSession
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGALRM] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        return body(&actions, &attributes)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    // MARK: Typing

    func send(_ text: String) throws {
        try sendBytes(Array(text.utf8))
    }

    /// Ctrl-C: the terminal turns it into SIGINT for the child.
    func sendControlC() throws {
        try sendBytes([0x03])
    }

    /// Ctrl-D: end of input on an empty line.
    func sendControlD() throws {
        try sendBytes([0x04])
    }

    func sendBytes(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
                continue
            }
            let code = errno
            guard written < 0, code == EAGAIN || code == EINTR else {
                throw Failure.cannotWrite(errno: code)
            }
            var descriptor = pollfd(fd: master, events: Int16(POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, 100)
        }
    }

    // MARK: Reading

    /// Reads until `needle` appears and returns everything up to and
    /// including it; what follows stays for the next call. Throws, with the
    /// text read so far, if it does not appear within `timeout` seconds or
    /// the terminal closes first.
    @discardableResult
    func readUntil(_ needle: String, timeout: Double = 5) throws -> String {
        let target = Array(needle.utf8)
        let deadline = Self.now() + timeout
        while true {
            if let end = Self.endOfFirstMatch(of: target, in: unread) {
                let consumed = unread[..<end]
                unread.removeFirst(end)
                return String(decoding: consumed, as: UTF8.self)
            }
            let remaining = deadline - Self.now()
            guard remaining > 0, !closed else {
                throw Failure.notSeen(
                    waitingFor: needle, seconds: timeout,
                    unread: String(decoding: unread, as: UTF8.self), closed: closed)
            }
            readAvailable(waitingAtMost: remaining)
        }
    }

    /// Waits for the child to end and returns its exit status, or 128 plus
    /// the signal number if a signal ended it. Output printed meanwhile
    /// stays readable.
    func waitForExit(timeout: Double = 5) throws -> Int32 {
        if let exitStatus {
            return exitStatus
        }
        let deadline = Self.now() + timeout
        while true {
            var status: Int32 = 0
            let reaped = waitpid(processIdentifier, &status, WNOHANG)
            if reaped == processIdentifier {
                let code = Self.decode(waitStatus: status)
                exitStatus = code
                readAvailable(waitingAtMost: 0)
                return code
            }
            if reaped == -1 && errno != EINTR {
                // Not our child any more; nothing left to wait for.
                exitStatus = -1
                return -1
            }
            guard Self.now() < deadline else {
                throw Failure.stillRunning(seconds: timeout, output: output)
            }
            // Drain the terminal so a child blocked on a full buffer can finish.
            readAvailable(waitingAtMost: 0.02)
        }
    }

    /// Reads what the terminal has, waiting up to `seconds` for the first
    /// byte. After the child's side closes, reads fail with EIO: that is
    /// the end of output.
    private func readAvailable(waitingAtMost seconds: Double) {
        guard !closed else {
            if seconds > 0 { usleep(useconds_t(min(seconds, 0.02) * 1_000_000)) }
            return
        }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(seconds, 1)) * 1000)
        guard poll(&descriptor, 1, milliseconds) > 0 else {
            return
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                unread.append(contentsOf: buffer[..<count])
                transcript.append(contentsOf: buffer[..<count])
                continue
            }
            if count == 0 || (errno != EAGAIN && errno != EINTR) {
                closed = true
            }
            return
        }
    }

    private static func endOfFirstMatch(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start + needle.count
        }
        return nil
    }

    private static func decode(waitStatus status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }

    /// Terminal output as plain lines: carriage returns and bells removed.
    static func plain(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\u{07}" }.map(Character.init))
    }
}

extension PseudoTerminal {
    /// Starts the built `dealrules` on a terminal with colour off and
    /// history in `historyFile`; without one, `DEALRULES_HISTORY` is empty,
    /// which turns history off, so tests never touch the user's file.
    static func spawnDealrules(
        arguments: [String],
        historyFile: String? = nil,
        environment extra: [String: String] = [:]
    ) throws -> PseudoTerminal {
        var environment = ["NO_COLOR": "1", "DEALRULES_HISTORY": historyFile ?? ""]
        environment.merge(extra) { _, new in new }
        return try spawn(executable: dealrulesExecutable(), arguments: arguments, environment: environment)
    }

    /// The built `dealrules` executable: `DEALRULES_BIN` if set, else the
    /// one beside the running test bundle (whatever the scratch path), else
    /// `.build/debug/dealrules` under the repository root.
    static func dealrulesExecutable(filePath: String = #filePath) -> String {
        if let override = ProcessInfo.processInfo.environment["DEALRULES_BIN"], !override.isEmpty {
            return override
        }
        let files = FileManager.default
        if let testBinary = try? files.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let besideTests = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
                .appendingPathComponent("dealrules").path
            if files.isExecutableFile(atPath: besideTests) {
                return besideTests
            }
        }
        return repositoryRoot(filePath: filePath) + "/.build/debug/dealrules"
    }

    /// The nearest folder above `filePath` holding Package.swift.
    static func repositoryRoot(filePath: String = #filePath) -> String {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.path
            }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: filePath).deletingLastPathComponent().path
    }
}
