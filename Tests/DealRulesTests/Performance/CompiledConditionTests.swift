@testable import DealRules
import DealRulesModel
import Foundation
import Testing

/// The faster evaluation paths must mean exactly what the tree walker
/// means: same truth, same evidence, same reasons, on data full of unknown,
/// imprecise and wrongly typed values.
@Suite struct CompiledConditionTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func program(_ directory: String) throws -> CheckedProgram {
        let result = ProgramLoader.load(paths: [root.appendingPathComponent(directory).path])
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        return try #require(result.program)
    }

    struct Outcome: Equatable {
        var truth: Truth
        var evidence: [Evidence]
        var reasons: [UndeterminedReason]
    }

    @Test(arguments: ["Rules", "Benchmarks/rules"])
    func compiledConditionsAgreeWithTheTreeWalker(_ directory: String) throws {
        let program = try CompiledConditionTests.program(directory)
        var random = RandomDeals(seed: 2026)
        let deals = random.deals(400)
        let asOf = try #require(DateValue(year: 2026, month: 11, day: 24))
        let evaluator = Evaluator(asOf: asOf, definitions: program.definitions)
        var mismatches: [String] = []
        var seen = Set<Truth>()
        func compare(_ rule: CheckedRule, _ subject: String, begin: () -> Void) {
            let compiled = CompiledCondition(rule.condition, definitions: program.definitions)
            begin()
            let expected = Outcome(truth: evaluator.truth(rule.condition), evidence: evaluator.evidence, reasons: evaluator.reasons)
            begin()
            let actual = Outcome(truth: compiled.truth(evaluator), evidence: evaluator.evidence, reasons: evaluator.reasons)
            seen.insert(expected.truth)
            if expected != actual { mismatches.append("\(rule.info.name) / \(subject): \(expected) vs \(actual)") }
        }
        for rule in program.rules {
            switch rule.scope {
            case .perDeal:
                for deal in deals { compare(rule, deal.subject) { evaluator.begin(deal: deal) } }
            case .forEach, .forAllDeals:
                let scope = GroupScope(keyName: nil, key: .symbol("portfolio"), deals: Array(deals.prefix(50)), allDeals: deals)
                compare(rule, "group") { evaluator.begin(group: scope) }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(seen == [.true, .false, .unknown])
    }

    @Test func foldedComparisonMatchesFolding() {
        let pieces = ["a", "B", "_", "-", " ", "\t", "é", "E\u{301}", "K", "\u{212A}", "x", "Z", "  ", "ß", "İ", "\r\n", "1"]
        var random = RandomDeals(seed: 7)
        var mismatches: [String] = []
        for _ in 0..<4_000 {
            let left = (0..<random.below(6)).map { _ in random.pick(pieces) }.joined()
            // Half of the pairs are spelling variants of each other.
            let right = random.below(2) == 0
                ? (0..<random.below(6)).map { _ in random.pick(pieces) }.joined()
                : left.uppercased().replacingOccurrences(of: "_", with: random.pick([" ", "-", "__"]))
            let expected = NameFolding.foldSymbol(left) == NameFolding.foldSymbol(right)
            if FoldedText.equal(left, right) != expected { mismatches.append("\(left.debugDescription) vs \(right.debugDescription)") }
            let contained = NameFolding.foldSymbol(left).contains(NameFolding.foldSymbol(right))
            if FoldedText.contains(left, right) != contained { mismatches.append("\(left.debugDescription) contains \(right.debugDescription)") }
            let short = String(left.prefix(random.below(3)))
            if FoldedText.contains(left, short) != NameFolding.foldSymbol(left).contains(NameFolding.foldSymbol(short)) {
                mismatches.append("\(left.debugDescription) contains \(short.debugDescription)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func fieldLookupMatchesCollectionSpellings() {
        let keys = ["party", "parties", "chip", "chips", "facility", "facilities", "key", "keys", "box", "boxes", "bus", "buses",
                    "café", "cafés", "cafe\u{301}s", "y", "ies", "s", "es", "money", "moneys"]
        var random = RandomDeals(seed: 11)
        var mismatches: [String] = []
        for _ in 0..<2_000 {
            var entries: [RecordEntry] = []
            for _ in 0..<random.below(5) {
                let key = random.pick(keys)
                entries.append(RecordEntry(key: key, originalKey: key, value: .text(key)))
            }
            let record = Record(entries: entries)
            let wanted = random.pick(keys)
            // What the evaluator did before: exact key, then each spelling in order.
            var expected: String? = record.entry(wanted).map(\.key)
            if expected == nil {
                for candidate in CollectionNames.candidates(for: wanted).dropFirst() {
                    if let entry = record.entry(candidate) { expected = entry.key; break }
                }
            }
            let actual = record.index(ofField: wanted).map { record.entries[$0].key }
            if actual != expected { mismatches.append("\(wanted) in \(entries.map(\.key)): \(String(describing: actual)) vs \(String(describing: expected))") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
