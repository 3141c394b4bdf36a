import DealRulesBenchKit
import Foundation

// dealrules-bench: measures the interpreter, the loaders and the CLI
// against the targets in docs/performance.md and prints each figure with
// its target. Run through `make bench` (release build).
//
//   dealrules-bench [--root DIR] [--dealrules BIN] [--sizes 1000,100000,1000000]
//                   [--load-deals N] [--work DIR] [--quick]
//   dealrules-bench memory-probe DATA RULES   (child process for peak memory)
//   dealrules-bench profile-eval RULES N [REPEATS]   (evaluation only, for a profiler)

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "memory-probe" {
    exit(MemoryProbe.run(Array(arguments.dropFirst())))
}

if arguments.first == "profile-load" { exit(ProfileLoad.run(Array(arguments.dropFirst()))) } else if arguments.first == "write-data" { exit(ProfileLoad.write(Array(arguments.dropFirst()))) } else if arguments.first == "dump-load" { exit(ProfileLoad.dump(Array(arguments.dropFirst()))) }

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
