@testable import DealRules
import DealRulesModel
import Testing

/// A block kernel decides a selection of rows at once; it must give every
/// row the truth the row kernel of the same condition gives — `deferred`
/// included, so that the evaluator is asked about the same rows. These
/// tests compare the two row for row, over data full of values of the
/// wrong type (which defer), with and without the evaluator behind them.
@Suite struct BlockKernelTests {
    /// `and`, `or` and `not` with a side that defers (`kind is 3` on text,
    /// a number compared with a date), one the evaluator decides (a field
    /// against a field), unknowns, and deep nesting through definitions.
    static let mixedRules = """
    define odd kind as kind is 3.
    define self compared as capacity is at least capacity.
    if kind is 3 and capacity is at least 1 GW, flag b1.
    if kind is 3 or capacity is at least 1 GW, flag b2.
    if not (kind is 3 and chips contains Trainium3), flag b3.
    if capacity is at least 1 GW and kind is 3, flag b4.
    if (kind is 3 or kind is compute) and not (term is at least 10 years or deal value is true), flag b5.
    if self compared and kind is compute, flag b6.
    if kind is compute or capacity is more than capacity, flag b7.
    if not odd kind or (announced is before 2025 and not self compared), flag b8.
    if announced is 7 and (capacity is unknown or term is known), flag b9.
    if any party where role is lab and (kind is 3 or capacity is at least 1 GW), flag b10.
    """

    static func compiled(_ text: String, rows: Int, withEvaluator: Bool) throws -> (CheckedProgram, KernelCompiler, Int) {
        let program = try KernelAgreementTests.program(rules: text)
        var random = RandomDeals(seed: 515)
        let deals = random.deals(rows)
        let table = DealTable(deals: deals, interner: Interner())
        let evaluator = Evaluator(asOf: KernelAgreementTests.asOf, definitions: program.definitions)
        let rowEvaluator = withEvaluator ? RowEvaluator(deals: deals, evaluator: evaluator) : nil
        let compiler = KernelCompiler(definitions: program.definitions, table: table, asOf: KernelAgreementTests.asOf, evaluator: rowEvaluator)
        return (program, compiler, deals.count)
    }

    /// The block kernel's truths for `selection`, against the row kernel's.
    static func mismatches(_ compiler: KernelCompiler, _ node: Node, selection: [Int]) -> [String] {
        let row = compiler.condition(node)
        let block = compiler.block(node)
        var truths = [RowTruth](repeating: .deferred, count: selection.count)
        selection.withUnsafeBufferPointer { rows in
            truths.withUnsafeMutableBufferPointer { truths in
                if let base = truths.baseAddress { block(rows, base) }
            }
        }
        return selection.indices.compactMap { index in
            let expected = row(selection[index])
            return truths[index] == expected ? nil : "row \(selection[index]): block \(truths[index]) ≠ row \(expected)"
        }
    }

    @Test(arguments: [true, false])
    func blocksGiveTheRowKernelsTruths(withEvaluator: Bool) throws {
        let text = KernelAgreementTests.kernelRules + "\n" + BlockKernelTests.mixedRules
        let (program, compiler, count) = try BlockKernelTests.compiled(text, rows: 400, withEvaluator: withEvaluator)
        let every = Array(0..<count)
        // A selection with gaps, out of step with the table, as skipped
        // deals leave it.
        let gapped = stride(from: 1, to: count, by: 3).map { $0 }
        var deferred = 0
        for rule in program.rules {
            for selection in [every, gapped, [count - 1], []] {
                let found = BlockKernelTests.mismatches(compiler, rule.condition, selection: selection)
                #expect(found.isEmpty, "\(rule.info.name): \(found.prefix(4))")
            }
            deferred += every.filter { compiler.condition(rule.condition)($0) == .deferred }.count
        }
        // Without an evaluator some rows must stay deferred, or the
        // comparison above would not have covered them.
        if !withEvaluator { #expect(deferred > 100) }
    }
}
