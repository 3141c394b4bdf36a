import Foundation
import DealRulesModel
import DealRulesSyntax

// `:save FILE`: the statements typed in the session as one formatted rule
// file, written atomically.
extension ReplEngine {
    /// The text `:save` writes: every kept input in order, laid out by the
    /// formatter (comments typed with the statements are kept).
    func savedText() -> String {
        var text = "# Written by `dealrules repl` on the deals as of \(session.asOf).\n"
        let loaded = session.ruleFiles.map(\.source.path)
        if !loaded.isEmpty {
            text += "# The session had also loaded: " + loaded.joined(separator: ", ") + ".\n"
        }
        for typed in session.typedFiles {
            text += "\n" + typed.source.text + "\n"
        }
        let parsed = Parser.parse(SourceFile(path: "session.rules", text: text))
        return Printer.format(parsed)
    }

    func save(to path: String, span: Span) -> ReplReply {
        guard !session.typedFiles.isEmpty else {
            return .text("nothing to save: no statements were typed in this session")
        }
        do {
            try ReplFileWriter.write(savedText(), to: path)
        } catch let error as ReplFileWriter.Failure {
            return failure(.error(ReplCode.cannotSave, "cannot save to \(path): \(error.reason)", at: span,
                                  help: ["the file was not changed"]))
        } catch {
            return failure(.error(ReplCode.cannotSave, "cannot save to \(path): \(error)", at: span))
        }
        let count = session.typedFiles.reduce(0) { $0 + $1.statements.count }
        return .text("saved \(ReplWording.count(count, "statement")) to \(path)")
    }
}

/// Writes a whole file or nothing: the text goes to a temporary file in
/// the same folder, which is then renamed over the target. An existing
/// file is never truncated by a failed write.
enum ReplFileWriter {
    struct Failure: Error {
        var reason: String
    }

    static func write(_ text: String, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard !name.isEmpty, !path.hasSuffix("/") else { throw Failure(reason: "it names a folder, not a file") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(reason: "it is a folder")
        }
        let folder = directory.isEmpty ? "." : directory
        var template = Array((folder + "/." + name + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw Failure(reason: systemError()) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        do {
            try writeAll(Array(text.utf8), to: descriptor)
            guard fsync(descriptor) == 0 else { throw Failure(reason: systemError()) }
            // Keep an existing file's permissions; new files get the usual 0644.
            var info = stat()
            let mode = stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0o644
            fchmod(descriptor, mode)
            closed = true
            guard close(descriptor) == 0 else { throw Failure(reason: systemError()) }
            guard rename(temporary, path) == 0 else { throw Failure(reason: systemError()) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: systemError())
            }
            offset += written
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
