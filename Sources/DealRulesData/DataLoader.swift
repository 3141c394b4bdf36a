import DealRulesModel
import Foundation

/// Reads deal data files (CLI.md `--data`) into deals, reporting every
/// problem with a stable code and a location. It never stops at the first
/// bad deal: what can be read is kept.
public enum DataLoader {
    /// What a diagnostic calls standard input.
    public static let standardInputName = "<stdin>"

    /// One file, or `-` for standard input. Without a format it is chosen
    /// by extension (standard input is sniffed).
    public static func load(path: String, format: DataFormat?, limits: DataLimits = .standard) -> LoadedData {
        loadAll(paths: [path], format: format, limits: limits)
    }

    /// Data already in memory; `path` names it in diagnostics.
    public static func load(
        bytes: [UInt8], path: String, format: DataFormat, limits: DataLimits = .standard, firstPosition: Int = 1
    ) -> LoadedData {
        var diagnostics: [Diagnostic] = []
        guard bytes.count <= limits.maxFileSize else {
            diagnostics.append(tooLarge(path, limits: limits))
            return LoadedData(deals: [], diagnostics: diagnostics)
        }
        let collector = DealCollector(firstPosition: firstPosition, maxDeals: limits.maxDeals)
        var subjects = SubjectRegister()
        let file = read(bytes, path: path, format: format, limits: limits, collector: collector, subjects: &subjects)
        return LoadedData(deals: file.deals, diagnostics: file.diagnostics)
    }

    /// Several files as one data set: positions continue from file to
    /// file, and a subject id used twice is warned about (both deals kept).
    public static func loadAll(paths: [String], format: DataFormat?, limits: DataLimits = .standard) -> LoadedData {
        var loaded = LoadedData()
        var nextPosition = 1
        var subjects = SubjectRegister()
        for path in paths {
            let name = path == "-" ? standardInputName : path
            let collector = DealCollector(firstPosition: nextPosition, maxDeals: limits.maxDeals, earlierDeals: loaded.deals.count)
            guard let file = readFile(path, name: name, format: format, limits: limits, collector: collector,
                                      subjects: &subjects, diagnostics: &loaded.diagnostics) else { continue }
            // The reader's own array when it has little room to spare (a
            // file read in pieces, sized in advance); otherwise a copy that
            // holds exactly the deals (a whole read's array may have room
            // for twice as many).
            if loaded.deals.isEmpty, file.deals.capacity - file.deals.count <= file.deals.count / 16 {
                loaded.deals = file.deals
            } else {
                loaded.deals.append(contentsOf: file.deals)
            }
            loaded.diagnostics.append(contentsOf: file.diagnostics)
            nextPosition = file.nextPosition
        }
        return loaded
    }

    /// One file of `loadAll`, its subjects registered; nil when it cannot
    /// be read at all (reported in `diagnostics`). NDJSON files, JSON
    /// arrays of deals, clean YAML lists of deals and clean CSV files are
    /// read a piece at a time (`FilePieces`), anything else whole.
    private static func readFile(
        _ path: String, name: String, format: DataFormat?, limits: DataLimits, collector: DealCollector,
        subjects: inout SubjectRegister, diagnostics: inout [Diagnostic]
    ) -> FileLoad? {
        if path == "-" {
            guard let bytes = readStandardInput(limits: limits, diagnostics: &diagnostics) else { return nil }
            return read(bytes, path: name, format: format ?? DataFormat.sniff(bytes), limits: limits, collector: collector, subjects: &subjects)
        }
        guard let input = openInput(path, name: name, limits: limits, diagnostics: &diagnostics) else { return nil }
        defer { close(input.descriptor) }
        guard let chosen = format ?? DataFormat.infer(path: path) else {
            diagnostics.append(Diagnostic(
                .error, code: DataDiagnosticCode.unknownFormat.rawValue,
                message: "cannot tell the data format of `\(path)` from its name",
                location: SourceLocation(path: name, line: 1, column: 1),
                help: ["name it .json, .ndjson, .jsonl, .yaml, .yml or .csv, or pass --data-format"]
            ))
            return nil
        }
        if chosen == .ndjson || chosen == .json, input.isRegular {
            var pieces = FilePieces(descriptor: input.descriptor, size: input.size, name: name, limits: limits)
            let file = chosen == .ndjson
                ? NDJSONPieces.read(&pieces, collector: collector, subjects: &subjects)
                : JSONArrayPieces.read(&pieces, collector: collector, subjects: &subjects)
            if let failure = pieces.failure { diagnostics.append(readFailure(path, name: name, errno: failure)) }
            if pieces.tooLarge { diagnostics.append(tooLarge(name, limits: limits)) }
            return file
        }
        if chosen == .yaml || chosen == .csv, input.isRegular {
            // Read whole instead (from the start, with the subjects as they
            // were) when the pieces do not read cleanly.
            let before = subjects
            var pieceLimits = limits
            pieceLimits.pieceSize = chosen == .yaml ? limits.yamlPieceSize : limits.csvPieceSize
            var pieces = FilePieces(descriptor: input.descriptor, size: input.size, name: name, limits: pieceLimits)
            let file = chosen == .yaml
                ? YAMLPieces.read(&pieces, collector: collector, subjects: &subjects)
                : CSVPieces.read(&pieces, collector: collector, subjects: &subjects)
            if let file { return file }
            subjects = before
            guard lseek(input.descriptor, 0, SEEK_SET) == 0 else {
                diagnostics.append(readFailure(path, name: name, errno: errno))
                return nil
            }
        }
        guard let bytes = readWhole(input, path: path, name: name, limits: limits, diagnostics: &diagnostics) else { return nil }
        return read(bytes, path: name, format: chosen, limits: limits, collector: collector, subjects: &subjects)
    }

    /// Reads the deals of a whole file's bytes and registers their subjects,
    /// while the file's text is at hand to quote its lines.
    private static func read(
        _ bytes: [UInt8], path: String, format: DataFormat, limits: DataLimits, collector: DealCollector,
        subjects: inout SubjectRegister
    ) -> FileLoad {
        var file = read(bytes, path: path, format: format, limits: limits, collector: collector)
        file.diagnostics.append(contentsOf: subjects.register(file.deals, path: path, bytes: bytes))
        return file
    }

    static func read(_ bytes: [UInt8], path: String, format: DataFormat, limits: DataLimits, collector: DealCollector) -> FileLoad {
        switch format {
        case .json: return JSONDealReader.read(bytes, path: path, limits: limits, collector: collector)
        case .ndjson: return NDJSONDealReader.read(bytes, path: path, limits: limits, collector: collector)
        case .yaml: return YAMLDealReader.read(bytes, path: path, limits: limits, collector: collector)
        case .csv: return CSVDealReader.read(bytes, path: path, limits: limits, collector: collector)
        }
    }

    // MARK: Input

    /// A data file opened for reading, after the checks every file gets.
    struct OpenedInput {
        let descriptor: Int32
        /// A regular file (not a device or pipe), of `size` bytes when opened.
        let isRegular: Bool
        let size: Int
    }

    static func unreadable(_ message: String, name: String) -> Diagnostic {
        Diagnostic(
            .error, code: DataDiagnosticCode.unreadable.rawValue, message: message,
            location: SourceLocation(path: name, line: 1, column: 1)
        )
    }

    private static func readFailure(_ path: String, name: String, errno failure: Int32) -> Diagnostic {
        unreadable("cannot read data file `\(path)`: \(String(cString: strerror(failure)))", name: name)
    }

    private static func openInput(_ path: String, name: String, limits: DataLimits, diagnostics: inout [Diagnostic]) -> OpenedInput? {
        func fail(_ message: String) -> OpenedInput? {
            diagnostics.append(unreadable(message, name: name))
            return nil
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return fail("data file `\(path)` does not exist")
        }
        guard !isDirectory.boolValue else { return fail("`\(path)` is a directory, not a data file") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value > Int64(limits.maxFileSize) {
            diagnostics.append(tooLarge(name, limits: limits))
            return nil
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return fail("cannot open data file `\(path)`") }
        var status = stat()
        let isRegular = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        return OpenedInput(descriptor: descriptor, isRegular: isRegular, size: isRegular ? max(0, Int(status.st_size)) : 0)
    }

    /// The whole of an opened file.
    private static func readWhole(_ input: OpenedInput, path: String, name: String, limits: DataLimits, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        let descriptor = input.descriptor
        // Straight into the array the readers use (no intermediate copy):
        // a regular file in one piece of its size, then (for a file that
        // grew, a device or a pipe) in chunks, so that input that never
        // ends stops at the limit.
        let expected = min(input.size, limits.maxFileSize + 1)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            count = 0
            while count < expected {
                let got = systemRead(descriptor, buffer.baseAddress! + count, expected - count)
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = errno }
                if got <= 0 { break }
                count += got
            }
        }
        if failure == 0, bytes.count <= limits.maxFileSize {
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let got = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = errno }
                if got <= 0 { break }
                bytes.append(contentsOf: chunk[0..<got])
                if bytes.count > limits.maxFileSize { break }
            }
        }
        if failure != 0 {
            diagnostics.append(readFailure(path, name: name, errno: failure))
            return nil
        }
        guard bytes.count <= limits.maxFileSize else {
            diagnostics.append(tooLarge(name, limits: limits))
            return nil
        }
        return bytes
    }

    private static func readStandardInput(limits: DataLimits, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        var bytes: [UInt8] = []
        let handle = FileHandle.standardInput
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                bytes.append(contentsOf: chunk)
                if bytes.count > limits.maxFileSize {
                    diagnostics.append(tooLarge(standardInputName, limits: limits))
                    return nil
                }
            }
        } catch {
            diagnostics.append(Diagnostic(
                .error, code: DataDiagnosticCode.unreadable.rawValue,
                message: "cannot read standard input: \(error.localizedDescription)",
                location: SourceLocation(path: standardInputName, line: 1, column: 1)
            ))
            return nil
        }
        return bytes
    }

    private static func tooLarge(_ name: String, limits: DataLimits) -> Diagnostic {
        Diagnostic(
            .error, code: DataDiagnosticCode.fileTooLarge.rawValue,
            message: "`\(name)` is larger than the \(limits.maxFileSize)-byte limit for one data file",
            location: SourceLocation(path: name, line: 1, column: 1),
            help: ["split the data into several files"]
        )
    }
}

/// `read(2)`, under a name that `DataLoader.read` does not hide.
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
