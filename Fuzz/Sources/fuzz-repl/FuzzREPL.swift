import DealRules
import FuzzSupport

/// The REPL engine on fuzzed lines: the input is split at newlines and
/// every line submitted to one session that already has rules and deals.
/// Meta-commands that touch files (`:load`, `:save`, `:data`) are answered
/// with a path inside a scratch folder so the fuzzer cannot write elsewhere.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzREPL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let engine = ReplEngine(ReplConfiguration(asOf: FuzzInput.asOf))
    _ = engine.submit(":data \(FuzzREPLFiles.dataPath)")
    _ = engine.submit(":load \(FuzzREPLFiles.rulesPath)")
    let text = FuzzInput.text(data, size)
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let reply = engine.submit(FuzzREPLFiles.confine(String(line)))
        if reply.quit { break }
    }
    _ = engine.finish()
    return 0
}

@_cdecl("fuzz_repl_main")
public func fuzzReplMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzREPL)
}
