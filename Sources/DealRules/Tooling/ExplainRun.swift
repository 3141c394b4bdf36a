import DealRulesModel
import DealRulesData

/// `dealrules explain RULE --deal ID`: why a rule fired, did not fire, or
/// was undetermined for one subject (a deal, a group key or `portfolio`).
/// The outcome is check's own (`RuleRunner`); the tree beside it is built
/// with the same evaluator, so the two cannot disagree.
public enum ExplainRun {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public struct Request: Sendable {
        public var rule: String
        public var subject: String
        public var rulePaths: [String]
        public var dataPaths: [String]
        public var dataFormat: DataFormat?
        public var asOf: DateValue
        public var format: Format
        public var color: Bool

        public init(rule: String, subject: String, rulePaths: [String], dataPaths: [String], asOf: DateValue, format: Format = .text) {
            self.rule = rule
            self.subject = subject
            self.rulePaths = rulePaths
            self.dataPaths = dataPaths
            self.dataFormat = nil
            self.asOf = asOf
            self.format = format
            self.color = false
        }
    }

    public enum Outcome: Sendable {
        case finding(Finding)
        case undetermined(UndeterminedOutcome)
        case clear(ClearOutcome)

        /// The condition's truth this outcome stands for.
        public var truth: Truth {
            switch self {
            case .finding: return .true
            case .undetermined: return .unknown
            case .clear: return .false
            }
        }
    }

    public struct Explanation: Sendable {
        public var rule: RuleInfo
        public var subject: String
        public var asOf: DateValue
        /// The deals of a group or the portfolio; nil for a per-deal rule.
        public var groupDeals: [String]?
        /// Nil when the subject is a deal that joins no group.
        public var tree: ExplainNode?
        public var outcome: Outcome
    }

    public static func execute(_ request: Request) -> CommandOutput {
        let loaded = ProgramLoader.load(paths: request.rulePaths)
        guard let program = loaded.program, !loaded.hasErrors else {
            return CommandOutput(stderr: DiagnosticRenderer.render(loaded.diagnostics, color: request.color), exitCode: 2)
        }
        let data = DataLoader.loadAll(paths: request.dataPaths, format: request.dataFormat)
        var problems = loaded.diagnostics + data.diagnostics
        if data.hasErrors {
            return CommandOutput(stderr: DiagnosticRenderer.render(problems, color: request.color), exitCode: 2)
        }
        switch explain(program, deals: data.deals, rule: request.rule, subject: request.subject, asOf: request.asOf) {
        case .failure(let problem):
            problems.append(problem)
            return CommandOutput(stderr: DiagnosticRenderer.render(problems, color: request.color), exitCode: 2)
        case .success(let explanation):
            var output = CommandOutput()
            switch request.format {
            case .text: output.stdout = ExplainText.render(explanation, color: request.color)
            case .json: output.stdout = JSONWriter.write(ExplainJSON.encode(explanation)) + "\n"
            }
            if !problems.isEmpty { output.stderr = DiagnosticRenderer.render(problems, color: request.color) }
            return output
        }
    }

    /// Explains one rule for one subject; a rule or subject that matches
    /// nothing is an error with a did-you-mean.
    public static func explain(_ program: CheckedProgram, deals: [Deal], rule name: String, subject: String, asOf: DateValue) -> Result<Explanation, Diagnostic> {
        guard let rule = findRule(name, in: program) else {
            let names = program.rules.map(\.info.name) + program.rules.map(\.info.flag)
            let help = Suggestions.closest(to: name, among: names).map { ["did you mean `\($0)`?"] } ?? ["the rules are: " + program.rules.map(\.info.name).joined(separator: ", ")]
            return .failure(Diagnostic(.error, code: "E601", message: "no rule is named or flags `\(name)`", help: help))
        }
        let evaluator = Evaluator(asOf: asOf, definitions: program.definitions)
        var groupDeals: [String]? = nil
        var subjects: [String] = []
        var begin: (() -> Void)? = nil
        // A per-deal outcome depends on its deal alone; running just that deal
        // also keeps two deals that share an id apart.
        var dealsToRun = deals
        switch rule.scope {
        case .perDeal:
            subjects = deals.map(\.subject)
            if let deal = deals.first(where: { $0.subject == subject }) {
                begin = { evaluator.begin(deal: deal) }
                dealsToRun = [deal]
            }
        case .forEach(let keyNode, _):
            let grouping = RuleRunner.groups(of: deals, by: keyNode, evaluator: evaluator)
            let keyName = RuleRunner.keyName(of: keyNode, program: program)
            subjects = grouping.groups.map { ValueRendering.render($0.key) } + grouping.unplaced.map(\.deal.subject)
            if let group = grouping.groups.first(where: { ValueRendering.render($0.key) == subject }) {
                let members = group.rows.map { deals[$0] }
                groupDeals = members.map(\.subject)
                begin = { evaluator.explainBegin(groupKeyName: keyName, key: group.key, deals: members, allDeals: deals) }
            }
        case .forAllDeals:
            subjects = ["portfolio"]
            if subject == "portfolio" {
                groupDeals = deals.map(\.subject)
                begin = { evaluator.explainBegin(groupKeyName: nil, key: .symbol("portfolio"), deals: deals, allDeals: deals) }
            }
        }
        guard subjects.contains(subject) else {
            // `--deal microsoft` for the group `Microsoft`: accept a match that differs only in case or spacing.
            let folded = NameFolding.foldSymbol(subject)
            if let match = subjects.first(where: { NameFolding.foldSymbol($0) == folded }) {
                return explain(program, deals: deals, rule: rule.info.name, subject: match, asOf: asOf)
            }
            let what = rule.info.scopeDescription.map { "`\(rule.info.name)` (\($0))" } ?? "`\(rule.info.name)`"
            var help = Suggestions.closest(to: subject, among: subjects).map { ["did you mean `\($0)`?"] } ?? []
            if help.isEmpty { help = ["the subjects of \(what) are: " + subjects.prefix(12).joined(separator: ", ") + (subjects.count > 12 ? ", …" : "")] }
            return .failure(Diagnostic(.error, code: "E602", message: "`\(subject)` is not a subject of the rule \(what)", help: help))
        }
        let report = RuleRunner.run(program, deals: dealsToRun, options: RuleRunner.Options(asOf: asOf, rules: [rule.info.name], subjects: [subject]))
        let outcome: Outcome
        if let finding = report.findings.first(where: { $0.rule.name == rule.info.name && $0.subject == subject }) {
            outcome = .finding(finding)
        } else if let undetermined = report.undetermined.first(where: { $0.rule.name == rule.info.name && $0.subject == subject }) {
            outcome = .undetermined(undetermined)
        } else if let clear = report.clear.first(where: { $0.rule.name == rule.info.name && $0.subject == subject }) {
            outcome = .clear(clear)
        } else {
            return .failure(Diagnostic(.error, code: "E602", message: "`\(subject)` has no outcome for the rule `\(rule.info.name)`"))
        }
        var tree: ExplainNode? = nil
        if let begin {
            begin()
            var built = ExplainBuilder(evaluator: evaluator, program: program).condition(rule.condition)
            if case .undetermined(let undetermined) = outcome { attach(undetermined.reasons, to: &built) }
            built.markDeciding(true)
            tree = built
        }
        return .success(Explanation(rule: rule.info, subject: subject, asOf: asOf, groupDeals: groupDeals, tree: tree, outcome: outcome))
    }

    /// By name, else by flag; case and `_`/`-`/space differences ignored.
    static func findRule(_ name: String, in program: CheckedProgram) -> CheckedRule? {
        let folded = NameFolding.foldSymbol(name)
        return program.rules.first { NameFolding.foldSymbol($0.info.name) == folded }
            ?? program.rules.first { NameFolding.foldSymbol($0.info.flag) == folded }
    }

    /// Puts each reason on the unknown leaves that read its field.
    private static func attach(_ reasons: [UndeterminedReason], to node: inout ExplainNode) {
        for index in node.children.indices {
            attach(reasons, to: &node.children[index])
        }
        guard node.truth == .unknown, node.kind == .comparison || node.kind == .field || node.kind == .quantifier else { return }
        let fields = Set(node.evidence.map(\.field))
        node.reasons = reasons.filter { reason in reason.field.map(fields.contains) ?? false }
    }
}
