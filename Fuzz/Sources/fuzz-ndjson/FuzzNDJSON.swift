import DealRulesData
import DealRulesModel
import FuzzSupport
import Foundation

/// The NDJSON loader on arbitrary bytes; whatever deals it keeps are then
/// evaluated by the reference rules (numbers, dates, lists of every shape).
/// The same bytes are also written to a file and read a piece at a time,
/// with a piece size taken from the input, and must give exactly what the
/// whole read gave (a difference stops the run as a finding).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNDJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let loaded = DataLoader.load(bytes: bytes, path: PiecesCheck.path, format: .ndjson)
    FuzzInput.evaluateReference(on: loaded.deals)
    PiecesCheck.compare(bytes, with: loaded)
    return 0
}

private enum PiecesCheck {
    static let path = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-fuzz-\(getpid()).ndjson").path

    static func compare(_ bytes: [UInt8], with whole: LoadedData) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        let pieceSize = 1 + (bytes.first.map(Int.init) ?? 0) % 61
        let limits = DataLimits(pieceSize: pieceSize)
        let pieces = DataLoader.loadAll(paths: [path], format: .ndjson, limits: limits)
        let again = DataLoader.load(bytes: bytes, path: path, format: .ndjson, limits: limits)
        if summary(pieces) != summary(again) || summary(again) != summary(whole) {
            fatalError("NDJSON read in pieces of \(pieceSize) bytes differs from the whole read")
        }
    }

    static func summary(_ data: LoadedData) -> [String] {
        data.deals.map { deal in
            let entries = deal.record.entries.map { "\($0.key)=\(ValueRendering.render($0.value))@\($0.location?.description ?? "-")" }
            return "\(deal.position) \(deal.subject) \(deal.location?.description ?? "-") " + entries.joined(separator: " ")
        } + data.diagnostics.map { "\($0) | \($0.sourceLine ?? "")" }
    }
}

@_cdecl("fuzz_ndjson_main")
public func fuzzNdjsonMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzNDJSON)
}
