import DealRulesBenchKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall time of one run of a program, started with `posix_spawn` and
/// reaped with `waitpid`. Foundation's `Process.waitUntilExit` on Linux
/// polls its run loop every 50 ms, which would round every short run up
/// to a multiple of 50 ms.
enum SpawnTimer {
    /// Runs `path` with `arguments` in `directory`, stdin from `input` (a
    /// file path) or /dev/null, output discarded. Nil if it cannot start.
    static func run(_ path: String, _ arguments: [String], directory: String, input: String? = nil) -> (seconds: Double, status: Int32)? {
        measure(path, arguments, directory: directory, input: input).map { ($0.seconds, $0.status) }
    }

    /// As `run`, with the child's peak resident set (`ru_maxrss` from
    /// `wait4`). Linux counts the memory of the process that spawned it
    /// in that figure too, so it means something only while this process
    /// is much smaller than the child.
    static func measure(_ path: String, _ arguments: [String], directory: String, input: String? = nil) -> (seconds: Double, status: Int32, peakBytes: Int)? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(directory) else { return nil }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Measure.now()
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let seconds = Measure.now() - start
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return (seconds, exitStatus, usage.ru_maxrss * 1024)
    }
}
