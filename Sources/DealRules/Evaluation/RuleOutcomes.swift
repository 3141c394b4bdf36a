import DealRulesModel
import DealRulesSyntax

/// Every rule × subject outcome of a run, compactly: for a per-deal rule one
/// byte per deal. Findings, undetermined outcomes and (when asked for) clear
/// outcomes become full report entries — message, evidence, basis, reasons —
/// only in `report(includeClear:)`, which asks the evaluator for them; most
/// outcomes of a large portfolio are clear and never need that.
public struct RuleOutcomes: Sendable {
    /// Outcome of one rule for one deal row (`skipped`: left out by `--deal`).
    public enum Code: UInt8, Sendable {
        case clear, finding, undetermined, skipped

        public init(_ truth: Truth) {
            switch truth {
            case .true: self = .finding
            case .false: self = .clear
            case .unknown: self = .undetermined
            }
        }
    }

    enum Entry: Sendable {
        /// A per-deal rule: `codes[row]` for `deals[row]`.
        case perDeal(rule: Int, codes: [Code])
        /// A `for each K` rule: deals without a K, then one outcome per group.
        case grouped(rule: Int, unplaced: [UndeterminedOutcome], groups: [GroupOutcome])
        /// A `for all deals` rule decided by a kernel (`GroupKernel`, the portfolio as one group).
        case portfolio(rule: Int, code: Code)
        /// A grouped or portfolio rule, few subjects: reported as evaluated.
        case listed(findings: [Finding], undetermined: [UndeterminedOutcome], clear: [ClearOutcome])
    }

    /// One group of a `for each K` rule.
    struct GroupOutcome: Sendable {
        var subject: String
        var scope: GroupScope
        var code: Code
        /// Decided by a `GroupKernel` rather than the evaluator.
        var byKernel: Bool
    }

    public let asOf: DateValue
    let program: CheckedProgram
    let deals: [Deal]
    /// Rules in source order, as evaluated.
    public let rules: [RuleInfo]
    /// Deal subjects in data order, then group keys and `portfolio`.
    public let subjects: [String]
    let entries: [Entry]

    public private(set) var findingCount = 0
    public private(set) var undeterminedCount = 0
    public private(set) var clearCount = 0

    init(asOf: DateValue, program: CheckedProgram, deals: [Deal], rules: [RuleInfo], subjects: [String], entries: [Entry]) {
        self.asOf = asOf
        self.program = program
        self.deals = deals
        self.rules = rules
        self.subjects = subjects
        self.entries = entries
        for entry in entries {
            switch entry {
            case .perDeal(_, let codes):
                countAll(codes)
            case .portfolio(_, let code):
                count(code)
            case .grouped(_, let unplaced, let groups):
                undeterminedCount += unplaced.count
                for group in groups { count(group.code) }
            case .listed(let findings, let undetermined, let clear):
                findingCount += findings.count
                undeterminedCount += undetermined.count
                clearCount += clear.count
            }
        }
    }

    /// The same for a whole rule's codes, eight at a time (`ByteMatch`):
    /// which outcome a deal has is as good as random, and a branch on each
    /// of millions of codes, mispredicted, was a twentieth of an evaluation.
    private mutating func countAll(_ codes: [Code]) {
        // One byte a code, its own raw value: clear 0, finding 1,
        // undetermined 2, skipped 3, all counted in one pass.
        assert(MemoryLayout<Code>.stride == 1 && Code.finding.rawValue == 1 && Code.undetermined.rawValue == 2
               && Code.skipped.rawValue == 3 && Code.clear.rawValue == 0)
        let counted = codes.withUnsafeBytes { ByteMatch.countCodes(in: $0) }
        findingCount += counted.ones
        undeterminedCount += counted.twos
        clearCount += codes.count - counted.ones - counted.twos - counted.threes
    }

    private mutating func count(_ code: Code) {
        switch code {
        case .finding: findingCount += 1
        case .undetermined: undeterminedCount += 1
        case .clear: clearCount += 1
        case .skipped: break
        }
    }

    /// The report: findings and undetermined outcomes with their evidence,
    /// and clear outcomes too when `includeClear` (JUnit, HTML, `--show-clear`);
    /// otherwise only their number.
    ///
    /// With `detailsLater`, outcomes of kernels are listed without message,
    /// evidence and reasons; the report's `complete` works them out one at
    /// a time as a report is written (every report writer does), and
    /// `completed()` all at once.
    public func report(includeClear: Bool, detailsLater: Bool) -> CheckReport {
        guard detailsLater else { return report(includeClear: includeClear) }
        var findings: OutcomeListing<Finding> = pendingListing()
        var undetermined: OutcomeListing<UndeterminedOutcome> = pendingListing()
        var clear: OutcomeListing<ClearOutcome> = pendingListing()
        // A per-deal rule's outcomes are told by its codes, not listed one by one.
        walk(perDeal: { entry, codes in
            findings.append(entry: entry, rows: RowSelection(codes, selecting: .finding))
            undetermined.append(entry: entry, rows: RowSelection(codes, selecting: .undetermined))
            if includeClear { clear.append(entry: entry, rows: RowSelection(codes, selecting: .clear)) }
        }) { code, _, _, origin in
            switch code {
            case .finding: findings.append(pending: origin)
            case .undetermined: undetermined.append(pending: origin)
            case .clear: if includeClear { clear.append(pending: origin) }
            case .skipped: break
            }
        } listed: { listedFindings, listedUndetermined, listedClear in
            findings.append(contentsOf: listedFindings)
            undetermined.append(contentsOf: listedUndetermined)
            if includeClear { clear.append(contentsOf: listedClear) }
        }
        var report = CheckReport(asOf: asOf, rules: rules, subjects: subjects, dealCount: deals.count, findings: [],
                                 undetermined: [], clear: [], errors: [], clearCount: clearCount)
        report.list(findings: findings, undetermined: undetermined, clear: includeClear ? clear : nil)
        report.details = OutcomeDetails(self)
        return report
    }

    /// A listing whose outcomes `walk` hands out by origin; each is made,
    /// without its details, when it is read.
    private func pendingListing<Outcome: PendingOutcome>() -> OutcomeListing<Outcome> {
        OutcomeListing { [self] origin in
            let named = name(at: origin)
            return Outcome(rule: named.rule, subject: named.subject, pending: origin)
        } name: { [self] origin in
            name(at: origin)
        } key: { [self] origin in
            key(at: origin)
        }
    }

    /// The rule and subject of a walked outcome, a per-deal rule's subject
    /// as its row: `subjects` begins with the deals' subjects, in order.
    private func key(at origin: OutcomeOrigin) -> (rule: SharedRuleInfo, subject: OutcomeSubject) {
        guard let rule = ruleIndex(at: origin) else { preconditionFailure("listed outcomes have no origin") }
        if case .perDeal = entries[origin.entry] { return (program.rules[rule].sharedInfo, .row(origin.position)) }
        return (program.rules[rule].sharedInfo, .named(subject(at: origin)))
    }

    /// The rule (its shared description) and subject of a walked outcome.
    private func name(at origin: OutcomeOrigin) -> (rule: SharedRuleInfo, subject: String) {
        // `walk` hands out only origins of per-deal, grouped and portfolio entries.
        guard let rule = ruleIndex(at: origin) else { preconditionFailure("listed outcomes have no origin") }
        return (program.rules[rule].sharedInfo, subject(at: origin))
    }

    /// The index of the rule of the outcome at `origin` among the
    /// program's rules (no copy of the rule).
    private func ruleIndex(at origin: OutcomeOrigin) -> Int? {
        guard entries.indices.contains(origin.entry) else { return nil }
        switch entries[origin.entry] {
        case .perDeal(let rule, _), .grouped(let rule, _, _), .portfolio(let rule, _): return rule
        case .listed: return nil
        }
    }

    /// The rule of the outcome at `origin`, nil for an origin that is none.
    func rule(at origin: OutcomeOrigin) -> CheckedRule? {
        ruleIndex(at: origin).map { program.rules[$0] }
    }

    /// The subject of a walked outcome, as `walk` names it.
    private func subject(at origin: OutcomeOrigin) -> String {
        switch entries[origin.entry] {
        case .perDeal: return deals[origin.position].subject
        case .grouped(_, _, let groups): return groups[origin.position].subject
        case .portfolio, .listed: return "portfolio"
        }
    }

    public func report(includeClear: Bool) -> CheckReport {
        var replay = OutcomeReplay(self)
        var findings: [Finding] = []
        var undetermined: [UndeterminedOutcome] = []
        var clear: [ClearOutcome] = []
        findings.reserveCapacity(findingCount)
        undetermined.reserveCapacity(undeterminedCount)
        if includeClear { clear.reserveCapacity(clearCount) }
        walk { code, rule, subject, origin in
            guard code == .finding || code == .undetermined || (includeClear && code == .clear),
                  let truth = replay.decide(origin) else { return }
            RuleRunner.record(rule, truth: truth, subject: subject, evaluator: replay.evaluator,
                              findings: &findings, undetermined: &undetermined, clear: &clear)
        } listed: { listedFindings, listedUndetermined, listedClear in
            findings += listedFindings
            undetermined += listedUndetermined
            if includeClear { clear += listedClear }
        }
        return CheckReport(asOf: asOf, rules: rules, subjects: subjects, dealCount: deals.count, findings: findings,
                           undetermined: undetermined, clear: clear, errors: [], clearCount: clearCount)
    }

    /// Every outcome of the run in report order — rule by rule, then deal or
    /// group — with its code, rule, subject and place; outcomes that already
    /// have their details (deals without a group key, rules the evaluator
    /// decided) are handed over as lists where they come. Given `perDeal`,
    /// a per-deal rule's entry is handed over whole, with its codes.
    private func walk(perDeal: ((_ entry: Int, _ codes: [Code]) -> Void)? = nil,
                      _ visit: (Code, CheckedRule, String, OutcomeOrigin) -> Void,
                      listed: ([Finding], [UndeterminedOutcome], [ClearOutcome]) -> Void) {
        for (position, entry) in entries.enumerated() {
            switch entry {
            case .perDeal(_, let codes) where perDeal != nil:
                perDeal?(position, codes)
            case .perDeal(let index, let codes):
                let rule = program.rules[index]
                for (row, code) in codes.enumerated() {
                    visit(code, rule, deals[row].subject, OutcomeOrigin(entry: position, position: row))
                }
            case .portfolio(let index, let code):
                visit(code, program.rules[index], "portfolio", OutcomeOrigin(entry: position, position: 0))
            case .grouped(let index, let unplaced, let groups):
                listed([], unplaced, [])
                for (group, outcome) in groups.enumerated() {
                    visit(outcome.code, program.rules[index], outcome.subject, OutcomeOrigin(entry: position, position: group))
                }
            case .listed(let findings, let undetermined, let clear):
                listed(findings, undetermined, clear)
            }
        }
    }
}

extension RuleOutcomes {
    /// Outcomes the evaluator, walking each condition itself, decides
    /// differently from the kernels (`rule · subject: kernel ≠ evaluator`).
    /// Empty when kernels and evaluator agree; tests and the benchmark check it.
    public func disagreementsWithEvaluator() -> [String] {
        let evaluator = Evaluator(asOf: asOf, definitions: program.definitions)
        var found: [String] = []
        for entry in entries {
            if case .portfolio(let index, let code) = entry {
                evaluator.begin(group: .portfolio(deals))
                let expected = Code(evaluator.truth(program.rules[index].condition))
                if expected != code { found.append("\(program.rules[index].info.name) · portfolio: kernel \(code) ≠ evaluator \(expected)") }
                continue
            }
            if case .grouped(let index, _, let groups) = entry {
                for group in groups {
                    evaluator.begin(group: group.scope)
                    let expected = Code(evaluator.truth(program.rules[index].condition))
                    if expected != group.code { found.append("\(program.rules[index].info.name) · \(group.subject): kernel \(group.code) ≠ evaluator \(expected)") }
                }
                continue
            }
            guard case .perDeal(let index, let codes) = entry else { continue }
            let rule = program.rules[index]
            for (row, code) in codes.enumerated() where code != .skipped {
                evaluator.begin(deal: deals[row])
                let expected = Code(evaluator.truth(rule.condition))
                if expected != code {
                    found.append("\(rule.info.name) · \(deals[row].subject): kernel \(code) ≠ evaluator \(expected)")
                }
            }
        }
        return found
    }

    /// Names of the `for all deals` rules a kernel decided, for tests.
    var portfolioRulesDecidedByKernels: [String] {
        entries.compactMap { entry in
            if case .portfolio(let index, _) = entry { return program.rules[index].info.name }
            return nil
        }
    }

    /// Names of the `for each K` rules a kernel decided some group of, for tests.
    var groupedRulesDecidedByKernels: [String] {
        entries.compactMap { entry in
            if case .grouped(let index, _, let groups) = entry, groups.contains(where: \.byKernel) { return program.rules[index].info.name }
            return nil
        }
    }

    /// The outcomes of a per-deal rule, one per deal of the run, in order.
    public func codes(rule name: String) -> [Code]? {
        for entry in entries {
            if case .perDeal(let index, let codes) = entry, program.rules[index].info.name == name { return codes }
        }
        return nil
    }

    /// The outcome of a per-deal rule for the deal at `row` of the run's deals.
    public func code(rule name: String, row: Int) -> Code? {
        guard let codes = codes(rule: name), codes.indices.contains(row) else { return nil }
        return codes[row]
    }
}
