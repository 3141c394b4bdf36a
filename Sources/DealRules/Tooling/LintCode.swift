/// Stable codes of the warnings `dealrules lint` adds to the checker's
/// errors. Each is documented with an example in docs/tooling.md; never
/// reuse or renumber one.
public enum LintCode: String, CaseIterable, Sendable {
    /// A definition no rule uses, directly or through other definitions.
    case unusedDefinition = "W101"
    /// A definition whose name is also a data field (schema field, or a key in `--data`).
    case definitionShadowsField = "W102"
    /// Conditions joined by `and` that cannot all be true.
    case neverTrue = "W103"
    /// A field the rules read that no deal in `--data` has.
    case fieldNotInData = "W104"
    /// A rule that no deal in `--data` can reach.
    case unreachableRule = "W105"
    /// A data value outside the `one of` symbols its schema field allows.
    case symbolOutsideSchema = "W106"
    /// A data value of another type than its schema field declares.
    case dataTypeMismatch = "W107"

    /// One line for `--help` and the documentation.
    public var summary: String {
        switch self {
        case .unusedDefinition: return "definition is never used"
        case .definitionShadowsField: return "definition shadows a data field"
        case .neverTrue: return "condition can never be true"
        case .fieldNotInData: return "field is in no deal of the data"
        case .unreachableRule: return "rule can never fire on the data"
        case .symbolOutsideSchema: return "data symbol is not one the schema allows"
        case .dataTypeMismatch: return "data value does not have the schema's type"
        }
    }
}
