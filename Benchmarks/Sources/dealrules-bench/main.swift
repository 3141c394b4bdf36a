import DealRulesBenchKit
import Foundation

// dealrules-bench: measures the interpreter, the loaders and the CLI
// against the targets in docs/performance.md and prints each figure with
// its target. Run through `make bench` (release build).
//
//   dealrules-bench [--root DIR] [--dealrules BIN] [--sizes 1000,100000,1000000]
//                   [--load-deals N] [--work DIR] [--quick]
//   dealrules-bench memory-probe DATA RULES [columns]   (child process for peak memory)
//   dealrules-bench profile-eval RULES N [REPEATS] [evaluate|report|columns|packed|csv|csv-packed]   (evaluation only)
//   dealrules-bench profile-load FILE [REPEATS]   (loading only: MB/s, heap per deal, peak RSS)
//   dealrules-bench write-data N json|ndjson|yaml|csv PATH   (a generated data file)
//   dealrules-bench dump-load FILE [THRESHOLD]   (every loaded deal and diagnostic, to compare builds)

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "memory-probe" {
    exit(MemoryProbe.run(Array(arguments.dropFirst())))
}

switch arguments.first ?? "" {
case "profile-load": exit(ProfileLoad.run(Array(arguments.dropFirst())))
case "write-data": exit(ProfileLoad.write(Array(arguments.dropFirst())))
case "dump-load": exit(ProfileLoad.dump(Array(arguments.dropFirst())))
default: break
}

if arguments.first == "profile-eval" {
    exit(ProfileEval.run(Array(arguments.dropFirst())))
}

var options = BenchOptions()
do {
    options = try BenchOptions.parse(arguments)
} catch {
    FileHandle.standardError.write(Data("dealrules-bench: \(error)\n".utf8))
    exit(2)
}
var suite = BenchSuite(options: options)
exit(suite.runAll())
