import DealRulesModel
import DealRulesSyntax

/// A condition turned into closures once per run, so that evaluating it
/// for each subject does not walk (and copy) the `Node` tree again.
///
/// The closures call the same `Evaluator` operations the tree walker uses
/// (`read`, `equals`, `order`, …) in the same order, so truth, evidence and
/// reasons are identical. Forms that look inside collections or groups are
/// delegated to the tree walker whole.
struct CompiledCondition {
    typealias TruthCode = (Evaluator) -> Truth
    typealias ValueCode = (Evaluator) -> Value

    let truth: TruthCode

    init(_ node: Node, definitions: [CheckedDefinition]) {
        let compiler = ConditionCompiler(definitions: definitions)
        truth = compiler.truth(node)
    }
}

/// Builds the closures of a `CompiledCondition`.
struct ConditionCompiler {
    let definitions: [CheckedDefinition]

    private static let trueValue = Value.boolean(true)
    private static let falseValue = Value.boolean(false)

    func truth(_ node: Node) -> CompiledCondition.TruthCode {
        switch node {
        case .not(let inner, _):
            let code = truth(inner)
            return { code($0).negated }
        case .and(let lhs, let rhs):
            let left = truth(lhs)
            let right = truth(rhs)
            return { evaluator in
                let first = left(evaluator)
                if first == .false { return .false }
                return first.and(right(evaluator))
            }
        case .or(let lhs, let rhs):
            let left = truth(lhs)
            let right = truth(rhs)
            return { evaluator in
                let first = left(evaluator)
                if first == .true { return .true }
                return first.or(right(evaluator))
            }
        case .compare(let compare):
            let code = self.compare(compare)
            if compare.negated { return { code($0).negated } }
            return code
        case .quantified:
            return { $0.truth(node) }
        default:
            let code = value(node)
            return { evaluator in evaluator.truth(of: code(evaluator), at: node) }
        }
    }

    func value(_ node: Node) -> CompiledCondition.ValueCode {
        switch node {
        case .constant(let value, _):
            return { _ in value }
        case .symbol(let text, _):
            let symbol = Value.symbol(text)
            return { _ in symbol }
        case .field(let path, _):
            return { $0.read(path).value }
        case .definition(let index, _):
            return { $0.definitionValue(index) }
        case .not, .and, .or, .compare, .quantified:
            let code = truth(node)
            return { evaluator in
                switch code(evaluator) {
                case .true: return ConditionCompiler.trueValue
                case .false: return ConditionCompiler.falseValue
                case .unknown: return .unknown
                }
            }
        case .arithmetic(let op, let lhs, let rhs, let span):
            let left = value(lhs)
            let right = value(rhs)
            return { evaluator in
                let a = left(evaluator)
                let b = right(evaluator)
                return evaluator.arithmetic(op, a, b, span: span)
            }
        case .aggregate, .projection:
            return { $0.value(node) }
        }
    }

    /// As `Evaluator.compare`, without the negation (applied by the caller).
    func compare(_ node: CompareNode) -> CompiledCondition.TruthCode {
        switch node.op {
        case .known:
            let subject = value(node.subject)
            return { Truth(!subject($0).isUnknown) }
        case .unknown:
            let subject = value(node.subject)
            return { Truth(subject($0).isUnknown) }
        case .status(let wanted):
            let subjectNode = node.subject
            return { evaluator in evaluator.hasStatus(subjectNode, wanted) }
        default:
            break
        }
        let subject = value(node.subject)
        let field = fieldName(node.subject)
        switch node.op {
        case .equals(let operand):
            let other = value(operand)
            return { evaluator in
                let a = subject(evaluator)
                return evaluator.equals(a, other(evaluator), node: node, field: field)
            }
        case .oneOf(let operands):
            let others = operands.map(value)
            return { evaluator in
                evaluator.oneOf(subject(evaluator), others.map { other in { other(evaluator) } }, node: node, field: field)
            }
        case .greaterThan(let operand):
            return ordered(subject, value(operand), .greater, node: node, field: field)
        case .atLeast(let operand):
            return ordered(subject, value(operand), .atLeast, node: node, field: field)
        case .lessThan(let operand):
            return ordered(subject, value(operand), .less, node: node, field: field)
        case .atMost(let operand):
            return ordered(subject, value(operand), .atMost, node: node, field: field)
        case .between(let low, let high):
            let lowCode = value(low)
            let highCode = value(high)
            return { evaluator in
                evaluator.between(subject(evaluator), { lowCode(evaluator) }, { highCode(evaluator) }, node: node, field: field)
            }
        case .before(let operand):
            return ordered(subject, value(operand), .less, node: node, field: field, datesOnly: true)
        case .after(let operand):
            return ordered(subject, value(operand), .greater, node: node, field: field, datesOnly: true)
        case .beyond(let operand), .within(let operand):
            let beyond: Bool
            if case .beyond = node.op { beyond = true } else { beyond = false }
            let other = value(operand)
            return { evaluator in
                let a = subject(evaluator)
                return evaluator.relative(a, other(evaluator), beyond: beyond, node: node, field: field)
            }
        case .contains(let operand):
            let other = value(operand)
            return { evaluator in
                let a = subject(evaluator)
                return evaluator.contains(a, other(evaluator), node: node, field: field)
            }
        case .known, .unknown, .status:
            return { _ in .unknown }
        }
    }

    private func ordered(
        _ subject: @escaping CompiledCondition.ValueCode, _ other: @escaping CompiledCondition.ValueCode,
        _ op: Evaluator.OrderOp, node: CompareNode, field: String?, datesOnly: Bool = false
    ) -> CompiledCondition.TruthCode {
        return { evaluator in
            let a = subject(evaluator)
            return evaluator.order(a, other(evaluator), op, node: node, field: field, datesOnly: datesOnly)
        }
    }

    /// As `Evaluator.fieldName`, resolved once.
    private func fieldName(_ node: Node) -> String? {
        switch node {
        case .field(let path, _): return path.display
        case .definition(let index, _): return definitions.indices.contains(index) ? definitions[index].name : nil
        default: return nil
        }
    }
}
