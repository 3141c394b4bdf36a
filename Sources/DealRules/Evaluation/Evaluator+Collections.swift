import DealRulesModel
import DealRulesSyntax

/// Collections inside a deal and the deals of a group (LANGUAGE.md §6.5,
/// §7.1): quantifiers, counts as ranges over unknown items, aggregates and
/// projections.
extension Evaluator {
    /// The items of a collection: a deal's list field, or the deals of the
    /// current group (`deals`, `deal`). Nil when the collection is unknown.
    enum Items {
        case values([Value], names: [String])
        case deals([Deal])
        case unknown
    }

    func items(of path: FieldPath) -> Items {
        if let group, path.keys.count == 1, ["deals", "deal"].contains(path.keys[0]) {
            return .deals(group.deals)
        }
        let read = self.read(path)
        let names = CollectionNames.itemNames(for: path.keys.last ?? "")
        switch read.value {
        case .unknown: return .unknown
        case .list(let values): return .values(values, names: names)
        default: return .values([read.value], names: names)
        }
    }

    /// Runs `body` with one item (or one deal) in scope.
    func withItem<T>(_ items: Items, at index: Int, _ body: () -> T) -> T {
        switch items {
        case .values(let values, let names):
            let item = values[index]
            var record: Record? = nil
            if case .record(let inner) = item { record = inner }
            self.items.append(ItemScope(record: record, value: item, names: names))
            defer { self.items.removeLast() }
            return muted(body)
        case .deals(let deals):
            let saved = (deal, self.items)
            deal = deals[index].record
            self.items = []
            dealIterations += 1
            defer {
                (deal, self.items) = saved
                dealIterations -= 1
            }
            return muted(body)
        case .unknown:
            return body()
        }
    }

    func count(_ items: Items) -> Int {
        switch items {
        case .values(let values, _): return values.count
        case .deals(let deals): return deals.count
        case .unknown: return 0
        }
    }

    /// `any`/`every`/`no P where C`.
    func quantified(_ quantifier: Quantifier, _ path: FieldPath, _ condition: Node?, _ span: Span) -> Truth {
        let collection = items(of: path)
        if case .unknown = collection { return .unknown }
        var sawTrue = false
        var sawFalse = false
        var sawUnknown = false
        for index in 0..<count(collection) {
            let truth = condition.map { node in withItem(collection, at: index) { self.truth(node) } } ?? .true
            switch truth {
            case .true: sawTrue = true
            case .false: sawFalse = true
            case .unknown: sawUnknown = true
            }
        }
        switch quantifier {
        case .any: return sawTrue ? .true : (sawUnknown ? .unknown : .false)
        case .no: return sawTrue ? .false : (sawUnknown ? .unknown : .true)
        case .every: return sawFalse ? .false : (sawUnknown ? .unknown : .true)
        }
    }

    /// The items a `where` keeps: nil when membership is unknown for one.
    private func selected(_ collection: Items, _ condition: Node?, counting: Bool) -> (kept: [Int], unknown: [Int]) {
        var kept: [Int] = []
        var unknown: [Int] = []
        for index in 0..<count(collection) {
            let truth = condition.map { node in withItem(collection, at: index) { self.truth(node) } } ?? .true
            switch truth {
            case .true: kept.append(index)
            case .unknown: unknown.append(index)
            case .false: break
            }
        }
        return (kept, unknown)
    }

    func aggregate(_ kind: AggregateKind, field: Node?, collection path: FieldPath?, condition: Node?, span: Span) -> Value {
        let collection: Items
        if let path {
            collection = items(of: path)
        } else if let group {
            collection = .deals(group.deals)
        } else {
            fail("\(span.text) needs a collection outside a grouped rule: write `\(kind.rawValue) of F of P`", field: nil)
            return .unknown
        }
        if case .unknown = collection { return .unknown }
        let (kept, unknown) = selected(collection, condition, counting: kind == .count)
        let result: Value
        if kind == .count {
            let low = DecimalNumber(kept.count)
            result = unknown.isEmpty ? .number(low) : .range(lower: low, upper: DecimalNumber(kept.count + unknown.count))
        } else {
            // Whether some items count is unknown; the reasons already name
            // the fields inside the items that made it so.
            guard unknown.isEmpty else { return .unknown }
            guard let field else { return .unknown }
            let values = kept.map { index in withItem(collection, at: index) { value(field) } }
            result = combine(kind, values, field: field, condition: condition, span: span)
        }
        if group != nil, items.isEmpty {
            note(span.text, result, nil)
        }
        return result
    }

    private func combine(_ kind: AggregateKind, _ values: [Value], field: Node, condition: Node?, span: Span) -> Value {
        let unknownCount = values.filter(\.isUnknown).count
        if unknownCount > 0 {
            addMissingItems(describe(field), unknown: unknownCount, of: values.count)
            return .unknown
        }
        switch kind {
        case .sum:
            return sum(values, span: span)
        case .average:
            guard !values.isEmpty else {
                fail("\(span.text): no items to average", field: nil)
                return .unknown
            }
            return arithmetic(.divide, sum(values, span: span), .integer(values.count), span: span)
        case .minimum, .maximum:
            guard var best = values.first else {
                fail("\(span.text): no items", field: nil)
                return .unknown
            }
            for candidate in values.dropFirst() {
                let probe = CompareNode(subject: .constant(candidate, span), negated: false, op: .known, span: span)
                let better = order(candidate, best, kind == .minimum ? .less : .greater, node: probe, field: nil)
                if better == .unknown { return .unknown }
                if better == .true { best = candidate }
            }
            return best
        case .share:
            guard let group else {
                fail("share of … is only meaningful in a grouped rule (for each K)", field: nil)
                return .unknown
            }
            let part = sum(values, span: span)
            let total = shareTotal(field: field, condition: condition, span: span, allDeals: group.allDeals)
            if total.isUnknown { return .unknown }
            let ratio = arithmetic(.divide, part, total, span: span)
            if case .number(let number, _) = ratio { return .number(number, isPercent: true) }
            return ratio
        case .count:
            return .integer(values.count)
        }
    }

    /// The sum of F over all deals for `share of F`: the same for every
    /// group of a run, so computed once per run (with the reasons it gave).
    ///
    /// The reasons are gathered apart from the outcome's own and then
    /// added to them, the first time as every later time: gathered among
    /// the outcome's own, a reason the outcome already had would not be
    /// kept with the total, and the groups after it would lack it — which
    /// groups showed it would hang on the order outcomes were decided in.
    private func shareTotal(field: Node, condition: Node?, span: Span, allDeals: [Deal]) -> Value {
        let key = ShareTotalKey(source: ObjectIdentifier(span.source), start: span.start, end: span.end, dealCount: allDeals.count,
                                firstPosition: allDeals.first?.position ?? 0, lastPosition: allDeals.last?.position ?? 0)
        if let cached = shareTotals[key] {
            for reason in cached.reasons { addReasonOnce(reason) }
            return cached.value
        }
        let own = takeReasons()
        let everything = Items.deals(allDeals)
        let (allKept, allUnknown) = selected(everything, condition, counting: false)
        var total = Value.unknown
        if allUnknown.isEmpty {
            let totals = allKept.map { index in withItem(everything, at: index) { value(field) } }
            let unknownTotals = totals.filter(\.isUnknown).count
            if unknownTotals > 0 {
                addMissingItems(describe(field), unknown: unknownTotals, of: totals.count)
            } else {
                total = sum(totals, span: span)
            }
        }
        let found = takeReasons()
        restoreReasons(own)
        for reason in found { addReasonOnce(reason) }
        shareTotals[key] = ShareTotal(value: total, reasons: found)
        return total
    }

    private func addMissingItems(_ name: String, unknown: Int, of total: Int) {
        addMissing(name, message: "\(name) is unknown for \(unknown) of \(total) items")
    }

    private func sum(_ values: [Value], span: Span) -> Value {
        guard var total = values.first else { return .integer(0) }
        for next in values.dropFirst() {
            total = arithmetic(.add, total, next, span: span)
            if total.isUnknown { return .unknown }
        }
        return total
    }

    /// `F of P [where C]`: the list of F from each kept item, or a nested
    /// field when P is a single record or figure (`source of deal value`).
    func projection(_ field: Node, _ path: FieldPath, _ condition: Node?, span: Span) -> Value {
        if condition == nil, case .field(let inner, _) = field {
            let whole = lookupForProjection(path)
            if let whole, !isList(whole.value) {
                var current = whole
                for key in inner.keys { current = Evaluator.step(current, key) }
                let display = "\(inner.display) of \(path.display)"
                if items.isEmpty { note(display, current.value, current.provenance) }
                if current.value.isUnknown { missing(display) }
                return current.value
            }
        }
        let collection = items(of: path)
        if case .unknown = collection { return .unknown }
        var values: [Value] = []
        for index in 0..<count(collection) {
            let keep = condition.map { node in withItem(collection, at: index) { self.truth(node) } } ?? .true
            switch keep {
            case .true: values.append(withItem(collection, at: index) { value(field) })
            case .unknown: values.append(.unknown)
            case .false: break
            }
        }
        return .list(values)
    }

    private func lookupForProjection(_ path: FieldPath) -> FieldRead? {
        if group != nil, path.keys.count == 1, ["deals", "deal"].contains(path.keys[0]) { return nil }
        let read = self.read(path)
        return read.value.isUnknown ? read : read
    }

    private func isList(_ value: Value) -> Bool {
        if case .list = value { return true }
        return false
    }
}
