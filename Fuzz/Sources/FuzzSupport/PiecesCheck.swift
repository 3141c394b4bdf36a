import DealRulesData
import DealRulesModel
import Foundation

/// Reading a file a piece at a time must give exactly what reading its
/// whole text gives. The fuzz input is written to a file and read in pieces
/// of a size taken from the input; a difference stops the run as a finding.
public enum PiecesCheck {
    public static let path = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-fuzz-\(getpid()).data").path

    public static func compare(_ bytes: [UInt8], format: DataFormat, with whole: LoadedData) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        var pieceSize = 1 + (bytes.first.map(Int.init) ?? 0) % 61
        // YAML pieces are a 64th of the size asked for, CSV pieces an eighth.
        if format == .yaml { pieceSize *= 64 }
        if format == .csv { pieceSize *= 8 }
        let limits = DataLimits(pieceSize: pieceSize)
        let pieces = DataLoader.loadAll(paths: [path], format: format, limits: limits)
        let again = DataLoader.load(bytes: bytes, path: path, format: format, limits: limits)
        if summary(pieces) != summary(again) || summary(again) != summary(whole) {
            fatalError("\(format) read in pieces of \(pieceSize) bytes differs from the whole read")
        }
    }

    static func summary(_ data: LoadedData) -> [String] {
        data.deals.map { deal in
            let entries = deal.record.entries.map { "\($0.key)=\(ValueRendering.render($0.value))@\($0.location?.description ?? "-")" }
            return "\(deal.position) \(deal.subject) \(deal.location?.description ?? "-") " + entries.joined(separator: " ")
        } + data.diagnostics.map { "\($0) | \($0.sourceLine ?? "")" }
    }
}
