import Foundation
import Testing

/// `dealrules repl` as a program: scripted through a pipe, and at a
/// terminal through a pseudo-terminal. Needs the built binary
/// (`make test` builds it; `DEALRULES_BIN` names another).
@Suite("REPL binary", .serialized)
struct ReplBinaryTests {
    static let arguments = ["repl", "Rules", "--data", "data/deals.yaml", "--as-of", "2026-11-24"]

    /// Runs the binary with `input` on a pipe; returns status, stdout, stderr.
    static func piped(_ input: String, arguments: [String] = arguments) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PseudoTerminal.dealrulesExecutable())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: ReplFixture.root)
        var environment = ProcessInfo.processInfo.environment
        environment["DEALRULES_HISTORY"] = ""
        process.environment = environment
        let stdin = Pipe()
        let folder = try replTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out")
        let errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = String(decoding: FileManager.default.contents(atPath: outURL.path) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: FileManager.default.contents(atPath: errURL.path) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func scriptedSessionPrintsNoPromptsAndExitsZero() throws {
        let (status, stdout, stderr) = try Self.piped(":deal stargate\ncapacity\n:as-of\n")
        #expect(status == 0)
        #expect(stderr.isEmpty)
        #expect(stdout == "current deal: stargate (Stargate Project (OpenAI, SoftBank, Oracle, MGX))\n10 GW (reported)\n  capacity = 10 GW (reported, OpenAI announcement; press reports)\nas of 2026-11-24\n"
                || (stdout.hasPrefix("current deal: stargate") && stdout.hasSuffix("as of 2026-11-24\n")))
        #expect(!stdout.contains("dealrules>"))
        #expect(!stdout.contains("\u{1B}["))
    }

    @Test func scriptedSessionWithAnErrorExitsTwoAndGoesOn() throws {
        let (status, stdout, stderr) = try Self.piped(":dael x\n1 + 1\n")
        #expect(status == 2)
        #expect(stderr.contains("error[E701]"))
        #expect(stdout == "2\n")
    }

    // MARK: At a terminal

    /// Between two lines libedit gives the terminal back to the line
    /// discipline and takes it again only as the prompt appears; a control
    /// key typed in that instant is handled by the line discipline (Ctrl-D
    /// becomes a NUL in the next line, Ctrl-C is lost until the next key).
    /// A person never types that fast, a test can: wait a moment after the
    /// prompt before a control key.
    static func settle() {
        usleep(200_000)
    }

    /// Ctrl-D until the REPL ends (Ctrl-U first clears anything a too-early
    /// Ctrl-D left in the line).
    static func leave(_ terminal: PseudoTerminal) throws -> Int32 {
        for _ in 0..<10 {
            settle()
            try? terminal.sendBytes([0x15, 0x04])
            if let status = try? terminal.waitForExit(timeout: 0.5) { return status }
        }
        return try terminal.waitForExit()
    }

    static func terminal(history: String) throws -> PseudoTerminal {
        try PseudoTerminal.spawn(
            executable: PseudoTerminal.dealrulesExecutable(),
            arguments: ["repl", ReplFixture.rules, "--data", ReplFixture.deals, "--as-of", "2026-11-24"],
            environment: ["DEALRULES_HISTORY": history, "NO_COLOR": "1"])
    }

    @Test func terminalSessionCompletesRecallsSurvivesControlCAndExits() throws {
        let folder = try replTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("history").path

        let terminal = try Self.terminal(history: history)
        try terminal.readUntil("dealrules> ")
        // Tab completes a multi-word field name from the data.
        try terminal.send(":deal amazon-anthropic-2026\n")
        try terminal.readUntil("current deal: amazon-anthropic-2026")
        try terminal.readUntil("dealrules> ")
        try terminal.send("capacity ta\t")
        try terminal.readUntil("capacity target")
        try terminal.send("\n")
        try terminal.readUntil("2028")
        try terminal.readUntil("dealrules> ")
        // Up arrow brings back the previous line.
        try terminal.send("\u{1B}[A\n")
        try terminal.readUntil("2028")
        try terminal.readUntil("dealrules> ")
        // Ctrl-C abandons a multi-line input; the session goes on.
        try terminal.send("capacity is at least\n")
        try terminal.readUntil("      ...> ")
        try terminal.send("5 G")
        try terminal.readUntil("5 G")
        Self.settle()
        try terminal.sendControlC()
        try terminal.readUntil("dealrules> ")
        try terminal.send(":as-of\n")
        try terminal.readUntil("as of 2026-11-24")
        try terminal.readUntil("dealrules> ")
        // UTF-8 goes through the editor intact.
        try terminal.send("\"naïve café\"\n")
        try terminal.readUntil("naïve café\r\n")
        try terminal.readUntil("dealrules> ")
        // Ctrl-D on an empty line leaves with status 0 and saves history.
        #expect(try Self.leave(terminal) == 0)
        let saved = String(decoding: FileManager.default.contents(atPath: history) ?? Data(), as: UTF8.self)
        // libedit writes spaces in history as `\040`.
        #expect(saved.hasPrefix("_HiStOrY_V2_"))
        #expect(saved.contains("target"))

        // A new session recalls the last line of the previous one.
        let again = try Self.terminal(history: history)
        try again.readUntil("dealrules> ")
        try again.send("\u{1B}[A")
        try again.readUntil("café\"")
        try again.send("\n")
        try again.readUntil("naïve café\r\n")
        try again.readUntil("dealrules> ")
        try again.send(":quit\n")
        #expect(try again.waitForExit() == 0)
    }

    @Test func terminalShowsErrorsWithCaretsAndKeepsGoing() throws {
        let terminal = try Self.terminal(history: "")
        try terminal.readUntil("dealrules> ")
        try terminal.send(":dael\n")
        try terminal.readUntil(" 1 | :dael\r\n   | ^^^^^\r\n")
        try terminal.readUntil("did you mean `:deal`?")
        try terminal.readUntil("dealrules> ")
        try terminal.send(":q\n")
        // A mistyped line does not make an interactive session fail.
        #expect(try terminal.waitForExit() == 0)
        // NO_COLOR is set for this terminal.
        #expect(!terminal.output.contains("\u{1B}["))
    }

    @Test func terminalIsColouredUnlessNoColorIsSet() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: PseudoTerminal.dealrulesExecutable(),
            arguments: ["repl", ReplFixture.rules, "--data", ReplFixture.deals, "--as-of", "2026-11-24"],
            environment: ["DEALRULES_HISTORY": "", "NO_COLOR": ""])
        try terminal.readUntil("dealrules> ")
        try terminal.send(":dael\n")
        try terminal.readUntil("\u{1B}[1;31merror[E701]")
        try terminal.readUntil("dealrules> ")
        try terminal.send(":rules\n")
        try terminal.readUntil("\u{1B}[1mrule ")
        // Severities are coloured, and the colour does not upset the columns.
        try terminal.readUntil("\u{1B}[31mhigh\u{1B}[0m      per deal")
        try terminal.readUntil("dealrules> ")
        #expect(try Self.leave(terminal) == 0)

        let plain = try PseudoTerminal.spawn(
            executable: PseudoTerminal.dealrulesExecutable(),
            arguments: ["repl", "--no-color"], environment: ["DEALRULES_HISTORY": "", "NO_COLOR": ""])
        try plain.readUntil("dealrules> ")
        try plain.send(":dael\n")
        try plain.readUntil("error[E701]")
        try plain.readUntil("dealrules> ")
        #expect(try Self.leave(plain) == 0)
        #expect(!plain.output.contains("\u{1B}["))
    }
}
