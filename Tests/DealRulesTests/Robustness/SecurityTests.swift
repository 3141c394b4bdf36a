import Foundation
import Testing
@testable import DealRules
import DealRulesModel

/// Rule files cannot read files outside the folder they were given in:
/// not by `use`, not by `given deals from`, not through links. None of the
/// refusals shows the contents of the file it refused.
@Suite("Robustness: file access")
struct RobustnessSecurityTests {
    static let secret = "root:x:0:0"

    /// tree/ holds the rules; outside.rules and outside.yaml sit beside it.
    static func layout(_ name: String) -> (folder: String, tree: String) {
        let folder = RobustnessFixtures.scratchFolder(name)
        let tree = folder + "/tree"
        RobustnessFixtures.write("if exclusive, flag outside rule.\n", to: folder + "/outside.rules")
        RobustnessFixtures.write("- {id: outside, exclusive: true}\n", to: folder + "/outside.yaml")
        RobustnessFixtures.write("\(secret):root:/root:/bin/bash\n", to: folder + "/secret.rules")
        return (folder, tree)
    }

    @Test func useOfAnAbsolutePathIsRefused() throws {
        let (folder, tree) = Self.layout("use-absolute")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        RobustnessFixtures.write("use \"/etc/passwd\"\nuse \"\(folder)/secret.rules\"\nuse \"~/x.rules\"\n", to: tree + "/main.rules")
        let loaded = ProgramLoader.load(paths: [tree])
        #expect(RobustnessFixtures.codes(loaded.diagnostics) == ["E210", "E210", "E210"])
        #expect(loaded.diagnostics.allSatisfy { $0.resolvedLocation?.path.hasSuffix("main.rules") == true })
        #expect(!DiagnosticRenderer.render(loaded.diagnostics, color: false).contains(Self.secret))
    }

    @Test func useEscapingTheTreeIsRefused() throws {
        let (folder, tree) = Self.layout("use-escape")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        RobustnessFixtures.write("use \"../outside.rules\"\n", to: tree + "/a.rules")
        RobustnessFixtures.write("use \"../../x.rules\"\n", to: tree + "/sub/b.rules")
        RobustnessFixtures.write("use \"sub/../../secret.rules\"\n", to: tree + "/c.rules")
        let loaded = ProgramLoader.load(paths: [tree])
        #expect(RobustnessFixtures.codes(loaded.diagnostics) == ["E211", "E211", "E211"])
        #expect(loaded.diagnostics.allSatisfy { $0.message.contains("leaves the rules folder") })
        #expect(!DiagnosticRenderer.render(loaded.diagnostics, color: false).contains(Self.secret))

        // A single file: its own folder is the boundary.
        let single = ProgramLoader.load(paths: [tree + "/a.rules"])
        #expect(RobustnessFixtures.codes(single.diagnostics) == ["E211"])
    }

    @Test func linksLeadingOutOfTheTreeAreRefused() throws {
        let (folder, tree) = Self.layout("links")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        RobustnessFixtures.write("use \"inside-link.rules\"\n", to: tree + "/main.rules")
        try FileManager.default.createSymbolicLink(atPath: tree + "/inside-link.rules", withDestinationPath: folder + "/secret.rules")
        try FileManager.default.createSymbolicLink(atPath: tree + "/passwd.rules", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: tree + "/zero.rules", withDestinationPath: "/dev/zero")
        // A link back up the tree must not make the folder walk endless.
        try FileManager.default.createSymbolicLink(atPath: tree + "/loop", withDestinationPath: "..")

        let loaded = ProgramLoader.load(paths: [tree])
        let rendered = DiagnosticRenderer.render(loaded.diagnostics, color: false)
        #expect(loaded.program == nil)
        #expect(!rendered.contains(Self.secret))
        #expect(!rendered.contains("root:x:"))
        #expect(loaded.files.allSatisfy { !$0.source.text.contains(Self.secret) && !$0.source.text.contains("root:x:") })
        // The `use` through a link, and each link found in the folder walk.
        #expect(RobustnessFixtures.codes(loaded.diagnostics).filter { $0 == "E211" }.count >= 3, "\(rendered)")
        #expect(rendered.contains("inside-link.rules"))
        #expect(rendered.contains("zero.rules"))
    }

    @Test func pipesAndDevicesAreNotRead() throws {
        let folder = RobustnessFixtures.scratchFolder("fifo")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/pipe.rules", 0o600) == 0)
        RobustnessFixtures.write("use \"pipe.rules\"\nif exclusive, flag x.\n", to: folder + "/main.rules")
        let loaded = ProgramLoader.load(paths: [folder + "/main.rules"])
        #expect(RobustnessFixtures.codes(loaded.diagnostics) == ["E216"])
        #expect(loaded.diagnostics.first?.message.contains("not a regular file") == true)
    }

    @Test func givenDealsFromOutsideTheTreeIsRefused() throws {
        let (folder, tree) = Self.layout("fixtures")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        RobustnessFixtures.write("""
        if exclusive, flag exclusive deal.

        test "absolute"
          given deals from "/etc/passwd"
          expect 1 finding

        test "escaping"
          given deals from "../outside.yaml"
          expect 1 finding

        test "link"
          given deals from "link.yaml"
          expect 1 finding

        """, to: tree + "/main.rules")
        try FileManager.default.createSymbolicLink(atPath: tree + "/link.yaml", withDestinationPath: folder + "/outside.yaml")
        let output = TestRun.execute(paths: [tree])
        #expect(output.exitCode == 1)
        #expect(output.stdout.contains("0 passed, 3 failed"), "\(output.stdout)")
        #expect(output.stdout.contains("given deals from \"/etc/passwd\": use a path relative to the rule file"))
        #expect(output.stdout.contains("given deals from \"../outside.yaml\" leaves the rules folder"))
        #expect(output.stdout.contains("given deals from \"link.yaml\" leaves the rules folder"))
        #expect(!output.stdout.contains("root:x:"))
    }

    // MARK: REPL file commands

    static func engine() -> ReplEngine {
        ReplEngine(ReplConfiguration(asOf: RobustnessFixtures.asOf))
    }

    @Test func replLoadAndDataReportMissingFiles() {
        let engine = Self.engine()
        let load = engine.submit(":load /nonexistent/folder/x.rules")
        #expect(load.failed)
        #expect(load.errors.contains("/nonexistent/folder/x.rules"))
        let data = engine.submit(":data /nonexistent/deals.yaml")
        #expect(data.failed)
        #expect(data.errors.contains("does not exist"))
        let directory = engine.submit(":data /tmp")
        #expect(directory.failed)
        #expect(directory.errors.contains("directory"))
    }

    @Test func replSaveNeverTruncatesOnError() throws {
        let folder = RobustnessFixtures.scratchFolder("save")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let engine = Self.engine()
        #expect(!engine.submit("if exclusive, flag typed deal.").failed)

        // A path whose parent is a file.
        RobustnessFixtures.write("keep me\n", to: folder + "/plain")
        let underFile = engine.submit(":save \(folder)/plain/out.rules")
        #expect(underFile.failed)
        #expect(underFile.errors.contains("E706"))
        #expect(underFile.errors.contains("cannot save to"))
        #expect(try String(contentsOfFile: folder + "/plain", encoding: .utf8) == "keep me\n")

        // A folder nobody may write in: /proc refuses even the superuser.
        let before = try String(contentsOfFile: "/proc/version", encoding: .utf8)
        let readOnly = engine.submit(":save /proc/version")
        #expect(readOnly.failed)
        #expect(readOnly.errors.contains("E706"))
        #expect(try String(contentsOfFile: "/proc/version", encoding: .utf8) == before)

        // A write-protected folder (only meaningful when not the superuser).
        let locked = folder + "/locked"
        RobustnessFixtures.write("existing rules\n", to: locked + "/session.rules")
        #expect(chmod(locked, 0o555) == 0)
        defer { chmod(locked, 0o755) }
        let protected = engine.submit(":save \(locked)/session.rules")
        #expect(protected.failed == (getuid() != 0))
        if protected.failed {
            #expect(try String(contentsOfFile: locked + "/session.rules", encoding: .utf8) == "existing rules\n")
        }

        // A folder as the target.
        let intoFolder = engine.submit(":save \(folder)")
        #expect(intoFolder.failed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["locked", "plain"])

        // And a good save still works and leaves no temporary file behind.
        let good = engine.submit(":save \(folder)/saved.rules")
        #expect(!good.failed)
        #expect(try String(contentsOfFile: folder + "/saved.rules", encoding: .utf8).contains("flag typed deal"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["locked", "plain", "saved.rules"])
    }
}
