import DealRulesBenchKit
import DealRulesData
import DealRulesModel
import Foundation

/// Loading only, for running under a profiler and for quick figures:
///
///   dealrules-bench profile-load FILE [REPEATS]   times DataLoader.loadAll on FILE
///   dealrules-bench write-data N FORMAT PATH      writes N synthetic deals (json, ndjson, yaml, csv)
enum ProfileLoad {
    static func run(_ arguments: [String]) -> Int32 {
        guard let path = arguments.first else {
            FileHandle.standardError.write(Data("usage: dealrules-bench profile-load FILE [REPEATS]\n".utf8))
            return 2
        }
        let repeats = max(1, arguments.count > 1 ? Int(arguments[1]) ?? 1 : 1)
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        let bytes = Double(size?.int64Value ?? 0)
        var bestWall = Double.infinity
        var bestCPU = Double.infinity
        var bestThread = Double.infinity
        var inUse = 0
        var deals = 0
        var diagnostics = 0
        for round in 0..<repeats {
            let heapBefore = heapInUse()
            let cpuStart = Measure.cpuSeconds()
            let threadStart = Measure.threadCPU()
            let (wall, loaded) = Measure.time { DataLoader.loadAll(paths: [path], format: nil) }
            let cpu = Measure.cpuSeconds() - cpuStart
            bestThread = min(bestThread, Measure.threadCPU() - threadStart)
            bestWall = min(bestWall, wall)
            bestCPU = min(bestCPU, cpu)
            if round == 0 {
                // Heap held by the loaded deals (the file's bytes are freed by then).
                inUse = heapInUse() - heapBefore
                deals = loaded.deals.count
                diagnostics = loaded.diagnostics.count
            }
        }
        let perDeal = deals > 0 ? inUse / deals : 0
        print("\(path): \(Measure.megabytes(Int(bytes))), \(deals) deals, \(diagnostics) diagnostics")
        print("load: best \(Measure.format(bestWall * 1000)) ms wall = \(Measure.format(bytes / bestWall / 1e6)) MB/s; "
            + "best \(Measure.format(bestCPU * 1000)) ms CPU (all threads) = \(Measure.format(bytes / bestCPU / 1e6)) MB per CPU second; "
            + "calling thread \(Measure.format(bestThread * 1000)) ms CPU")
        print("memory: \(Measure.megabytes(inUse)) heap in use after load (\(perDeal) bytes per deal, "
            + "\(Measure.format(Double(inUse) / max(bytes, 1), 2))x the file); peak RSS \(Measure.megabytes(Measure.peakResidentBytes())) "
            + "(\(Measure.format(Double(Measure.peakResidentBytes()) / max(bytes, 1), 2))x the file)")
        return 0
    }

    /// `dump-load FILE [THRESHOLD]`: every deal and diagnostic as Swift
    /// reflects it, to compare two builds of the loader byte for byte.
    /// THRESHOLD sets `DataLimits.parallelReadThreshold`.
    static func dump(_ arguments: [String]) -> Int32 {
        guard let path = arguments.first else { return 2 }
        var limits = DataLimits.standard
        if arguments.count > 1, let threshold = Int(arguments[1]) { limits.parallelReadThreshold = threshold }
        let loaded = DataLoader.loadAll(paths: [path], format: nil, limits: limits)
        var out = ""
        for deal in loaded.deals {
            out += "deal \(deal.position) \(deal.subject) at \(describe(deal.location))\n"
            describe(deal.record, depth: 1, into: &out)
        }
        for diagnostic in loaded.diagnostics { out += String(reflecting: diagnostic) + "\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
        return 0
    }

    /// Every entry of a record, one a line, with what a reflection of the
    /// structs would hide behind references: both spellings of the key,
    /// the provenance and the location.
    private static func describe(_ record: Record, depth: Int, into out: inout String) {
        let indent = String(repeating: "  ", count: depth)
        for entry in record.entries {
            out += "\(indent)\(entry.originalKey) (\(entry.key)) at \(describe(entry.location))"
            if let provenance = entry.provenance { out += " \(String(reflecting: provenance))" }
            describe(entry.value, depth: depth, into: &out)
        }
    }

    private static func describe(_ value: Value, depth: Int, into out: inout String) {
        switch value {
        case .record(let record):
            out += " record at \(describe(record.location))\n"
            describe(record, depth: depth + 1, into: &out)
        case .list(let items):
            out += " list of \(items.count)\n"
            for item in items {
                out += String(repeating: "  ", count: depth + 1) + "-"
                describe(item, depth: depth + 1, into: &out)
            }
        default:
            out += " \(String(reflecting: value))\n"
        }
    }

    private static func describe(_ location: SourceLocation?) -> String {
        location.map { "\($0.path):\($0.line):\($0.column)" } ?? "nowhere"
    }

    static func write(_ arguments: [String]) -> Int32 {
        guard arguments.count == 3, let count = Int(arguments[0]), let format = DealWriters.Format(rawValue: arguments[1]) else {
            FileHandle.standardError.write(Data("usage: dealrules-bench write-data N json|ndjson|yaml|csv PATH\n".utf8))
            return 2
        }
        let bytes = DealWriters.write(DealGenerator.generate(count: count), as: format)
        guard FileManager.default.createFile(atPath: arguments[2], contents: Data(bytes)) else {
            FileHandle.standardError.write(Data("cannot write \(arguments[2])\n".utf8))
            return 2
        }
        print("\(arguments[2]): \(count) deals, \(bytes.count) bytes")
        return 0
    }

    /// Bytes malloc has handed out and not had back: glibc's `mallinfo2`
    /// (`uordblks + hblkhd`), looked up at run time; 0 where there is none.
    private static func heapInUse() -> Int {
        #if arch(x86_64)
        // `struct mallinfo2` is ten `size_t`s, which x86-64 returns through
        // a hidden pointer in the first argument register: this type passes it.
        typealias MallInfo2 = @convention(c) (UnsafeMutableRawPointer) -> Void
        guard let symbol = dlsym(nil, "mallinfo2") else { return 0 }
        let call = unsafeBitCast(symbol, to: MallInfo2.self)
        var fields = [Int](repeating: 0, count: 10)
        fields.withUnsafeMutableBytes { call($0.baseAddress!) }
        return fields[7] + fields[4]
        #else
        return 0
        #endif
    }
}
