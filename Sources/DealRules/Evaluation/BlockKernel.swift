import DealRulesModel
import DealRulesSyntax

/// Truth of a condition for a selection of rows: `rows[i]`, a row of the
/// kernel's table, gets its truth in `truths[i]`.
///
/// A row kernel (`RowKernel`) is a tree of closures, and every row goes
/// through every call of it: `and`, `or`, `not`, the hand-over to the
/// evaluator and then the comparison, each a call through a pointer. A
/// block kernel runs each of those steps once for a whole selection, as a
/// loop, and so are the comparisons of a column with constants
/// (`ColumnTest`); other comparisons are row kernels called in a loop.
/// The right side of `and` and `or` sees only the rows the left side
/// leaves open, as a row kernel's short cut would, so the evaluator is
/// asked about exactly the rows it was asked about before.
typealias BlockKernel = (_ rows: UnsafeBufferPointer<Int>, _ truths: UnsafeMutablePointer<RowTruth>) -> Void

/// A block kernel kept in an array. A function stored in a generic
/// container, or made by a generic function (`map`, `flatMap`), is kept
/// in its most general form, and every call to it goes through a
/// conversion thunk; inside this struct it keeps its own.
struct StoredBlockKernel {
    let run: BlockKernel

    init(_ run: @escaping BlockKernel) { self.run = run }
}

extension KernelCompiler {
    /// The condition as a block kernel, with the truths its row kernel
    /// (`condition`) gives, row for row.
    func block(_ node: Node) -> BlockKernel {
        switch node {
        case .not(let inner, _):
            let code = block(inner)
            return { rows, truths in
                code(rows, truths)
                KernelCompiler.negate(truths, count: rows.count)
            }
        case .and(let lhs, let rhs):
            return joining(lhs, rhs, conjunction: true)
        case .or(let lhs, let rhs):
            return joining(lhs, rhs, conjunction: false)
        case .compare(let compare):
            // A column test runs as one loop over the selection.
            guard let leaf = compareLeaf(compare)?.blockKernel else { return KernelCompiler.rowByRow(condition(node)) }
            let negated = compare.negated
            let evaluator = self.evaluator
            return { rows, truths in
                leaf(rows, truths)
                // Deferred rows go to the evaluator, as `resolved` sends them.
                if let evaluator {
                    for index in 0..<rows.count where truths[index] == .deferred {
                        truths[index] = RowTruth(evaluator.at(rows[index]).compare(compare))
                    }
                }
                if negated { KernelCompiler.negate(truths, count: rows.count) }
            }
        case .definition(let index, _):
            guard inlined < KernelCompiler.maximumInlining, definitions.indices.contains(index) else {
                return KernelCompiler.rowByRow(condition(node))
            }
            var inner = self
            inner.inlined += 1
            return inner.block(definitions[index].body)
        default:
            return KernelCompiler.rowByRow(condition(node))
        }
    }

    /// `lhs and rhs` (`conjunction`) or `lhs or rhs`.
    private func joining(_ lhs: Node, _ rhs: Node, conjunction: Bool) -> BlockKernel {
        let left = block(lhs)
        let right = block(rhs)
        return { rows, truths in
            left(rows, truths)
            KernelCompiler.joinRight(right, rows, truths, conjunction: conjunction)
        }
    }

    /// A row kernel called for each row of the selection.
    static func rowByRow(_ code: @escaping RowKernel) -> BlockKernel {
        return { rows, truths in
            for index in 0..<rows.count { truths[index] = code(rows[index]) }
        }
    }

    static func negate(_ truths: UnsafeMutablePointer<RowTruth>, count: Int) {
        for index in 0..<count { truths[index] = truths[index].negated }
    }

    /// The right side of `and` (`conjunction`) or `or` over the rows whose
    /// left truth does not settle it (false or true, or deferred), each
    /// joined with its left truth as a row kernel joins them.
    @inline(__always)
    static func joinRight(_ right: BlockKernel, _ rows: UnsafeBufferPointer<Int>, _ truths: UnsafeMutablePointer<RowTruth>,
                          conjunction: Bool) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(rows.count, 1)) { open in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(rows.count, 1)) { places in
                var count = 0
                for index in 0..<rows.count where !truths[index].settles(conjunction: conjunction) {
                    open[count] = rows[index]
                    places[count] = index
                    count += 1
                }
                guard count > 0 else { return }
                withUnsafeTemporaryAllocation(of: RowTruth.self, capacity: count) { rightTruths in
                    guard let rightBase = rightTruths.baseAddress else { return }
                    right(UnsafeBufferPointer(rebasing: open[0..<count]), rightBase)
                    for position in 0..<count {
                        let place = places[position]
                        truths[place] = conjunction ? truths[place].and(rightTruths[position]) : truths[place].or(rightTruths[position])
                    }
                }
            }
        }
    }
}
