import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The harness itself, driven against standard programs; REPL tests use it
/// against `dealrules repl`.
@Suite("Pseudo-terminal harness")
struct PseudoTerminalTests {
    @Test func childSeesATerminalOfTheRequestedSize() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: "/bin/sh", arguments: ["-c", "test -t 0 && test -t 1 && echo on-a-tty; stty size"],
            rows: 30, columns: 100)
        try terminal.readUntil("on-a-tty")
        try terminal.readUntil("30 100")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func environmentIsTheTestsPlusTerminalSettings() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: "/bin/sh", arguments: ["-c", "echo \"[$TERM|$SWIFT_BACKTRACE|$EXTRA]\""],
            environment: ["EXTRA": "given"])
        try terminal.readUntil("[dumb|enable=no|given]")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func typedTextIsEchoedAndRead() throws {
        let terminal = try PseudoTerminal.spawn(executable: "/bin/cat")
        try terminal.send("hello pty\n")
        try terminal.readUntil("hello pty") // the terminal's echo
        try terminal.readUntil("hello pty") // cat's copy
        try terminal.sendControlD()
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func controlCInterruptsTheChild() throws {
        let terminal = try PseudoTerminal.spawn(executable: "/bin/cat")
        try terminal.send("ready\n")
        try terminal.readUntil("ready")
        try terminal.readUntil("ready")
        try terminal.sendControlC()
        #expect(try terminal.waitForExit() == 128 + SIGINT)
    }

    @Test func interactiveShellSurvivesControlC() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: "/bin/sh", arguments: ["-i"], environment: ["PS1": "pty$ ", "ENV": ""])
        try terminal.readUntil("pty$ ")
        try terminal.send("echo $((6 * 7))\n")
        try terminal.readUntil("42")
        try terminal.readUntil("pty$ ")
        try terminal.send("sleep 30")
        try terminal.sendControlC()
        try terminal.readUntil("pty$ ")
        try terminal.send("exit 3\n")
        #expect(try terminal.waitForExit() == 3)
    }

    @Test func missingTextFailsWithWhatWasRead() throws {
        let terminal = try PseudoTerminal.spawn(
            executable: "/bin/sh", arguments: ["-c", "printf 'partial output'; sleep 30"])
        try terminal.readUntil("partial")
        do {
            try terminal.readUntil("never printed", timeout: 0.3)
            Issue.record("readUntil returned for text that never appeared")
        } catch let failure as PseudoTerminal.Failure {
            #expect(failure.description.contains("\"never printed\""))
            #expect(failure.description.contains(" output"))
        }
    }

    @Test func closedTerminalEndsTheWaitEarly() throws {
        let terminal = try PseudoTerminal.spawn(executable: "/bin/sh", arguments: ["-c", "echo bye"])
        let started = Date()
        #expect(throws: PseudoTerminal.Failure.self) {
            try terminal.readUntil("never printed", timeout: 20)
        }
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(terminal.output.contains("bye"))
    }

    @Test func releasingTheTerminalKillsTheChild() throws {
        var terminal: PseudoTerminal? = try PseudoTerminal.spawn(executable: "/bin/sleep", arguments: ["30"])
        let pid = try #require(terminal?.processIdentifier)
        #expect(kill(pid, 0) == 0)
        terminal = nil
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test func unknownExecutableIsReported() {
        #expect(throws: PseudoTerminal.Failure.self) {
            try PseudoTerminal.spawn(executable: "/nonexistent/program")
        }
    }

    @Test func locatesTheBuiltExecutable() {
        let root = PseudoTerminal.repositoryRoot()
        #expect(FileManager.default.fileExists(atPath: root + "/Package.swift"))
        #expect(PseudoTerminal.dealrulesExecutable().hasSuffix("/dealrules"))
    }

    @Test func plainTextDropsCarriageReturnsAndBells() {
        #expect(PseudoTerminal.plain("a\r\n\u{07}b") == "a\nb")
    }
}
