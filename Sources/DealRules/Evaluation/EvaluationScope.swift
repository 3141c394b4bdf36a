import DealRulesModel

/// One item of a collection while a `where` condition looks at it: its
/// fields are in scope, and the collection's own names (`party`, `parties`)
/// name the item itself (so `any chip where chip is Trainium3` reads well).
struct ItemScope {
    var record: Record?
    var value: Value
    var names: [String]
}

/// The deals a grouped (`for each K`) or portfolio (`for all deals`) rule
/// is looking at.
struct GroupScope: Sendable {
    /// Normalised name of K, which evaluates to the group key.
    var keyName: String?
    var key: Value
    var allDeals: [Deal]
    /// Where the group's deals are in `allDeals`, or nil when they are
    /// given as they are: a portfolio of many groups then holds one list
    /// of deals, not a copy of each deal per group.
    private var rows: [Int]?
    private var listed: [Deal]

    var deals: [Deal] {
        guard let rows else { return listed }
        return rows.map { allDeals[$0] }
    }

    init(keyName: String?, key: Value, deals: [Deal], allDeals: [Deal]) {
        self.keyName = keyName
        self.key = key
        self.allDeals = allDeals
        self.rows = nil
        self.listed = deals
    }

    /// The portfolio of a `for all deals` rule: every deal, as one group.
    static func portfolio(_ deals: [Deal]) -> GroupScope {
        GroupScope(keyName: nil, key: .symbol("portfolio"), deals: deals, allDeals: deals)
    }

    /// A group of the deals at these positions of `allDeals`.
    init(keyName: String?, key: Value, rows: [Int], allDeals: [Deal]) {
        self.keyName = keyName
        self.key = key
        self.allDeals = allDeals
        self.rows = rows
        self.listed = []
    }
}

/// Names a collection can be written with: `parties` ↔ `party`, `chips` ↔ `chip`.
enum CollectionNames {
    /// Keys to try in data for a name the rule wrote, exact first.
    static func candidates(for key: String) -> [String] {
        var result = [key]
        if key.hasSuffix("y"), !key.hasSuffix("ey") {
            result.append(String(key.dropLast()) + "ies")
        }
        result.append(key + "s")
        result.append(key + "es")
        return result
    }

    /// The names an item of collection `key` answers to.
    static func itemNames(for key: String) -> [String] {
        var names = [key]
        if key.hasSuffix("ies") {
            names.append(String(key.dropLast(3)) + "y")
        } else if key.hasSuffix("es") {
            names.append(String(key.dropLast(2)))
            names.append(String(key.dropLast()))
        } else if key.hasSuffix("s") {
            names.append(String(key.dropLast()))
        }
        return names + candidates(for: key).dropFirst()
    }
}

/// Identifies one `share of F` over one set of deals (see `Evaluator.shareTotals`).
struct ShareTotalKey: Hashable {
    var source: ObjectIdentifier
    var start: Int
    var end: Int
    var dealCount: Int
    var firstPosition: Int
    var lastPosition: Int
}

struct ShareTotal {
    var value: Value
    var reasons: [UndeterminedReason]
}
