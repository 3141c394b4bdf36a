import DealRulesModel
import DealRulesSyntax

/// Runs every rule of a checked program over the deals and returns exactly
/// one outcome per rule and subject (LANGUAGE.md §9).
public enum RuleRunner {
    public struct Options: Sendable {
        public var asOf: DateValue
        /// Restrict to these rule names (case-insensitive); empty means all.
        public var rules: [String]
        /// Restrict to these subjects; empty means all.
        public var subjects: [String]
        /// Told after each rule: (rules done, rules in the program).
        public var progress: (@Sendable (Int, Int) -> Void)?

        public init(asOf: DateValue, rules: [String] = [], subjects: [String] = [], progress: (@Sendable (Int, Int) -> Void)? = nil) {
            self.asOf = asOf
            self.rules = rules
            self.subjects = subjects
            self.progress = progress
        }
    }

    public static func run(_ program: CheckedProgram, deals: [Deal], options: Options) -> CheckReport {
        let evaluator = Evaluator(asOf: options.asOf, definitions: program.definitions)
        let wantedRules = Set(options.rules.map { NameFolding.foldSymbol($0) })
        let wantedSubjects = Set(options.subjects)
        var findings: [Finding] = []
        var undetermined: [UndeterminedOutcome] = []
        var clear: [ClearOutcome] = []
        var subjects: [String] = deals.map(\.subject)
        // Membership by set: a grouped rule over many deals has many keys.
        var knownSubjects = Set(subjects)
        var rules: [RuleInfo] = []

        func record(_ rule: CheckedRule, _ condition: CompiledCondition, subject: String) {
            guard wantedSubjects.isEmpty || wantedSubjects.contains(subject) else { return }
            let truth = condition.truth(evaluator)
            switch truth {
            case .true:
                findings.append(finding(rule, subject: subject, evaluator: evaluator))
            case .unknown:
                undetermined.append(UndeterminedOutcome(rule: rule.info, subject: subject, reasons: reasons(evaluator), evidence: evaluator.evidence))
            case .false:
                clear.append(ClearOutcome(rule: rule.info, subject: subject, evidence: evaluator.evidence))
            }
        }

        for (done, rule) in program.rules.enumerated() {
            options.progress?(done, program.rules.count)
            if !wantedRules.isEmpty && !wantedRules.contains(NameFolding.foldSymbol(rule.info.name))
                && !wantedRules.contains(NameFolding.foldSymbol(rule.info.flag)) {
                continue
            }
            rules.append(rule.info)
            let condition = CompiledCondition(rule.condition, definitions: program.definitions)
            switch rule.scope {
            case .perDeal:
                for deal in deals {
                    evaluator.begin(deal: deal)
                    record(rule, condition, subject: deal.subject)
                }
            case .forEach(let keyNode, let display):
                let grouping = groups(of: deals, by: keyNode, evaluator: evaluator)
                for unplaced in grouping.unplaced where wantedSubjects.isEmpty || wantedSubjects.contains(unplaced.deal.subject) {
                    undetermined.append(UndeterminedOutcome(
                        rule: rule.info, subject: unplaced.deal.subject,
                        reasons: unplaced.reasons.isEmpty ? [UndeterminedReason(field: display, problem: .missing)] : unplaced.reasons,
                        evidence: []))
                }
                let keyName = keyName(of: keyNode, program: program)
                for group in grouping.groups {
                    let subject = ValueRendering.render(group.key)
                    if knownSubjects.insert(subject).inserted { subjects.append(subject) }
                    evaluator.begin(group: GroupScope(keyName: keyName, key: group.key, deals: group.deals, allDeals: deals))
                    record(rule, condition, subject: subject)
                }
            case .forAllDeals:
                if knownSubjects.insert("portfolio").inserted { subjects.append("portfolio") }
                evaluator.begin(group: GroupScope(keyName: nil, key: .symbol("portfolio"), deals: deals, allDeals: deals))
                record(rule, condition, subject: "portfolio")
            }
        }
        return CheckReport(asOf: options.asOf, rules: rules, subjects: subjects, dealCount: deals.count, findings: findings,
                           undetermined: undetermined, clear: clear, errors: [])
    }

    // MARK: Outcomes

    private static func finding(_ rule: CheckedRule, subject: String, evaluator: Evaluator) -> Finding {
        let evidence = evaluator.evidence
        let basis = evidence.compactMap(\.status).max() ?? .confirmed
        let message = MessageRenderer.render(rule, evaluator: evaluator, evidence: evidence)
        return Finding(rule: rule.info, subject: subject, severity: rule.info.severity, message: message, basis: basis, evidence: evidence)
    }

    private static func reasons(_ evaluator: Evaluator) -> [UndeterminedReason] {
        let found = evaluator.reasons
        if found.isEmpty {
            return [UndeterminedReason(field: nil, problem: .missing, message: "the condition depends on values that are unknown")]
        }
        // An imprecise or failed field is not also "missing".
        let explained = Set(found.filter { $0.problem != .missing }.compactMap(\.field))
        return found.filter { $0.problem != .missing || !explained.contains($0.field ?? "") }
    }

    // MARK: Groups

    struct Group {
        var key: Value
        var deals: [Deal]
    }

    struct Grouping {
        var groups: [Group] = []
        var unplaced: [(deal: Deal, reasons: [UndeterminedReason])] = []
    }

    /// Groups deals by K: a list joins each of its groups; unknown joins none.
    /// Keys compare folded (`AWS` and `aws` are one group, shown as first seen).
    static func groups(of deals: [Deal], by key: Node, evaluator: Evaluator) -> Grouping {
        var grouping = Grouping()
        var index: [String: Int] = [:]
        for deal in deals {
            evaluator.begin(deal: deal)
            let value = evaluator.value(key)
            var keys: [Value]
            switch value {
            case .unknown:
                // Unknown K: the deal joins no group and is reported.
                grouping.unplaced.append((deal, evaluator.reasons))
                continue
            case .list(let items):
                // A known empty list (no hyperscaler among the parties) joins no group.
                keys = items.filter { !$0.isUnknown }
                if keys.count < items.count {
                    grouping.unplaced.append((deal, evaluator.reasons))
                }
            default:
                keys = [value]
            }
            var seen = Set<String>()
            for key in keys {
                let folded = NameFolding.foldSymbol(ValueRendering.render(key))
                guard seen.insert(folded).inserted else { continue }
                if let position = index[folded] {
                    grouping.groups[position].deals.append(deal)
                } else {
                    index[folded] = grouping.groups.count
                    grouping.groups.append(Group(key: key, deals: [deal]))
                }
            }
        }
        return grouping
    }

    /// The name K answers to inside a grouped rule: a definition's key, or a
    /// field path's keys joined by `.` (`power.source`).
    static func keyName(of node: Node, program: CheckedProgram) -> String? {
        switch node {
        case .field(let path, _): return path.keys.joined(separator: ".")
        case .definition(let index, _): return program.definitions.indices.contains(index) ? program.definitions[index].key : nil
        default: return nil
        }
    }
}
