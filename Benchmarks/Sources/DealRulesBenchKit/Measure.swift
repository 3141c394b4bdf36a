import Foundation

/// Timers, process memory and machine facts for the benchmark report.
public enum Measure {
    /// Monotonic seconds.
    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Seconds `body` takes, and its result.
    public static func time<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
        let start = now()
        let result = try body()
        return (now() - start, result)
    }

    /// CPU seconds used by the calling thread.
    public static func threadCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// The best of `runs` timings in CPU seconds of this (single) thread:
    /// the machine is shared, and wall time would include waiting for a core.
    public static func best(runs: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<max(runs, 1) {
            let start = threadCPU()
            body()
            best = min(best, threadCPU() - start)
        }
        return best
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Peak resident set of this process in bytes (getrusage ru_maxrss is KiB on Linux).
    /// Peak resident set of this process in bytes: `VmHWM` of
    /// /proc/self/status, which starts afresh with each program.
    /// (`getrusage`'s `ru_maxrss` carries the parent's peak across fork
    /// and exec on Linux, so a child started by a large bench would report
    /// the bench's own peak.)
    public static func peakResidentBytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                let digits = line.dropFirst("VmHWM:".count).filter(\.isNumber)
                if let kilobytes = Int(digits) { return kilobytes * 1024 }
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// Peak resident set of waited-for children in bytes.
    public static func peakChildResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// User + system CPU seconds of waited-for children so far.
    public static func childCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// User + system CPU seconds of this process so far.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func seconds(_ value: timeval) -> Double {
        Double(value.tv_sec) + Double(value.tv_usec) / 1e6
    }

    /// `MemAvailable` from /proc/meminfo in bytes (nil where there is none).
    public static func availableMemoryBytes() -> Int? {
        guard let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in info.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
        }
        return nil
    }

    public struct Machine: Sendable {
        public var cores: Int
        public var cpu: String
        public var memoryBytes: Int
    }

    public static func machine() -> Machine {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return Machine(cores: ProcessInfo.processInfo.activeProcessorCount, cpu: model,
                       memoryBytes: Int(ProcessInfo.processInfo.physicalMemory))
    }

    public static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    public static func rate(_ count: Double, per seconds: Double) -> Double {
        seconds > 0 ? count / seconds : .infinity
    }

    public static func format(_ value: Double, _ decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// `12,345,678` for counts in reports.
    public static func grouped(_ value: Double) -> String {
        let whole = Int(value.rounded())
        var text = String(whole.magnitude)
        var index = text.count - 3
        while index > 0 {
            text.insert(",", at: text.index(text.startIndex, offsetBy: index))
            index -= 3
        }
        return whole < 0 ? "-" + text : text
    }
}
