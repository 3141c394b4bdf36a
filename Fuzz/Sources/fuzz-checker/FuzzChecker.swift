import DealRules
import DealRulesModel
import FuzzSupport

/// The checker (and, when the text checks, the evaluator) on fuzzed rule
/// text: `ProgramLoader.load(sources:)`, then every rule over fixed deals.
/// `use` has no root here, so it can only name files that do not resolve.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChecker(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let source = SourceFile(path: "fuzz.rules", text: FuzzInput.text(data, size))
    let result = ProgramLoader.load(sources: [source])
    if let program = result.program {
        FuzzInput.run(program, on: FuzzInput.referenceDeals)
    }
    return 0
}

@_cdecl("fuzz_checker_main")
public func fuzzCheckerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzChecker)
}
