import DealRules
import DealRulesModel

/// Compares a run's outcomes with a case's expectations. Every finding and
/// undetermined outcome must be expected; clear outcomes may be.
struct OutcomeComparison {
    var report: CheckReport
    var languageCase: LanguageCase

    enum Kind: String { case finding, undetermined, clear }

    struct Outcome {
        var kind: Kind
        var flag: String
        var subject: String
        var finding: Finding?
        var reasons: [UndeterminedReason]
        var evidence: [Evidence]
    }

    var outcomes: [Outcome] {
        report.findings.map { Outcome(kind: .finding, flag: $0.rule.flag, subject: $0.subject, finding: $0, reasons: [], evidence: $0.evidence) }
            + report.undetermined.map { Outcome(kind: .undetermined, flag: $0.rule.flag, subject: $0.subject, finding: nil, reasons: $0.reasons, evidence: $0.evidence) }
            + report.clear.map { Outcome(kind: .clear, flag: $0.rule.flag, subject: $0.subject, finding: nil, reasons: [], evidence: $0.evidence) }
    }

    static func fold(_ text: String) -> String { NameFolding.foldSymbol(text) }

    func problems() -> [String] {
        var problems: [String] = []
        let all = outcomes
        var expected = Set<String>()
        func key(_ flag: String, _ subject: String) -> String { OutcomeComparison.fold(flag) + "\u{0}" + subject }
        func find(_ flag: String, _ subject: String) -> Outcome? {
            all.first { OutcomeComparison.fold($0.flag) == OutcomeComparison.fold(flag) && $0.subject == subject }
        }
        func describe(_ outcome: Outcome?) -> String {
            guard let outcome else { return "no outcome at all" }
            return OutcomeComparison.describe(outcome)
        }

        for expectation in languageCase.expectations {
            switch expectation {
            case .finding(let flag, let subject, let severity, let basis, let line):
                expected.insert(key(flag, subject))
                let outcome = find(flag, subject)
                guard let outcome, outcome.kind == .finding, let finding = outcome.finding else {
                    problems.append("line \(line): expected finding \(flag) for \(subject), got \(describe(outcome))")
                    continue
                }
                if let severity, finding.severity.rawValue != severity {
                    problems.append("line \(line): \(flag) for \(subject): severity \(finding.severity.rawValue), expected \(severity)")
                }
                if let basis, finding.basis.rawValue != basis {
                    problems.append("line \(line): \(flag) for \(subject): basis \(finding.basis.rawValue), expected \(basis)")
                }
            case .undetermined(let flag, let subject, let reasons, let line):
                expected.insert(key(flag, subject))
                let outcome = find(flag, subject)
                guard let outcome, outcome.kind == .undetermined else {
                    problems.append("line \(line): expected undetermined \(flag) for \(subject), got \(describe(outcome))")
                    continue
                }
                if let problem = OutcomeComparison.compareReasons(outcome.reasons, reasons) {
                    problems.append("line \(line): \(flag) for \(subject): \(problem)")
                }
            case .clear(let flag, let subject, let line):
                let outcome = find(flag, subject)
                if outcome?.kind != .clear {
                    problems.append("line \(line): expected clear \(flag) for \(subject), got \(describe(outcome))")
                }
            case .message(let flag, let subject, let text, let line):
                let outcome = find(flag, subject)
                if outcome?.finding?.message != text {
                    problems.append("line \(line): message of \(flag) for \(subject):\n      got      \(outcome?.finding?.message ?? describe(outcome))\n      expected \(text)")
                }
            case .evidence(let flag, let subject, let text, let line):
                guard let outcome = find(flag, subject) else {
                    problems.append("line \(line): no outcome for \(flag) / \(subject)")
                    continue
                }
                let got = OutcomeComparison.render(outcome.evidence)
                if got != text {
                    problems.append("line \(line): evidence of \(flag) for \(subject):\n      got      \(got)\n      expected \(text)")
                }
            case .diagnostic:
                break
            }
        }

        problems += probeProblems(all)

        for outcome in all where outcome.kind != .clear && !outcome.flag.hasPrefix("truth_probe_") && !outcome.flag.hasPrefix("value_probe_") {
            if !expected.contains(key(outcome.flag, outcome.subject)) {
                problems.append("unexpected: \(OutcomeComparison.describe(outcome))")
            }
        }
        return problems
    }

    private func probeProblems(_ all: [Outcome]) -> [String] {
        var problems: [String] = []
        for (index, probe) in languageCase.truths.enumerated() {
            let flag = "truth_probe_\(index + 1)"
            let results = all.filter { $0.flag == flag }
            if results.isEmpty { problems.append("line \(probe.line): `\(probe.condition)` was not evaluated") }
            for outcome in results {
                let truth: String
                switch outcome.kind {
                case .finding: truth = "true"
                case .clear: truth = "false"
                case .undetermined: truth = "unknown"
                }
                if truth != probe.expected {
                    problems.append("line \(probe.line): `\(probe.condition)` for \(outcome.subject) is \(truth), expected \(probe.expected)\(outcome.kind == .undetermined ? " (" + OutcomeComparison.render(outcome.reasons) + ")" : "")")
                } else if truth == "unknown", !probe.reasons.isEmpty, let problem = OutcomeComparison.compareReasons(outcome.reasons, probe.reasons) {
                    problems.append("line \(probe.line): `\(probe.condition)` for \(outcome.subject): \(problem)")
                }
            }
        }
        for (index, probe) in languageCase.values.enumerated() {
            let flag = "value_probe_\(index + 1)"
            let results = all.filter { $0.flag == flag }
            if results.isEmpty { problems.append("line \(probe.line): `\(probe.expression)` was not evaluated") }
            for outcome in results where outcome.finding?.message != probe.expected {
                problems.append("line \(probe.line): `\(probe.expression)` for \(outcome.subject) renders as `\(outcome.finding?.message ?? OutcomeComparison.describe(outcome))`, expected `\(probe.expected)`")
            }
        }
        return problems
    }

    /// Nil when the reasons are exactly the expected ones (in any order).
    static func compareReasons(_ actual: [UndeterminedReason], _ expected: [ReasonSpec]) -> String? {
        guard !expected.isEmpty else { return nil }
        var remaining = actual
        var missing: [ReasonSpec] = []
        for spec in expected {
            let index = remaining.firstIndex { reason in
                guard reason.problem.rawValue == spec.problem else { return false }
                if spec.problem == "error" { return (reason.message ?? "").contains(spec.detail) || reason.field == spec.detail }
                return reason.field == spec.detail
            }
            if let index { remaining.remove(at: index) } else { missing.append(spec) }
        }
        if missing.isEmpty && remaining.isEmpty { return nil }
        return "reasons \(render(actual)); expected \(expected.map(\.description).joined(separator: ", "))"
    }

    static func render(_ reasons: [UndeterminedReason]) -> String {
        reasons.map { reason in
            "\(reason.problem.rawValue) \(reason.field.map { "\"\($0)\"" } ?? "-")\(reason.message.map { ": \($0)" } ?? "")"
        }.joined(separator: "; ")
    }

    static func render(_ evidence: [Evidence]) -> String {
        evidence.map { item in
            "\(item.field) = \(item.value)\(item.status.map { " (\($0.rawValue))" } ?? "")\(item.source.map { " from \"\($0)\"" } ?? "")"
        }.joined(separator: "; ")
    }

    static func describe(_ outcome: Outcome) -> String {
        var text = "\(outcome.kind.rawValue) \(outcome.flag) for \(outcome.subject)"
        if let finding = outcome.finding { text += " [\(finding.severity.rawValue), basis \(finding.basis.rawValue)] \(finding.message)" }
        if !outcome.reasons.isEmpty { text += " (\(render(outcome.reasons)))" }
        if !outcome.evidence.isEmpty { text += " evidence: \(render(outcome.evidence))" }
        return text
    }
}
