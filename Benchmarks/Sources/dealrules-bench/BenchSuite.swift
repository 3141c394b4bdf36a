import DealRules
import DealRulesBenchKit
import DealRulesData
import DealRulesModel
import DealRulesSyntax
import Foundation

/// Runs every measurement and prints each figure next to its target.
struct BenchSuite {
    struct Line {
        var name: String
        var measured: String
        var target: String
        var met: Bool?
    }

    let options: BenchOptions
    var lines: [Line] = []
    var failures = 0

    init(options: BenchOptions) {
        self.options = options
    }

    mutating func runAll() -> Int32 {
        let machine = Measure.machine()
        print("dealrules-bench — \(machine.cores) cores, \(machine.cpu), \(Measure.megabytes(machine.memoryBytes)) memory")
        print("times are CPU seconds of the one evaluating thread (best of runs) unless marked wall")
        try? FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
        let program: CheckedProgram
        do {
            program = try BenchProgram.load(rules: options.rulesDirectory)
        } catch {
            print("cannot load \(options.rulesDirectory):\n\(error)")
            return 2
        }
        print("rules: \(program.rules.count) (\(program.rules.filter(\.scope.isPerDeal).count) per deal)")
        // First, while this process is still small (see `SpawnTimer.measure`).
        checkAtScale()
        parseAndCheck()
        for size in options.sizes { evaluation(program, deals: size) }
        loading()
        memory()
        cli()
        summary()
        return failures > 0 ? 1 : 0
    }

    mutating func report(_ name: String, _ measured: String, target: String = "—", met: Bool? = nil) {
        let line = Line(name: name, measured: measured, target: target, met: met)
        lines.append(line)
        print(BenchSuite.render(line))
    }

    static func render(_ line: Line) -> String {
        let verdict = line.met.map { $0 ? "met" : "NOT MET" } ?? ""
        return "  " + line.name.padding(toLength: 46, withPad: " ", startingAt: 0)
            + line.measured.padding(toLength: 30, withPad: " ", startingAt: 0)
            + (line.target == "—" ? "" : "target " + line.target.padding(toLength: 22, withPad: " ", startingAt: 0) + verdict)
    }

    func summary() {
        print("\n== summary")
        for line in lines where line.met != nil { print(BenchSuite.render(line)) }
    }

    // MARK: Rules

    mutating func parseAndCheck() {
        print("\n== rules: lex+parse and check (\(options.generatedRules) generated rules)")
        let text: String
        do {
            text = try RuleCorpus.program(from: options.rulesDirectory, rules: options.generatedRules)
        } catch {
            print("  cannot build the rule corpus: \(error)")
            return
        }
        let source = SourceFile(path: "generated.rules", text: text)
        var parsed = Parser.parse(source)
        let parseSeconds = Measure.best(runs: 5) { parsed = Parser.parse(source) }
        let megabytes = Double(source.bytes.count) / 1_000_000
        let parseErrors = parsed.diagnostics.filter { $0.severity == .error }.count
        report("lex+parse (\(Measure.megabytes(source.bytes.count)))", "\(Measure.format(megabytes / parseSeconds)) MB/s")
        if parseErrors > 0 { print("  (the corpus has \(parseErrors) syntax errors)") }
        var diagnostics: [Diagnostic] = []
        let checkSeconds = Measure.best(runs: 3) { diagnostics = Checker.check([parsed]).1 }
        let errors = diagnostics.filter { $0.severity == .error }
        report("check phase (\(options.generatedRules) rules)", "\(Measure.format(checkSeconds * 1000)) ms")
        if let first = errors.first { print("  (\(errors.count) check errors, first: \(first.message))") }
    }

    // MARK: Evaluation

    /// Bytes per deal an evaluation run holds at its peak: the loaded deals,
    /// their columns and report entries for the findings (measured below
    /// by the memory probe; kept generous).
    static let bytesPerDeal = 12_000
    /// Evaluation rates by size, for the extrapolation of sizes too large to run.
    var rates: [(deals: Int, seconds: Double, baseline: Double)] = []

    mutating func evaluation(_ program: CheckedProgram, deals count: Int) {
        print("\n== evaluation, \(Measure.grouped(Double(count))) deals")
        let needed = count * BenchSuite.bytesPerDeal
        if let available = Measure.availableMemoryBytes(), needed > available / 2 {
            // A shared machine: never risk pushing other work out of memory.
            print("  skipped: needs about \(Measure.megabytes(needed)), \(Measure.megabytes(available)) available")
            if let largest = rates.last {
                let scale = Double(count) / Double(largest.deals)
                let estimate = largest.seconds * scale
                report("interpreter, all 20 rules (extrapolated)", "≈ \(Measure.format(estimate * 1000, 0)) ms from \(Measure.grouped(Double(largest.deals)))",
                       target: "< 1 s", met: estimate < 1)
                print("    baseline extrapolated: ≈ \(Measure.format(largest.baseline * scale * 1000, 0)) ms for 18 rules")
            }
            return
        }
        let bytes = DealWriters.write(DealGenerator.generate(count: count), as: .ndjson)
        var loadedDeals: [Deal]? = nil
        // Wall time: the loader may use a second thread for large inputs.
        let loadSeconds = Measure.time { loadedDeals = try? BenchProgram.deals(bytes, format: .ndjson) }.seconds
        guard let deals = loadedDeals else {
            print("  the generated data does not load")
            failures += 1
            return
        }
        report("load NDJSON (excluded below)", "\(Measure.format(loadSeconds * 1000)) ms wall, \(Measure.format(Double(bytes.count) / 1e6 / loadSeconds)) MB/s")
        // The fields the rules read, as columns kept with the deals
        // (`DealColumns`): read once per loaded data set, before any run.
        let columns = DealColumns(deals: deals)
        let columnSeconds = Measure.time { columns.prepare(for: program, asOf: BenchProgram.asOf) }.seconds
        report("read the rules' \(columns.columnCount) columns (excl. below)", "\(Measure.format(columnSeconds * 1000)) ms wall")
        print("    load and columns together: \(Measure.format(Double(bytes.count) / 1e6 / (loadSeconds + columnSeconds))) MB/s; "
              + "the columns take \(columns.byteCount / max(1, count)) bytes a deal")
        let runs = count >= 1_000_000 ? 1 : 3
        let perDeal = BaselineRules.ruleNames
        let width = perDeal.count

        // Baseline: decoded once (not timed), then the rules as plain Swift.
        let decoded = deals.map(BaselineDeal.init)
        let rules = BaselineRules(asOf: BenchProgram.asOf)
        var tally = [Int](repeating: 0, count: 3)
        let baselineSeconds = Measure.best(runs: runs) {
            var row = [OutcomeKind](repeating: .clear, count: width)
            var counts = [0, 0, 0]
            for deal in decoded {
                rules.evaluate(deal, into: &row)
                for outcome in row { counts[Int(outcome.rawValue)] += 1 }
            }
            tally = counts
        }
        let baselineRate = Double(count * width) / baselineSeconds
        report("baseline, \(width) per-deal rules", "\(Measure.format(baselineSeconds * 1000)) ms, \(Measure.grouped(baselineRate))/s")
        print("    outcomes: \(tally[1]) findings, \(tally[2]) undetermined, \(tally[0]) clear")

        // Interpreter on the same 18 rules: every outcome decided, as one
        // byte per rule × deal (RuleRunner.evaluate), no report yet; over
        // the kept columns, then reading the columns inside the run, as a
        // one-shot `dealrules check` does.
        let options = RuleRunner.Options(asOf: BenchProgram.asOf, rules: perDeal)
        var outcomes18: RuleOutcomes? = nil
        let interpreterSeconds = Measure.best(runs: runs) {
            outcomes18 = nil
            outcomes18 = RuleRunner.evaluate(program, columns: columns, options: options)
        }
        let interpreterRate = Double(count * width) / interpreterSeconds
        let ratio = interpreterSeconds / baselineSeconds
        report("interpreter, same \(width) rules", "\(Measure.format(interpreterSeconds * 1000)) ms, \(Measure.grouped(interpreterRate))/s",
               target: "≤ 3× baseline", met: ratio <= 3)
        print("    \(Measure.format(ratio)) × baseline (over the kept columns, as the baseline over its decoded deals)")
        let oneShotSeconds = Measure.best(runs: runs) { _ = RuleRunner.evaluate(program, deals: deals, options: options) }
        report("  the same, reading the columns in the run", "\(Measure.format(oneShotSeconds * 1000)) ms, \(Measure.format(oneShotSeconds / baselineSeconds)) × baseline")
        if let outcomes18 {
            let agree = BenchProgram.grid(of: outcomes18, deals: deals, ruleNames: perDeal) == BenchProgram.baselineGrid(decoded)
            report("interpreter agrees with baseline", agree ? "yes" : "NO", target: "agree", met: agree)
            let disagreements = count <= 100_000 ? outcomes18.disagreementsWithEvaluator() : []
            if count <= 100_000 {
                report("kernels agree with the tree-walking evaluator", disagreements.isEmpty ? "yes" : "NO (\(disagreements.count))",
                       target: "agree", met: disagreements.isEmpty)
            }
        }
        outcomes18 = nil

        // All 20 rules, grouped and portfolio included.
        var all: RuleOutcomes? = nil
        let allSeconds = Measure.best(runs: runs) {
            all = nil
            all = RuleRunner.evaluate(program, columns: columns, options: RuleRunner.Options(asOf: BenchProgram.asOf))
        }
        let ruleCount = program.rules.count
        rates.append((count, allSeconds, baselineSeconds))
        let met: Bool? = count >= 1_000_000 ? allSeconds < 1 : nil
        report("interpreter, all \(ruleCount) rules", "\(Measure.format(allSeconds * 1000)) ms, \(Measure.grouped(Double(count * ruleCount) / allSeconds))/s",
               target: count >= 1_000_000 ? "< 1 s" : "—", met: met)
        let oneShotAll = Measure.best(runs: runs) { _ = RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: BenchProgram.asOf)) }
        report("  the same, reading the columns in the run", "\(Measure.format(oneShotAll * 1000)) ms")
        if let all {
            print("    outcomes: \(all.findingCount) findings, \(all.undeterminedCount) undetermined, \(all.clearCount) clear")
            // What `dealrules check` adds: evidence, messages and reasons for
            // the outcomes a report shows (clear ones only counted).
            var built = 0
            let reportSeconds = Measure.time { built = all.report(includeClear: false).findings.count }.seconds
            report("report entries for \(Measure.grouped(Double(built))) findings and the undetermined", "\(Measure.format(reportSeconds * 1000)) ms")
        }
        all = nil
    }

    // MARK: Loading

    mutating func loading() {
        print("\n== data loading, \(Measure.grouped(Double(options.loadDeals))) deals per file")
        let deals = DealGenerator.generate(count: options.loadDeals)
        for format in DealWriters.Format.allCases {
            let bytes = DealWriters.write(deals, as: format)
            let path = options.work + "/deals.\(format.rawValue)"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let runs = format == .yaml ? 1 : 3
            var loaded = 0
            // The loaders may read a large file on two threads, so this is
            // wall time (best of runs), with the CPU time of all threads beside it.
            var seconds = Double.infinity
            var cpu = Double.infinity
            for _ in 0..<runs {
                let (wallStart, cpuStart) = (Measure.now(), Measure.cpuSeconds())
                // The result is freed after the clock stops: freeing is not loading.
                let data = DataLoader.loadAll(paths: [path], format: nil)
                seconds = min(seconds, Measure.now() - wallStart)
                cpu = min(cpu, Measure.cpuSeconds() - cpuStart)
                loaded = data.deals.count
            }
            let rate = Double(bytes.count) / 1e6 / seconds
            let needsTarget = format == .json || format == .ndjson
            report("load \(format.rawValue) (\(Measure.megabytes(bytes.count)), \(loaded) deals)", "\(Measure.format(rate)) MB/s wall",
                   target: needsTarget ? "≥ 150 MB/s" : "—", met: needsTarget ? rate >= 150 : nil)
            print("    \(Measure.format(Double(bytes.count) / 1e6 / cpu)) MB per CPU second (all threads)")
        }
    }

    // MARK: Memory

    mutating func memory() {
        print("\n== peak memory (load, evaluate all rules, write the text report; separate process)")
        var sizes = [options.loadDeals]
        if let largest = options.sizes.max(), largest > options.loadDeals { sizes.append(largest) }
        for size in sizes {
            if let available = Measure.availableMemoryBytes(), size * BenchSuite.bytesPerDeal > available / 2 {
                print("  \(Measure.grouped(Double(size))) deals skipped: needs about \(Measure.megabytes(size * BenchSuite.bytesPerDeal))")
                continue
            }
            let path = options.work + "/memory-\(size).ndjson"
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: Data(DealWriters.write(DealGenerator.generate(count: size), as: .ndjson)))
            }
            let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard let output = runProcess(CommandLine.arguments[0], ["memory-probe", path, options.rulesDirectory]).output,
                  let peak = field("peak", in: output), let loadPeak = field("load_peak", in: output) else {
                print("  memory probe failed")
                failures += 1
                continue
            }
            let ratio = Double(peak) / Double(max(fileSize, 1))
            report("peak RSS, \(Measure.grouped(Double(size))) deals (\(Measure.megabytes(fileSize)) NDJSON)",
                   "\(Measure.megabytes(peak)) (\(Measure.format(ratio, 2))×)", target: "< 3× file", met: ratio < 3)
            let share = { (bytes: Int) in "\(Measure.megabytes(bytes)) (\(Measure.format(Double(bytes) / Double(max(fileSize, 1)), 2))×)" }
            print("    after loading: \(share(loadPeak))")
            if let evaluationPeak = field("evaluation_peak", in: output) {
                print("    after evaluating, before the report: \(share(evaluationPeak))")
            }
            if size == options.loadDeals, let kept = runProcess(CommandLine.arguments[0], ["memory-probe", path, options.rulesDirectory, "columns"]).output,
               let keptPeak = field("evaluation_peak", in: kept) {
                print("    the same with the columns kept, as the REPL keeps them: \(share(keptPeak))")
            }
        }
    }

    func field(_ name: String, in output: String) -> Int? {
        for part in output.split(whereSeparator: { $0 == " " || $0 == "\n" }) where part.hasPrefix(name + "=") {
            return Int(part.dropFirst(name.count + 1))
        }
        return nil
    }

    // MARK: CLI

    mutating func cli() {
        print("\n== CLI (\(options.binary))")
        guard FileManager.default.isExecutableFile(atPath: options.binary) else {
            print("  no release binary; build it with `make release` or pass --dealrules")
            return
        }
        let check = ["check", "Rules", "--data", "data/deals.yaml", "--as-of", "2026-11-24"]
        var times: [Double] = []
        var cpuTimes: [Double] = []
        for _ in 0..<21 {
            let cpuBefore = Measure.childCPUSeconds()
            guard let run = SpawnTimer.run(options.binary, check, directory: options.root), run.status == 0 || run.status == 1 else {
                print("  dealrules check did not run cleanly")
                failures += 1
                return
            }
            times.append(run.seconds)
            cpuTimes.append(Measure.childCPUSeconds() - cpuBefore)
        }
        let median = Measure.median(Array(times.dropFirst()))
        report("dealrules check, bundled demo (median of 20)", "\(Measure.format(median * 1000)) ms", target: "< 50 ms", met: median < 0.05)
        // On a shared machine the wall time includes waiting for a core; CPU time does not.
        print("    CPU time (user+sys) median \(Measure.format(Measure.median(Array(cpuTimes.dropFirst())) * 1000)) ms, fastest wall \(Measure.format((times.dropFirst().min() ?? 0) * 1000)) ms")
        var replTimes: [Double] = []
        let quit = options.work + "/quit.txt"
        _ = FileManager.default.createFile(atPath: quit, contents: Data(":quit\n".utf8))
        for _ in 0..<11 {
            guard let run = SpawnTimer.run(options.binary, ["repl", "Rules", "--data", "data/deals.yaml"], directory: options.root, input: quit),
                  run.status == 0 else {
                print("  dealrules repl did not run cleanly; skipped")
                return
            }
            replTimes.append(run.seconds)
        }
        report("dealrules repl, start to :quit (median of 10)", "\(Measure.format(Measure.median(Array(replTimes.dropFirst())) * 1000)) ms")
    }

    /// `dealrules check` of the benchmark rules over generated files of
    /// `loadDeals` deals — NDJSON with the text and JSON reports, the
    /// same deals as one JSON array with the text report, and as CSV (a
    /// small file, no keys in its rows) with the reports that list every
    /// rule × deal — as a user runs it: load, evaluate, report entries,
    /// render and write. Each file is
    /// written by a child process so that this one stays small and the
    /// child's peak memory reads true.
    mutating func checkAtScale() {
        let deals = options.loadDeals
        print("\n== dealrules check over \(Measure.grouped(Double(deals))) deals (whole run, separate process)")
        guard FileManager.default.isExecutableFile(atPath: options.binary) else {
            print("  no release binary; skipped")
            return
        }
        let runs = [("ndjson", ["text", "json"]), ("json", ["text"]), ("csv", ["text", "text --show-clear", "junit", "html"])]
        for (dataFormat, reportFormats) in runs {
            let path = options.work + "/check-\(deals).\(dataFormat)"
            guard let written = SpawnTimer.run(CommandLine.arguments[0], ["write-data", String(deals), dataFormat, path], directory: options.root),
                  written.status == 0,
                  let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int else {
                print("  could not write \(path)")
                failures += 1
                continue
            }
            let input = ["json": "JSON array", "csv": "CSV"][dataFormat] ?? "NDJSON"
            for format in reportFormats {
                let arguments = ["check", options.rulesDirectory, "--data", path, "--as-of", "2026-11-24", "--format"]
                    + format.split(separator: " ").map(String.init)
                guard let run = SpawnTimer.measure(options.binary, arguments, directory: options.root), run.status == 0 || run.status == 1 else {
                    print("  dealrules check --format \(format) did not run cleanly")
                    failures += 1
                    continue
                }
                let ratio = Double(run.peakBytes) / Double(max(fileSize, 1))
                report("check --format \(format), \(Measure.megabytes(fileSize)) \(input)", "\(Measure.format(run.seconds, 2)) s wall")
                report("  peak RSS of that run", "\(Measure.megabytes(run.peakBytes)) (\(Measure.format(ratio, 2))× file)", target: "< 3× file", met: ratio < 3)
            }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Runs a program in the repository root; wall seconds, exit status, stdout.
    func runProcess(_ path: String, _ arguments: [String], input: String? = nil) -> (seconds: Double, status: Int32, output: String?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: options.root)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        let start = Measure.now()
        do {
            try process.run()
        } catch {
            return (0, -1, nil)
        }
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inputPipe.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Measure.now() - start
        return (seconds, process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
