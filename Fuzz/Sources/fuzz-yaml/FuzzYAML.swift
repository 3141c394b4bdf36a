import DealRulesData
import FuzzSupport

/// The YAML loader on arbitrary bytes; whatever deals it keeps are then
/// evaluated by the reference rules (numbers, dates, lists of every shape).
/// The same bytes are also read from a file, in pieces where the file is a
/// clean list of deals, and must give exactly what the whole read gave
/// (`PiecesCheck`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let loaded = DataLoader.load(bytes: bytes, path: PiecesCheck.path, format: .yaml)
    FuzzInput.evaluateReference(on: loaded.deals)
    PiecesCheck.compare(bytes, format: .yaml, with: loaded)
    return 0
}

@_cdecl("fuzz_yaml_main")
public func fuzzYamlMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzYAML)
}
