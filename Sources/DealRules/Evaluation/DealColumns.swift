import DealRulesModel

/// A portfolio's deals with the fields rules read laid out as columns,
/// kept from one evaluation to the next.
///
/// Before its kernels can run, an evaluation has to read every field its
/// rules use out of every deal's record: a pass over each deal's entries
/// that costs about as much as the rules themselves. Without this store
/// that pass is made afresh on every evaluation, a block of deals at a
/// time (`DealBlocks`). With it, the pass is made once per field — for a
/// whole program by `prepare(for:asOf:)`, right after loading, or the first
/// time a rule reads a field — and every later evaluation over the same
/// deals (`RuleRunner.evaluate(_:columns:options:)`) reads the columns.
///
/// Columns hold values as the data gives them: they do not depend on the
/// rules, definitions or the as-of date, so one store serves any program.
/// The store is not thread-safe: one evaluation at a time.
public final class DealColumns {
    public let deals: [Deal]
    /// The whole portfolio's table: its columns, item tables and
    /// projections are the store.
    let table: DealTable

    public init(deals: [Deal]) {
        self.deals = deals
        self.table = DealTable(deals: deals, interner: Interner())
    }

    /// Reads every column the program's rules use and the store does not
    /// hold yet: top-level fields, collections and projections in one
    /// pass over the deals, then the columns of item fields (`any party
    /// where role is …`) as the rules' kernels are compiled. `asOf` is the
    /// date evaluations will use; the columns themselves do not depend on it.
    public func prepare(for program: CheckedProgram, asOf: DateValue) {
        let perDeal = program.rules.indices.filter { program.rules[$0].scope.isPerDeal }
        let blocks = DealBlocks(program: program, deals: deals, asOf: asOf, interner: table.interner, blockRows: RuleRunner.blockRows)
        let rowEvaluator = RowEvaluator(deals: deals, evaluator: Evaluator(asOf: asOf, definitions: program.definitions))
        _ = blocks.kernels(rules: perDeal, plan: RuleRunner.readPlan(of: program, rules: perDeal),
                           wholeFields: DealBlocks.wholeFields(of: program, rules: Array(program.rules.indices)),
                           kept: table, rowEvaluator: rowEvaluator)
    }

    /// How many columns of deal fields and projections the store holds.
    public var columnCount: Int { table.columns.count }

    /// About how many bytes the columns and item tables take (their arrays,
    /// not the interner's tables of distinct texts and units).
    public var byteCount: Int { table.byteCount }
}

