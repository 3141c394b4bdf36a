import DealRulesData
import FuzzSupport

/// The JSON loader on arbitrary bytes; whatever deals it keeps are then
/// evaluated by the reference rules (numbers, dates, lists of every shape).
/// The same bytes are also read from a file a piece at a time (an array of
/// deals is) and must give exactly what the whole read gave (`PiecesCheck`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let loaded = DataLoader.load(bytes: bytes, path: PiecesCheck.path, format: .json)
    FuzzInput.evaluateReference(on: loaded.deals)
    PiecesCheck.compare(bytes, format: .json, with: loaded)
    return 0
}

@_cdecl("fuzz_json_main")
public func fuzzJsonMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzJSON)
}
