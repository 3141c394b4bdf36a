import Foundation
import DealRulesModel
import DealRulesSyntax
import DealRulesData

/// `dealrules test`: runs the `test` blocks of rule files (LANGUAGE.md §7.5).
public enum TestRun {
    public struct Result: Sendable {
        public var name: String
        public var location: SourceLocation
        public var passed: Bool
        /// What was expected and what happened, for failures.
        public var details: [String]
        public var seconds: Double
    }

    public enum Format: String, Sendable, CaseIterable {
        case text, junit
    }

    public static func execute(paths: [String], format: Format = .text, color: Bool = false) -> CommandOutput {
        let loaded = ProgramLoader.load(paths: paths.isEmpty ? ["."] : paths)
        guard let program = loaded.program, !loaded.hasErrors else {
            return CommandOutput(stderr: DiagnosticRenderer.render(loaded.diagnostics, color: color), exitCode: 2)
        }
        let results = run(program)
        let failed = results.filter { !$0.passed }.count
        var output = CommandOutput(exitCode: failed > 0 ? 1 : 0)
        switch format {
        case .text: output.stdout = text(results, color: color)
        case .junit: output.stdout = junit(results)
        }
        if !loaded.diagnostics.isEmpty {
            output.stderr = DiagnosticRenderer.render(loaded.diagnostics, color: color)
        }
        return output
    }

    public static func run(_ program: CheckedProgram) -> [Result] {
        program.tests.map { run($0, program: program) }
    }

    // MARK: One test

    private struct Case {
        var deals: [Deal]
        var label: String
        var report: CheckReport?
    }

    static func run(_ test: CheckedTest, program: CheckedProgram) -> Result {
        let started = DispatchTime.now().uptimeNanoseconds
        var asOf = DateValue.todayUTC
        var current: Case? = nil
        var details: [String] = []
        var expectations = 0
        var passed = true

        for clause in test.declaration.clauses {
            switch clause {
            case .asOf(let date, _):
                asOf = date
            case .givenDeal(let record, _):
                current = Case(deals: [deal(from: record, position: 1)], label: "given deal at line \(record.span.location.line)")
            case .givenDeals(let records, let span):
                current = Case(deals: records.enumerated().map { deal(from: $1, position: $0 + 1) }, label: "given deals at line \(span.location.line)")
            case .givenDealsFrom(let path, let pathSpan, _):
                switch fixture(path, test: test, program: program, span: pathSpan) {
                case .success(let deals):
                    current = Case(deals: deals, label: "given deals from \"\(path)\"")
                case .failure(let problem):
                    details.append(problem.message)
                    passed = false
                    current = nil
                }
            case .expect(let expectation):
                expectations += 1
                guard var scenario = current else {
                    passed = false
                    details.append("line \(expectation.span.location.line): `expect` comes before any `given`")
                    continue
                }
                if scenario.report == nil {
                    scenario.report = RuleRunner.run(program, deals: scenario.deals, options: RuleRunner.Options(asOf: asOf))
                    current = scenario
                }
                guard let report = scenario.report else { continue }
                if let failure = check(expectation, against: report, program: program) {
                    passed = false
                    details.append("line \(expectation.span.location.line) (\(scenario.label), as of \(asOf)): \(failure)")
                }
            }
        }
        if expectations == 0 {
            passed = false
            details.append("the test has no `expect` lines, so it checks nothing")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Result(name: test.declaration.title, location: test.declaration.span.location, passed: passed, details: details, seconds: seconds)
    }

    /// Nil when the expectation holds, else what was expected and what happened.
    static func check(_ expectation: Expectation, against report: CheckReport, program: CheckedProgram) -> String? {
        func matches(_ flag: Name, _ candidate: String) -> Bool {
            NameFolding.foldSymbol(flag.text) == NameFolding.foldSymbol(candidate)
        }
        func unknownFlag(_ flag: Name) -> String? {
            let flags = program.rules.map(\.info.flag)
            guard !flags.contains(where: { matches(flag, $0) }) else { return nil }
            let hint = Suggestions.closest(to: flag.text, among: flags).map { " (did you mean `\($0)`?)" } ?? ""
            return "no rule flags `\(flag.text)`\(hint)"
        }
        switch expectation.kind {
        case .fires(let flag, let subject, let severity):
            if let problem = unknownFlag(flag) { return problem }
            let hits = report.findings.filter { matches(flag, $0.rule.flag) && (subject == nil || $0.subject == subject) }
            guard let hit = hits.first else {
                return "expected \(flag.text)\(subject.map { " for \"\($0)\"" } ?? ""), but it did not fire: \(happened(flag, report, subject: subject))"
            }
            if let severity, !hits.contains(where: { $0.severity == severity }) {
                return "expected \(flag.text) with severity \(severity.rawValue), but it fired with severity \(hit.severity.rawValue)"
            }
            return nil
        case .doesNotFire(let flag):
            if let problem = unknownFlag(flag) { return problem }
            let hits = report.findings.filter { matches(flag, $0.rule.flag) }
            guard let hit = hits.first else { return nil }
            return "expected no \(flag.text), but it fired for \(hit.subject): \(hit.message)\(evidenceText(hit.evidence))"
        case .undetermined(let flag):
            if let problem = unknownFlag(flag) { return problem }
            if report.undetermined.contains(where: { matches(flag, $0.rule.flag) }) { return nil }
            return "expected \(flag.text) to be undetermined, but \(happened(flag, report, subject: nil))"
        case .findingCount(let count):
            if report.findings.count == count { return nil }
            let list = report.findings.map { "\($0.rule.flag) for \($0.subject)" }.joined(separator: ", ")
            return "expected \(count) finding\(count == 1 ? "" : "s"), got \(report.findings.count)\(list.isEmpty ? "" : ": " + list)"
        }
    }

    /// What the flag's rule did instead, with evidence or reasons.
    private static func happened(_ flag: Name, _ report: CheckReport, subject: String?) -> String {
        let folded = NameFolding.foldSymbol(flag.text)
        if let finding = report.findings.first(where: { NameFolding.foldSymbol($0.rule.flag) == folded && (subject == nil || $0.subject == subject) }) {
            return "it fired for \(finding.subject)\(evidenceText(finding.evidence))"
        }
        if let outcome = report.undetermined.first(where: { NameFolding.foldSymbol($0.rule.flag) == folded && (subject == nil || $0.subject == subject) }) {
            let reasons = outcome.reasons.map { reason in
                [reason.field, reason.problem.rawValue, reason.message].compactMap { $0 }.joined(separator: " ")
            }
            return "it was undetermined for \(outcome.subject) (\(reasons.joined(separator: "; ")))"
        }
        if let outcome = report.clear.first(where: { NameFolding.foldSymbol($0.rule.flag) == folded && (subject == nil || $0.subject == subject) }) {
            return "it was clear (false) for \(outcome.subject)\(evidenceText(outcome.evidence))"
        }
        return "it was not evaluated for \(subject ?? "any deal")"
    }

    private static func evidenceText(_ evidence: [Evidence]) -> String {
        guard !evidence.isEmpty else { return "" }
        return " [" + evidence.map { "\($0.field) = \($0.value)\($0.status.map { " (\($0.rawValue))" } ?? "")" }.joined(separator: ", ") + "]"
    }

    // MARK: Deals from tests

    static func deal(from literal: RecordLiteral, position: Int) -> Deal {
        Deal(record: record(from: literal), position: position, location: literal.span.location)
    }

    static func record(from literal: RecordLiteral) -> Record {
        var entries: [RecordEntry] = []
        for entry in literal.entries {
            let provenance = (entry.status != nil || entry.source != nil) ? Provenance(status: entry.status, source: entry.source) : nil
            entries.append(RecordEntry(key: entry.key.key, originalKey: entry.key.text, value: value(from: entry.value),
                                       provenance: provenance, location: entry.span.location))
        }
        return Record(entries: entries, location: literal.span.location)
    }

    static func value(from literal: LiteralExpr) -> Value {
        switch literal {
        case .value(let value, _): return value
        case .symbol(let name): return .symbol(name.text)
        case .list(let items, _): return .list(items.map(value(from:)))
        case .record(let inner): return .record(TestRun.record(from: inner))
        }
    }

    /// `given deals from "file"`: relative to the test's file, inside the rules tree.
    private static func fixture(_ path: String, test: CheckedTest, program: CheckedProgram, span: Span) -> Swift.Result<[Deal], FixtureProblem> {
        if path.hasPrefix("/") { return .failure(FixtureProblem(message: "given deals from \"\(path)\": use a path relative to the rule file")) }
        let directory = (test.file as NSString).deletingLastPathComponent
        let full = ProgramLoader.tidy(directory.isEmpty ? path : directory + "/" + path)
        let boundary = program.root ?? ProgramLoader.canonical(directory.isEmpty ? "." : directory)
        let target = ProgramLoader.canonical(full)
        guard target.hasPrefix(boundary == "/" ? "/" : boundary + "/") else {
            return .failure(FixtureProblem(message: "given deals from \"\(path)\" leaves the rules folder \(boundary)"))
        }
        let loaded = DataLoader.load(path: full, format: nil)
        if loaded.hasErrors {
            return .failure(FixtureProblem(message: DiagnosticRenderer.render(loaded.diagnostics, color: false)))
        }
        return .success(loaded.deals)
    }

    struct FixtureProblem: Error {
        var message: String
    }

    // MARK: Output

    static func text(_ results: [Result], color: Bool) -> String {
        var lines: [String] = []
        for result in results {
            let word = result.passed ? "PASS" : "FAIL"
            let shown = color ? (result.passed ? "\u{1B}[32m\(word)\u{1B}[0m" : "\u{1B}[31;1m\(word)\u{1B}[0m") : word
            lines.append("\(shown) \(result.name)")
            for detail in result.details {
                lines.append("     \(detail)")
            }
        }
        let passed = results.filter(\.passed).count
        lines.append("\(passed) passed, \(results.count - passed) failed")
        return lines.joined(separator: "\n") + "\n"
    }

    static func junit(_ results: [Result]) -> String {
        let failures = results.filter { !$0.passed }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"dealrules test\" tests=\"\(results.count)\" failures=\"\(failures)\">\n"
        let byFile = Dictionary(grouping: results, by: \.location.path)
        for path in byFile.keys.sorted() {
            let suite = byFile[path] ?? []
            let suiteFailures = suite.filter { !$0.passed }.count
            xml += "  <testsuite name=\"\(XMLEscaping.attribute(path))\" tests=\"\(suite.count)\" failures=\"\(suiteFailures)\" errors=\"0\" skipped=\"0\">\n"
            for result in suite {
                xml += "    <testcase classname=\"\(XMLEscaping.attribute(path))\" name=\"\(XMLEscaping.attribute(result.name))\" time=\"0\">\n"
                if !result.passed {
                    let body = result.details.joined(separator: "\n")
                    xml += "      <failure message=\"\(XMLEscaping.attribute(result.details.first ?? "failed"))\">\(XMLEscaping.attribute(body))</failure>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }
}
