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
///
/// Over columns kept from one evaluation to the next (`DealColumns`) the
/// kernels run over the whole portfolio's table instead, still a block of
/// rows at a time so that progress can be told.
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
                decide(compiler.block(rule.condition), rule, rows: 0..<block.count, of: block.lowerBound,
                       rowEvaluator: rowEvaluator, skipped: skipped, into: &codes[slot])
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

    /// The same over the whole portfolio's table `kept`, whose columns stay
    /// for later evaluations (`DealColumns`): what it lacks of the plan is
    /// read into it in one pass, each kernel is compiled once, and the
    /// kernels run a block of rows at a time, for progress.
    func run(rules: [Int], plan: ReadPlan, skipped: [Bool], wholeFields: [FieldPath], kept table: DealTable,
             progress: ((Int) -> Void)? = nil) -> [[RuleOutcomes.Code]] {
        var codes = rules.map { _ in [RuleOutcomes.Code](repeating: .skipped, count: deals.count) }
        let rowEvaluator = RowEvaluator(deals: deals, evaluator: Evaluator(asOf: asOf, definitions: program.definitions))
        let kernels = self.kernels(rules: rules, plan: plan, wholeFields: wholeFields, kept: table, rowEvaluator: rowEvaluator)
        let rows = max(1, blockRows)
        var start = 0
        while start < deals.count {
            let block = start..<(start + min(rows, deals.count - start))
            for (slot, index) in rules.enumerated() {
                decide(kernels[slot].run, program.rules[index], rows: block, of: 0, rowEvaluator: rowEvaluator, skipped: skipped, into: &codes[slot])
            }
            start = block.upperBound
            progress?(start)
        }
        return codes
    }

    /// The kernels of the per-deal `rules` over the whole portfolio's
    /// table `kept`, after reading into it what it lacks of the plan.
    /// Compiling a kernel fetches the columns it reads (of item fields
    /// too), so afterwards the table holds every column the rules use.
    func kernels(rules: [Int], plan: ReadPlan, wholeFields: [FieldPath], kept table: DealTable, rowEvaluator: RowEvaluator) -> [StoredBlockKernel] {
        var tablePlan = plan
        tablePlan.fields += wholeFields
        table.prefetch(tablePlan)
        let compiler = KernelCompiler(definitions: program.definitions, table: table, asOf: asOf, evaluator: rowEvaluator)
        return rules.map { StoredBlockKernel(compiler.block(program.rules[$0].condition)) }
    }

    /// Rows a block kernel decides at once: its truths and the selection
    /// live on the stack.
    static let selectionRows = 1_024

    /// Files the outcome of `rule` for the table rows `rows`, table row r
    /// being deal `base + r`: the kernel's, or the evaluator's where the
    /// kernel defers. Skipped deals are left out of the selection.
    private func decide(_ kernel: BlockKernel, _ rule: CheckedRule, rows: Range<Int>, of base: Int, rowEvaluator: RowEvaluator,
                        skipped: [Bool], into codes: inout [RuleOutcomes.Code]) {
        let chunk = DealBlocks.selectionRows
        withUnsafeTemporaryAllocation(of: Int.self, capacity: chunk) { selection in
            withUnsafeTemporaryAllocation(of: RowTruth.self, capacity: chunk) { truths in
                guard let truthBase = truths.baseAddress else { return }
                // Written through the buffer: no uniqueness check a row.
                codes.withUnsafeMutableBufferPointer { codes in
                    // Without `--deal` every row is selected: a run of row
                    // numbers, written without a test a row.
                    let noneSkipped = skipped.isEmpty
                    var row = rows.lowerBound
                    while row < rows.upperBound {
                        var count = 0
                        if noneSkipped {
                            count = min(chunk, rows.upperBound - row)
                            for index in 0..<count { selection[index] = row &+ index }
                            row &+= count
                        } else {
                            while count < chunk && row < rows.upperBound {
                                if !skipped[base &+ row] {
                                    selection[count] = row
                                    count += 1
                                }
                                row += 1
                            }
                        }
                        guard count > 0 else { continue }
                        kernel(UnsafeBufferPointer(rebasing: selection[0..<count]), truthBase)
                        if noneSkipped, let first = codes.baseAddress {
                            // A run of rows: the deferred ones asked of the
                            // evaluator (found eight at a time), then the
                            // truths copied as they are — a truth's byte is its
                            // outcome code's (`RowTruth.code`).
                            DealBlocks.decideDeferred(truthBase, count: count) { index in
                                RowTruth(rowEvaluator.at(selection[index]).truth(rule.condition))
                            }
                            let start = base &+ selection[0]
                            precondition(start >= 0 && start &+ count <= codes.count, "rows past the rule's codes")
                            UnsafeMutableRawPointer(first + start).copyMemory(from: truthBase, byteCount: count)
                            continue
                        }
                        for index in 0..<count {
                            let selected = selection[index]
                            var truth = truths[index]
                            if truth == .deferred { truth = RowTruth(rowEvaluator.at(selected).truth(rule.condition)) }
                            codes[base &+ selected] = truth.code
                        }
                    }
                }
            }
        }
    }

    /// Replaces each deferred truth among the first `count` with what
    /// `decide` says of its index (never deferred), in order; the truths
    /// are scanned eight at a time (`ByteMatch`), as kernels defer few.
    static func decideDeferred(_ truths: UnsafeMutablePointer<RowTruth>, count: Int, _ decide: (Int) -> RowTruth) {
        assert(MemoryLayout<RowTruth>.stride == 1)
        let deferred = RowTruth.deferred.rawValue
        let pattern = ByteMatch.pattern(deferred)
        let bytes = UnsafeRawPointer(truths)
        var index = 0
        while index &+ 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if ByteMatch.matches(word, pattern) != 0 {
                for each in index..<(index &+ 8) where truths[each] == .deferred { truths[each] = decide(each) }
            }
            index &+= 8
        }
        while index < count {
            if truths[index] == .deferred { truths[index] = decide(index) }
            index &+= 1
        }
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
