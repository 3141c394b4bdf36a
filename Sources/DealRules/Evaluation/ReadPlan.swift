import DealRulesModel
import DealRulesSyntax

/// What the per-deal rules of a run read from every deal, gathered before
/// evaluation so that one pass over the deals builds it all: fields as
/// columns, collections as item tables, and `F of P` projections. Each
/// pass over a large portfolio costs a trip through every deal's entries
/// in memory, whatever it reads there.
struct ReadPlan {
    var fields: [FieldPath] = []
    /// Collections the conditions go through item by item: `any P where`,
    /// `count of P`, `P contains X` when P holds a list.
    var collections: [FieldPath] = []
    /// `F of P` without `where`: (P, F).
    var projections: [(collection: FieldPath, field: FieldPath)] = []

    init() {}

    /// The plan of one condition, through the definitions it uses. Only the
    /// deal's own reads: conditions inside `where` read item tables.
    init(of node: Node, definitions: [CheckedDefinition]) {
        self = FieldPathWalk(definitions: definitions, intoCollections: false).plan(of: node)
    }

    mutating func add(_ other: ReadPlan) {
        fields += other.fields
        collections += other.collections
        projections += other.projections
    }
}
