import DealRulesData
import FuzzSupport

/// The CSV loader on arbitrary bytes; whatever deals it keeps are then
/// evaluated by the reference rules (numbers, dates, lists of every shape).
/// The same bytes are also read from a file, a piece of whole rows at a
/// time where they read cleanly, and must give exactly what the whole read
/// gave (`PiecesCheck`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let loaded = DataLoader.load(bytes: bytes, path: PiecesCheck.path, format: .csv)
    FuzzInput.evaluateReference(on: loaded.deals)
    PiecesCheck.compare(bytes, format: .csv, with: loaded)
    return 0
}

@_cdecl("fuzz_csv_main")
public func fuzzCsvMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzCSV)
}
