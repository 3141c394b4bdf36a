import DealRulesData
import FuzzSupport

/// The CSV loader on arbitrary bytes; whatever deals it keeps are then
/// evaluated by the reference rules (numbers, dates, lists of every shape).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let loaded = DataLoader.load(bytes: FuzzInput.bytes(data, size), path: "fuzz.csv", format: .csv)
    FuzzInput.evaluateReference(on: loaded.deals)
    return 0
}

@_cdecl("fuzz_csv_main")
public func fuzzCsvMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzCSV)
}
