import Foundation

struct BenchOptions {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Repository root (holds `Rules`, `data` and `Benchmarks`).
    var root = BenchOptions.defaultRoot()
    /// The release `dealrules` binary for the CLI timings.
    var dealrules: String?
    var sizes = [1_000, 100_000, 1_000_000]
    /// Deals in the files the loaders are timed on.
    var loadDeals = 100_000
    var work = NSTemporaryDirectory() + "dealrules-bench"
    var generatedRules = 10_000

    var rulesDirectory: String { root + "/Benchmarks/rules" }
    var binary: String { dealrules ?? root + "/.build/release/dealrules" }

    static func defaultRoot() -> String {
        let here = FileManager.default.currentDirectoryPath
        if FileManager.default.fileExists(atPath: here + "/Benchmarks/rules") { return here }
        return (here as NSString).deletingLastPathComponent
    }

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw Problem(description: "\(flag) needs a value") }
            return next
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--root": options.root = try value(flag)
            case "--dealrules": options.dealrules = try value(flag)
            case "--work": options.work = try value(flag)
            case "--sizes":
                let text = try value(flag)
                let sizes = text.split(separator: ",").compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
                guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else { throw Problem(description: "bad --sizes \(text)") }
                options.sizes = sizes
            case "--load-deals":
                guard let count = Int(try value(flag)), count > 0 else { throw Problem(description: "bad --load-deals") }
                options.loadDeals = count
            case "--rules":
                guard let count = Int(try value(flag)), count > 0 else { throw Problem(description: "bad --rules") }
                options.generatedRules = count
            case "--quick":
                options.sizes = [1_000, 10_000]
                options.loadDeals = 10_000
                options.generatedRules = 1_000
            default:
                throw Problem(description: "unknown option \(flag)")
            }
        }
        return options
    }
}
