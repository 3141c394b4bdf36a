import DealRulesData
import FuzzSupport

/// The YAML loader on arbitrary bytes; whatever deals it keeps are then
/// evaluated by the reference rules (numbers, dates, lists of every shape).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let loaded = DataLoader.load(bytes: FuzzInput.bytes(data, size), path: "fuzz.yaml", format: .yaml)
    FuzzInput.evaluateReference(on: loaded.deals)
    return 0
}

@_cdecl("fuzz_yaml_main")
public func fuzzYamlMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzYAML)
}
