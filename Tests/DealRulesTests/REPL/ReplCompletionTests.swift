import Foundation
import Testing
@testable import DealRules

/// Tab-completion candidates by context. The line editor keeps those that
/// continue the typed text; these tests check what each context offers.
@Suite("REPL completion")
struct ReplCompletionTests {
    @Test func fieldNamesFromTheDataAreOfferedWhole() {
        let engine = ReplFixture.started()
        // The multi-word field wins over keywords that only continue `ta`.
        #expect(engine.completions(lineBeforeCursor: "capacity ta", word: "ta") == ["capacity target"])
        let started = engine.completions(lineBeforeCursor: "if ch", word: "ch")
        #expect(started.contains("chip roadmap"))
        #expect(started.contains("chips"))
        // Definitions and flags from the loaded rules.
        #expect(engine.completions(lineBeforeCursor: "long c", word: "c") == ["long commitment"])
        #expect(engine.completions(lineBeforeCursor: "timeline r", word: "r").contains("timeline risk"))
        // Keywords, several words long too.
        #expect(engine.completions(lineBeforeCursor: "capacity is at le", word: "le") == ["is at least"])
    }

    @Test func afterFieldIsTheValuesSeenForThatFieldAreOffered() {
        let engine = ReplFixture.started()
        let values = engine.completions(lineBeforeCursor: "power source is ", word: "")
        #expect(values.contains("gas"))
        #expect(values.contains("nuclear"))
        #expect(!values.contains("if"))
        #expect(!values.contains("capacity target"))
        let negated = engine.completions(lineBeforeCursor: "kind is not co", word: "co")
        #expect(negated.contains("compute"))
        #expect(!negated.contains("gas"))
    }

    @Test func valuesOfNestedFieldsAndListItems() {
        let engine = ReplFixture.started()
        let roles = engine.completions(lineBeforeCursor: "any party where role is ", word: "")
        #expect(roles.contains("hyperscaler"))
        #expect(roles.contains("utility"))
        let list = engine.completions(lineBeforeCursor: "kind is one of compute, ", word: "")
        #expect(list.contains("power"))
        #expect(list.contains("chips"))
        // Items that are also keywords (`power` is a type name) stay items.
        let later = engine.completions(lineBeforeCursor: "kind is one of compute, power, ch", word: "ch")
        #expect(later == ["chips"])
        // After the list, a connective starts a new condition.
        #expect(engine.completions(lineBeforeCursor: "kind is one of compute and cap", word: "cap").contains("capacity"))
    }

    @Test func metaCommandsAfterAColon() {
        let engine = ReplFixture.started()
        let names = engine.completions(lineBeforeCursor: ":de", word: "de")
        #expect(Set(names) == [":deal", ":deals"])
        #expect(engine.completions(lineBeforeCursor: ":", word: "").count == ReplMetaCommand.allCases.count)
        #expect(engine.completions(lineBeforeCursor: ":help ", word: "").contains("explain"))
    }

    @Test func dealIdsAfterDealAndRuleNamesAfterExplain() {
        let engine = ReplFixture.started()
        let ids = engine.completions(lineBeforeCursor: ":deal amazon-", word: "amazon-")
        #expect(ids.contains("amazon-anthropic-2026"))
        #expect(ids.contains("amazon-talen-susquehanna"))
        #expect(!ids.contains(":deal"))
        let rules = engine.completions(lineBeforeCursor: ":explain Time", word: "Time")
        #expect(rules.contains("Timeline risk"))
    }

    @Test func filePathsAfterLoadDataAndSave() throws {
        let folder = try replTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.rules", "b.yaml", "c.txt"] {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let engine = ReplFixture.started()
        let base = folder.path + "/"
        #expect(engine.completions(lineBeforeCursor: ":load " + base, word: "") == [base + "a.rules", base + "sub/"])
        #expect(engine.completions(lineBeforeCursor: ":data " + base + "b", word: "b") == [base + "b.yaml"])
        #expect(engine.completions(lineBeforeCursor: ":save " + base, word: "") == [base + "a.rules", base + "sub/"])
    }

    @Test func keywordsAndCommandsOnAnEmptyLine() {
        let engine = ReplFixture.started()
        let names = engine.completions(lineBeforeCursor: "", word: "")
        #expect(names.contains("define"))
        #expect(names.contains(":help"))
        // Symbols from the data only once a word is started.
        #expect(!names.contains("nuclear"))
        #expect(engine.completions(lineBeforeCursor: "nu", word: "nu").contains("nuclear"))
    }

    @Test func typeCompletesAnExpression() {
        let engine = ReplFixture.started()
        #expect(engine.completions(lineBeforeCursor: ":type capacity ta", word: "ta").contains("capacity target"))
    }
}
