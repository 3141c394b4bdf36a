import DealRules
import DealRulesModel
import Foundation
import Testing

@Suite("Checker and program loading")
struct CheckerTests {
    static func check(_ text: String) -> ProgramLoader.Result {
        ProgramLoader.load(sources: [SourceFile(path: "test.rules", text: text)])
    }

    @Test("error codes for static problems", arguments: [
        ("if 5 GW is more than $1, flag a.", "E301"),
        ("field r: one of a, b\nif r is c, flag a.", "E302"),
        ("if 5 GW is before 2028, flag a.", "E303"),
        ("if 2028-01 is beyond 5 GW, flag a.", "E304"),
        ("if 5 GW, flag a.", "E305"),
        ("if 5 GW + $1 is 1, flag a.", "E306"),
        ("field c: power\nif cap is 1 GW, flag a.", "E201"),
        ("field c: power\nfield c: energy", "E202"),
        ("define a as 1.\ndefine a as 2.", "E203"),
        ("if x, flag a.\nif y, flag a.", "E204"),
        ("define a as b.\ndefine b as a.\nif a, flag x.", "E205"),
        ("if sum of c is 1, flag a.", "E206"),
        ("if share of c is 1, flag a.", "E207"),
    ])
    func codes(text: String, code: String) {
        let result = CheckerTests.check(text)
        #expect(result.diagnostics.map(\.code).contains(code), "\(result.diagnostics)")
        #expect(result.program == nil)
    }

    @Test("a clean program checks without diagnostics")
    func clean() {
        let result = CheckerTests.check("field capacity: power\ndefine big as capacity is at least 1 GW.\nif big, flag big deal.")
        #expect(result.diagnostics.isEmpty)
        #expect(result.program?.rules.count == 1)
        #expect(result.program?.definitions.count == 1)
    }

    @Test("use from in-memory sources resolves against the root and stays inside it")
    func useFromSources() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealrules-checker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("define big as capacity is at least 1 GW.\n".utf8).write(to: directory.appendingPathComponent("vocab.rules"))
        let main = SourceFile(path: directory.appendingPathComponent("main.rules").path, text: "use \"vocab.rules\"\nif big, flag big deal.\n")
        let good = ProgramLoader.load(sources: [main], root: directory.path)
        #expect(good.diagnostics.isEmpty, "\(good.diagnostics)")
        #expect(good.program?.definitions.map(\.name) == ["big"])
        let escaping = SourceFile(path: directory.appendingPathComponent("main.rules").path, text: "use \"../x.rules\"\nif a, flag b.\n")
        #expect(ProgramLoader.load(sources: [escaping], root: directory.path).diagnostics.map(\.code) == ["E211"])
    }

    @Test("evaluation through the public API")
    func evaluate() throws {
        let result = CheckerTests.check("if capacity is more than 1 GW, flag big.")
        let program = try #require(result.program)
        let deal = Deal(record: Record(entries: [
            RecordEntry(key: "id", originalKey: "id", value: .text("a")),
            RecordEntry(key: "capacity", originalKey: "capacity", value: .quantity(Quantity(amount: DecimalNumber(significand: 5, exponent: 9), unit: UnitSignature(.power)))),
        ]), position: 1)
        let asOf = try #require(DateValue.parse("2026-11-24"))
        let evaluator = Evaluator(asOf: asOf, definitions: program.definitions)
        evaluator.begin(deal: deal)
        #expect(evaluator.truth(program.rules[0].condition) == .true)
        #expect(evaluator.evidence.map(\.field) == ["capacity"])
        #expect(evaluator.reasons.isEmpty)
        let report = RuleRunner.run(program, deals: [deal], options: RuleRunner.Options(asOf: asOf))
        #expect(report.findings.map(\.subject) == ["a"])
    }
}
