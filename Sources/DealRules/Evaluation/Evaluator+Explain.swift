import DealRulesModel

/// What `dealrules explain` needs from the evaluator beyond `truth` and
/// `value`: the items a collection looks at, evaluation with one item in
/// scope, and field reads with their provenance. Explanations evaluate
/// with the same code as check, so they cannot disagree with it.
extension Evaluator {
    /// Labels of the items of a collection (a deal's list field, or the
    /// group's deals when `path` is nil or `deals`); nil when unknown.
    func explainItemLabels(_ path: FieldPath?) -> [String]? {
        switch explainCollection(path) {
        case .unknown: return nil
        case .deals(let deals): return deals.map(\.subject)
        case .values(let values, _): return values.map(Evaluator.label)
        }
    }

    /// Runs `body` with item `index` of the collection in scope.
    func explainWithItem<T>(_ path: FieldPath?, at index: Int, _ body: () -> T) -> T? {
        let collection = explainCollection(path)
        guard index >= 0, index < count(collection) else { return nil }
        return withItem(collection, at: index, body)
    }

    /// A field's value and provenance as the evaluator reads it here.
    func explainRead(_ path: FieldPath) -> (value: Value, provenance: Provenance?) {
        let read = muted { self.read(path) }
        return (read.value, read.provenance)
    }

    /// In a grouped rule, a definition naming the group key is the key, not its body.
    func explainIsGroupKey(_ index: Int) -> Bool {
        guard let group, deal == nil, definitions.indices.contains(index) else { return false }
        return group.keyName == definitions[index].key
    }

    /// Starts an outcome for a group (`for each`) or the portfolio.
    func explainBegin(groupKeyName: String?, key: Value, deals: [Deal], allDeals: [Deal]) {
        begin(group: GroupScope(keyName: groupKeyName, key: key, deals: deals, allDeals: allDeals))
    }

    private func explainCollection(_ path: FieldPath?) -> Items {
        if let path { return muted { items(of: path) } }
        if let group { return .deals(group.deals) }
        return .unknown
    }

    /// How an item is named in an explanation: a record's name or id, else its value.
    static func label(_ value: Value) -> String {
        if case .record(let record) = value {
            for key in ["name", "id"] {
                if let named = record[key], !named.isUnknown { return ValueRendering.render(named) }
            }
        }
        return ValueRendering.render(value)
    }
}
