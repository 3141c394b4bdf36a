import DealRulesModel
import DealRulesSyntax

/// Runs the per-deal rules over the deals a block at a time: each block
/// gets its own columns (one pass over its deals' entries, `ReadPlan`) and
/// every rule's kernel runs over them before the next block is read.
///
/// Columns of the whole portfolio at once would cost tens of bytes a deal
/// for every field the rules read, beside the deals themselves: most of
/// the peak memory of a check, and fresh pages to fault in. A block's
/// columns stay small, are freed before the next block's are made (so
/// the allocator hands the same memory back), and are still in the cache
/// when the kernels read them. Outcomes do not depend on the block size.
struct DealBlocks {
    let program: CheckedProgram
    let deals: [Deal]
    let asOf: DateValue
    let interner: Interner
    /// Rows of one block (at least 1).
    let blockRows: Int

    /// The outcome of every per-deal rule in `rules` (indices into the
    /// program's rules) for every deal, rule by rule; `.skipped` where
    /// `skipped` says so.
    ///
    /// `wholeFields` are single-key fields that grouped and portfolio rules
    /// read from the whole portfolio's table: they are read in the same
    /// pass and copied out of each block into `whole`, instead of another
    /// pass over every deal.
    func run(rules: [Int], plan: ReadPlan, skipped: [Bool], wholeFields: [FieldPath], into whole: DealTable,
             progress: ((Int) -> Void)? = nil) -> [[RuleOutcomes.Code]] {
        var codes = rules.map { _ in [RuleOutcomes.Code](repeating: .skipped, count: deals.count) }
        var blockPlan = plan
        blockPlan.fields += wholeFields
        var wholeBuilders = wholeFields.map { _ in CellColumnBuilder(rows: deals.count, interner: interner) }
        let evaluator = Evaluator(asOf: asOf, definitions: program.definitions)
        let rows = max(1, blockRows)
        var start = 0
        while start < deals.count {
            let block = start..<(start + min(rows, deals.count - start))
            let table = DealTable(deals: deals, rows: block, interner: interner)
            table.prefetch(blockPlan)
            let rowEvaluator = RowEvaluator(deals: deals, base: block.lowerBound, evaluator: evaluator)
            for (slot, index) in rules.enumerated() {
                let rule = program.rules[index]
                let compiler = KernelCompiler(definitions: program.definitions, table: table, asOf: asOf, evaluator: rowEvaluator)
                let kernel = compiler.condition(rule.condition)
                // Written through the buffer: no uniqueness check a row.
                codes[slot].withUnsafeMutableBufferPointer { ruleCodes in
                    let blockCodes = UnsafeMutableBufferPointer(rebasing: ruleCodes[block])
                    for row in 0..<block.count where skipped.isEmpty || !skipped[block.lowerBound &+ row] {
                        var truth = kernel(row)
                        if truth == .deferred { truth = RowTruth(rowEvaluator.at(row).truth(rule.condition)) }
                        switch truth {
                        case .isTrue: blockCodes[row] = .finding
                        case .isFalse: blockCodes[row] = .clear
                        case .isUnknown, .deferred: blockCodes[row] = .undetermined
                        }
                    }
                }
            }
            for field in wholeFields.indices {
                wholeBuilders[field].place(table.column(wholeFields[field]), at: block.lowerBound)
            }
            start = block.upperBound
            progress?(start)
        }
        for (field, builder) in zip(wholeFields, wholeBuilders) where whole.columns[field.keys] == nil {
            whole.columns[field.keys] = CellColumn(builder)
        }
        return codes
    }

    /// The single-key deal fields the grouped and portfolio rules among
    /// `rules` read (their keys and conditions, through definitions), each
    /// once. Inside such a rule `deals` names the group's deals, not a field.
    static func wholeFields(of program: CheckedProgram, rules: [Int]) -> [FieldPath] {
        let walk = FieldPathWalk(definitions: program.definitions, intoCollections: true)
        var fields: [FieldPath] = []
        for index in rules {
            let rule = program.rules[index]
            let keyPaths: [FieldPath]
            switch rule.scope {
            case .perDeal: continue
            case .forEach(let key, _): keyPaths = walk.paths(of: key)
            case .forAllDeals: keyPaths = []
            }
            let read = walk.paths(of: rule.condition) + keyPaths
            for path in read where path.keys.count == 1 && path.keys[0] != "deals" && !fields.contains(where: { $0.keys == path.keys }) {
                fields.append(path)
            }
        }
        return fields
    }
}
