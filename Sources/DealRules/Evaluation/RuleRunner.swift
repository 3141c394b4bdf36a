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
        /// Told as rules are decided: (rules done, rules in the program).
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// Deals per block of the per-deal rules (`DealBlocks`); outcomes
        /// are the same for any size.
        public var blockRows: Int

        public init(asOf: DateValue, rules: [String] = [], subjects: [String] = [], progress: (@Sendable (Int, Int) -> Void)? = nil,
                    blockRows: Int = RuleRunner.blockRows) {
            self.asOf = asOf
            self.rules = rules
            self.subjects = subjects
            self.progress = progress
            self.blockRows = blockRows
        }
    }

    /// Deals per block: the columns of a block of the benchmark's 20 rules
    /// take about 3 MB, and each of their arrays stays under the size that
    /// the allocator maps on its own (`dr_return_large_blocks`).
    public static let blockRows = 8_192

    /// Every outcome with its evidence: `evaluate`, then the full report.
    public static func run(_ program: CheckedProgram, deals: [Deal], options: Options) -> CheckReport {
        evaluate(program, deals: deals, options: options).report(includeClear: true)
    }

    /// Decides every rule × subject. Per-deal rules run as kernels over
    /// columns (`KernelCompiler`), grouped and portfolio rules through the
    /// evaluator; evidence and messages wait for `RuleOutcomes.report`.
    public static func evaluate(_ program: CheckedProgram, deals: [Deal], options: Options) -> RuleOutcomes {
        evaluate(program, deals: deals, kept: nil, options: options)
    }

    /// The same over deals whose columns are kept in `columns`: fields it
    /// already holds are not read from the deals again, and the fields
    /// this evaluation reads stay there for the next one.
    public static func evaluate(_ program: CheckedProgram, columns: DealColumns, options: Options) -> RuleOutcomes {
        evaluate(program, deals: columns.deals, kept: columns.table, options: options)
    }

    /// Every result with its evidence, over kept columns.
    public static func run(_ program: CheckedProgram, columns: DealColumns, options: Options) -> CheckReport {
        evaluate(program, columns: columns, options: options).report(includeClear: true)
    }

    /// What the per-deal rules among `rules` (indices into the program's
    /// rules) read from every deal: fields, collections and projections.
    static func readPlan(of program: CheckedProgram, rules: [Int]) -> ReadPlan {
        var plan = ReadPlan()
        for index in rules where program.rules[index].scope.isPerDeal {
            plan.add(ReadPlan(of: program.rules[index].condition, definitions: program.definitions))
        }
        return plan
    }

    /// `kept`, when given, is the whole portfolio's table of a
    /// `DealColumns` over `deals`.
    private static func evaluate(_ program: CheckedProgram, deals: [Deal], kept: DealTable?, options: Options) -> RuleOutcomes {
        let evaluator = Evaluator(asOf: options.asOf, definitions: program.definitions)
        // The whole portfolio's table, for grouped and portfolio rules (and
        // for every rule when its columns are kept).
        let dealTable = kept ?? DealTable(deals: deals, interner: Interner())
        let interner = dealTable.interner
        let wantedRules = Set(options.rules.map { NameFolding.foldSymbol($0) })
        let wantedSubjects = Set(options.subjects)
        var subjects: [String] = deals.map(\.subject)
        // Group keys and `portfolio`, in the order of their rules: they join
        // the subjects at the end (see there).
        var joining: [String] = []
        var rules: [RuleInfo] = []
        var entries: [RuleOutcomes.Entry] = []
        let skipped: [Bool] = wantedSubjects.isEmpty ? [] : deals.map { !wantedSubjects.contains($0.subject) }
        func isWanted(_ rule: CheckedRule) -> Bool {
            wantedRules.isEmpty || wantedRules.contains(NameFolding.foldSymbol(rule.info.name))
                || wantedRules.contains(NameFolding.foldSymbol(rule.info.flag))
        }
        // The per-deal rules that run (`--rule` may pick a few) and what
        // they read, decided a block of deals at a time, each block's
        // fields read in one pass over its deals.
        let running = program.rules.indices.filter { isWanted(program.rules[$0]) }
        let perDeal = running.filter { program.rules[$0].scope.isPerDeal }
        let plan = readPlan(of: program, rules: perDeal)
        let blocks = DealBlocks(program: program, deals: deals, asOf: options.asOf, interner: interner, blockRows: options.blockRows)
        let progress = options.progress
        let ruleCount = running.count
        let tellDeals = progress.map { tell in { (dealsDone: Int) in tell(perDeal.count * dealsDone / max(1, deals.count), ruleCount) } }
        let wholeFields = DealBlocks.wholeFields(of: program, rules: running)
        var perDealCodes = kept == nil
            ? blocks.run(rules: perDeal, plan: plan, skipped: skipped, wholeFields: wholeFields, into: dealTable, progress: tellDeals)
            : blocks.run(rules: perDeal, plan: plan, skipped: skipped, wholeFields: wholeFields, kept: dealTable, progress: tellDeals)
        var perDealDone = 0

        for (done, rule) in program.rules.enumerated() {
            guard isWanted(rule) else { continue }
            rules.append(rule.info)
            if !rule.scope.isPerDeal {
                // Every per-deal rule, and the other rules before this one.
                progress?(perDeal.count + rules.count - 1 - perDealDone, ruleCount)
            }
            switch rule.scope {
            case .perDeal:
                // Decided above, a block at a time.
                entries.append(.perDeal(rule: done, codes: perDealCodes[perDealDone]))
                perDealCodes[perDealDone] = []
                perDealDone += 1
            case .forEach(let keyNode, let display):
                var unplacedOutcomes: [UndeterminedOutcome] = []
                let grouping = groups(of: deals, by: keyNode, evaluator: evaluator, table: dealTable)
                for unplaced in grouping.unplaced where wantedSubjects.isEmpty || wantedSubjects.contains(unplaced.deal.subject) {
                    unplacedOutcomes.append(UndeterminedOutcome(
                        rule: rule.sharedInfo, subject: unplaced.deal.subject,
                        reasons: unplaced.reasons.isEmpty ? [UndeterminedReason(field: display, problem: .missing)] : unplaced.reasons,
                        evidence: []))
                }
                let keyName = keyName(of: keyNode, program: program)
                let kernel = GroupKernel(rule.condition, keyName: keyName, definitions: program.definitions, table: dealTable, asOf: options.asOf)
                let condition = CompiledCondition(rule.condition, definitions: program.definitions)
                var decided: [RuleOutcomes.GroupOutcome] = []
                let groupSubjects = grouping.groups.map { ValueRendering.render($0.key) }
                joining.append(contentsOf: groupSubjects)
                for (group, subject) in zip(grouping.groups, groupSubjects) {
                    guard wantedSubjects.isEmpty || wantedSubjects.contains(subject) else { continue }
                    let scope = GroupScope(keyName: keyName, key: group.key, rows: group.rows, allDeals: deals)
                    if let kernel, let truth = kernel.truth(rows: group.rows) {
                        decided.append(RuleOutcomes.GroupOutcome(subject: subject, scope: scope, code: RuleOutcomes.Code(truth), byKernel: true))
                    } else {
                        evaluator.begin(group: scope)
                        let truth = condition.truth(evaluator)
                        decided.append(RuleOutcomes.GroupOutcome(subject: subject, scope: scope, code: RuleOutcomes.Code(truth), byKernel: false))
                    }
                }
                entries.append(.grouped(rule: done, unplaced: unplacedOutcomes, groups: decided))
            case .forAllDeals:
                let condition = CompiledCondition(rule.condition, definitions: program.definitions)
                var findings: [Finding] = []
                var undetermined: [UndeterminedOutcome] = []
                var clear: [ClearOutcome] = []
                joining.append("portfolio")
                let wanted = wantedSubjects.isEmpty || wantedSubjects.contains("portfolio")
                // The portfolio is one group holding every deal.
                if wanted, let truth = GroupKernel(rule.condition, keyName: nil, definitions: program.definitions, table: dealTable, asOf: options.asOf)?
                    .truth(rows: 0..<deals.count) {
                    entries.append(.portfolio(rule: done, code: RuleOutcomes.Code(truth)))
                    continue
                }
                if wanted {
                    evaluator.begin(group: .portfolio(deals))
                    record(rule, truth: condition.truth(evaluator), subject: "portfolio", evaluator: evaluator,
                           findings: &findings, undetermined: &undetermined, clear: &clear)
                }
                entries.append(.listed(findings: findings, undetermined: undetermined, clear: clear))
            }
        }
        // Group keys and `portfolio` join the subjects unless already there:
        // one pass over the subjects for all of them, so that no set of
        // every deal's subject is held beside the columns.
        subjects += KeysAmongSubjects.missing(joining, from: subjects)
        return RuleOutcomes(asOf: options.asOf, program: program, deals: deals, rules: rules, subjects: subjects, entries: entries)
    }

    /// Files one outcome, with its evidence, message and reasons from the
    /// evaluator that just decided it.
    static func record(_ rule: CheckedRule, truth: Truth, subject: String, evaluator: Evaluator,
                       findings: inout [Finding], undetermined: inout [UndeterminedOutcome], clear: inout [ClearOutcome]) {
        switch truth {
        case .true:
            findings.append(finding(rule, subject: subject, evaluator: evaluator))
        case .unknown:
            undetermined.append(UndeterminedOutcome(rule: rule.sharedInfo, subject: subject, reasons: reasons(evaluator), evidence: evaluator.evidence))
        case .false:
            clear.append(ClearOutcome(rule: rule.sharedInfo, subject: subject, evidence: evaluator.evidence))
        }
    }

    // MARK: Outcomes

    static func finding(_ rule: CheckedRule, subject: String, evaluator: Evaluator) -> Finding {
        let evidence = evaluator.evidence
        let basis = evidence.compactMap(\.status).max() ?? .confirmed
        let message = MessageRenderer.render(rule, evaluator: evaluator, evidence: evidence)
        return Finding(rule: rule.sharedInfo, subject: subject, severity: rule.info.severity, message: message, basis: basis, evidence: evidence)
    }

    static func reasons(_ evaluator: Evaluator) -> [UndeterminedReason] {
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
        /// Positions of the group's deals in the run's deal list.
        var rows: [Int]
    }

    struct Grouping {
        var groups: [Group] = []
        var unplaced: [(deal: Deal, reasons: [UndeterminedReason])] = []
    }

    /// Groups deals by K: a list joins each of its groups; unknown joins none.
    /// Keys compare folded (`AWS` and `aws` are one group, shown as first seen).
    ///
    /// With `table`, a K that is a deal field holding text is read from its
    /// column (folded text ids are the folded renderings); every other deal
    /// is placed through the evaluator, which also gives the reasons a K is
    /// unknown.
    static func groups(of deals: [Deal], by key: Node, evaluator: Evaluator, table: DealTable? = nil) -> Grouping {
        var grouping = Grouping()
        var index: [String: Int] = [:]
        var column: CellColumn? = nil
        if let table, case .field(let path, _) = key, path.keys.count == 1 { column = table.column(path) }
        // Group of each text id met so far (-1: not yet), by id.
        var positions: [Int] = []
        // Hoisted, and the deal read only when the column does not place
        // it: copying a deal for every row costs its references.
        let kinds = column?.kinds ?? []
        let textIDs = column?.textIDs ?? []
        for row in deals.indices {
            // A row of the column (there is one only with a table); not `if
            // let table`, which retained and released the table every deal.
            if row < kinds.count, kinds[row] == .text, textIDs[row] >= 0 {
                let id = Int(textIDs[row])
                if id < positions.count, positions[id] >= 0 {
                    let position = positions[id]
                    grouping.groups[position].rows.append(row)
                    continue
                }
                // The first deal with this id: its folded text, once.
                if let folded = table?.interner.foldedText(Int32(id)), let position = index[folded] {
                    if id >= positions.count { positions.append(contentsOf: repeatElement(-1, count: id + 1 - positions.count)) }
                    positions[id] = position
                    grouping.groups[position].rows.append(row)
                    continue
                }
                // A new group: its key is the value as this deal holds it.
            }
            let deal = deals[row]
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
                    grouping.groups[position].rows.append(row)
                } else {
                    index[folded] = grouping.groups.count
                    grouping.groups.append(Group(key: key, rows: [row]))
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
