import DealRulesModel

/// Lint warnings that compare the rules with `--data`: definitions named
/// like data keys (W102), fields no deal has (W104), and rules that no deal
/// can reach because a symbol they require never occurs (W105).
enum LintDataChecks {
    /// Words a path may use that are not data keys: provenance of a figure.
    static let provenanceWords: Set<String> = ["source", "status", "as of", "value"]

    static func check(_ program: CheckedProgram, deals: [Deal]) -> [Diagnostic] {
        let keys = DataKeys(deals)
        return missingFields(program, keys: keys) + unreachableRules(program, deals: deals)
    }

    // MARK: W102

    static func shadowedDataKeys(_ program: CheckedProgram, keys: DataKeys) -> [Diagnostic] {
        program.definitions.compactMap { definition in
            // Named like a schema field too: the checker has said so already.
            guard keys.dealKeys.contains(definition.key), program.schema.entry(definition.key) == nil else { return nil }
            return LintProgramChecks.shadowWarning(definition, what: "the data field `\(keys.original[definition.key] ?? definition.key)`")
        }
    }

    // MARK: W104

    static func missingFields(_ program: CheckedProgram, keys: DataKeys) -> [Diagnostic] {
        guard !keys.all.isEmpty else { return [] }
        // Names that are not data keys: a collection's items, grouped-rule words, group keys.
        var exempt: Set<String> = ["deals", "deal"]
        var roots: [Node] = program.definitions.map(\.body)
        for rule in program.rules {
            if case .forEach(.field(let path, _), _) = rule.scope, let first = path.keys.first { exempt.insert(first) }
            roots.append(contentsOf: NodeWalk.roots(of: rule))
        }
        var paths: [(FieldPath, Span)] = []
        for root in roots {
            NodeWalk.visit(root) { node in
                switch node {
                case .field(let path, let span): paths.append((path, span))
                case .quantified(_, let path, _, let span), .projection(_, let path, _, let span):
                    exempt.formUnion(CollectionNames.itemNames(for: path.keys.last ?? ""))
                    paths.append((path, span))
                case .aggregate(_, _, let path?, _, let span):
                    exempt.formUnion(CollectionNames.itemNames(for: path.keys.last ?? ""))
                    paths.append((path, span))
                default: break
                }
            }
        }
        var reported = Set<String>()
        var diagnostics: [Diagnostic] = []
        let candidates = keys.all.sorted()
        for (path, span) in paths {
            guard let first = path.keys.first, !exempt.contains(first), !provenanceWords.contains(first) else { continue }
            guard !CollectionNames.candidates(for: first).contains(where: keys.all.contains) else { continue }
            guard reported.insert(first).inserted else { continue }
            let name = path.keys.count > 1 ? first : path.display
            var help: [String] = []
            if let suggestion = Suggestions.closest(to: first, among: candidates) {
                help.append("did you mean `\(suggestion)`? (a key of the data)")
            } else {
                help.append("check the spelling against the data's keys; a rule reading it is undetermined for every deal")
            }
            diagnostics.append(.warning(LintCode.fieldNotInData.rawValue, "no deal in the data has the field `\(name)`", at: span, help: help))
        }
        return diagnostics
    }

    // MARK: W105

    static func unreachableRules(_ program: CheckedProgram, deals: [Deal]) -> [Diagnostic] {
        guard !deals.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        // Several rules often test one field: read its values from the deals once.
        var valuesByPath: [[String]: [String]] = [:]
        for rule in program.rules {
            guard case .perDeal = rule.scope else { continue }
            var required: [(CompareNode, [Value])] = []
            var budget = LintContradictions.maximumParts
            collectRequired(rule.condition, depth: 0, program: program, into: &required, budget: &budget)
            for (compare, wanted) in required {
                guard case .field(let path, _) = compare.subject else { continue }
                let seen = valuesByPath[path.keys] ?? values(of: path, in: deals)
                valuesByPath[path.keys] = seen
                guard !seen.isEmpty else { continue } // no deal has it: W104's business
                let folded = Set(wanted.compactMap(foldedText))
                guard folded.count == wanted.count else { continue }
                if seen.contains(where: { folded.contains(NameFolding.foldSymbol($0)) }) { continue }
                let wantedText = wanted.map { ValueRendering.render($0) }.joined(separator: " or ")
                var help: [String] = []
                if wanted.count == 1, let only = wanted.first.map({ ValueRendering.render($0) }),
                   let suggestion = Suggestions.closest(to: only, among: seen) {
                    help.append("did you mean `\(suggestion)`?")
                }
                let shown = seen.prefix(8).joined(separator: ", ") + (seen.count > 8 ? ", …" : "")
                help.append("the data has `\(path.display)`: \(shown)")
                diagnostics.append(.warning(LintCode.unreachableRule.rawValue,
                                            "rule `\(rule.info.name)` can never fire on this data: no deal has `\(path.display)` \(wantedText)",
                                            at: compare.span, help: help))
                break
            }
        }
        return diagnostics
    }

    /// `is V` / `is one of …` comparisons every finding needs: the rule's
    /// top-level `and` chain, through definitions.
    private static func collectRequired(_ node: Node, depth: Int, program: CheckedProgram, into required: inout [(CompareNode, [Value])], budget: inout Int) {
        guard depth <= LintContradictions.maximumInlining else { return }
        let parts = NodeWalk.conjuncts(node)
        budget -= parts.count
        for part in parts {
            if case .compare(let compare) = part, !compare.negated,
               case .oneOf(let values) = LintContradictions.constraint(compare.op, negated: false) {
                required.append((compare, values))
            }
        }
        for part in parts {
            guard budget > 0 else { return }
            if case .definition(let index, _) = part, program.definitions.indices.contains(index) {
                collectRequired(program.definitions[index].body, depth: depth + 1, program: program, into: &required, budget: &budget)
            }
        }
    }

    private static func foldedText(_ value: Value) -> String? {
        switch value {
        case .symbol(let text), .text(let text): return NameFolding.foldSymbol(text)
        default: return nil
        }
    }

    /// Distinct texts and symbols the deals hold at a path, in data order
    /// (lists contribute their items). Empty when no deal has the field.
    static func values(of path: FieldPath, in deals: [Deal]) -> [String] {
        var seen: [String] = []
        var folded = Set<String>()
        var sawAnyValue = false
        for deal in deals {
            var current: [Value] = []
            guard let first = path.keys.first, let entry = Evaluator.entry(first, in: deal.record) else { continue }
            current = [entry.value]
            for key in path.keys.dropFirst() {
                current = current.flatMap { value -> [Value] in
                    switch value {
                    case .record(let record): return Evaluator.entry(key, in: record).map { [$0.value] } ?? []
                    case .list(let items): return items.compactMap { item in
                        if case .record(let record) = item { return Evaluator.entry(key, in: record)?.value }
                        return nil
                    }
                    default: return []
                    }
                }
            }
            for value in current.flatMap(flatten) {
                switch value {
                case .unknown: continue
                case .text(let text), .symbol(let text):
                    sawAnyValue = true
                    if folded.insert(NameFolding.foldSymbol(text)).inserted { seen.append(text) }
                default:
                    // Another kind of value: the comparison can still be decided, not unreachable.
                    return []
                }
            }
        }
        return sawAnyValue ? seen : []
    }

    private static func flatten(_ value: Value) -> [Value] {
        if case .list(let items) = value {
            return items.map { item in
                if case .list = item { return .unknown }
                return item
            }
        }
        return [value]
    }
}

/// The keys the data uses: of deals, and of records at any depth.
struct DataKeys {
    var dealKeys: Set<String> = []
    var all: Set<String> = []
    /// As the data wrote the key, for messages.
    var original: [String: String] = [:]

    init(_ deals: [Deal]) {
        var pending: [Record] = []
        for deal in deals {
            for entry in deal.record.entries {
                dealKeys.insert(entry.key)
                if original[entry.key] == nil { original[entry.key] = entry.originalKey }
            }
            pending.append(deal.record)
        }
        // The loader bounds nesting depth; a work list keeps this loop flat anyway.
        var values: [Value] = []
        while !pending.isEmpty || !values.isEmpty {
            if let record = pending.popLast() {
                for entry in record.entries {
                    all.insert(entry.key)
                    values.append(entry.value)
                }
            } else if let value = values.popLast() {
                switch value {
                case .record(let record): pending.append(record)
                case .list(let items): values.append(contentsOf: items)
                default: break
                }
            }
        }
    }
}
