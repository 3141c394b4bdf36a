import DealRulesModel

/// W103: comparisons joined by `and` that can never all be true — two
/// different symbols for one field, disjoint numeric, quantity or date
/// ranges, or `is unknown` beside anything that needs the field known.
/// Only what is certain from the rule text is reported.
enum LintContradictions {
    struct Atom {
        var field: [String]
        var fieldDisplay: String
        var span: Span
        /// The definition the comparison came through, nil when written in the chain.
        var via: Int?
        var constraint: Constraint
    }

    /// Definitions are inlined at most this deep (they cannot form cycles,
    /// but chains of them can be long).
    static let maximumInlining = 32
    /// Parts of a chain looked at, definitions' parts included.
    static let maximumParts = 5_000
    /// Comparisons of one field looked at per chain.
    static let maximumAtomsPerField = 64

    static func check(_ program: CheckedProgram) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported = Set<String>()
        func scan(_ root: Node) {
            // Only maximal chains: an `and` directly inside another is part of it.
            var stack: [(node: Node, insideAnd: Bool)] = [(root, false)]
            while let (node, insideAnd) = stack.popLast() {
                let isAnd: Bool
                if case .and = node { isAnd = true } else { isAnd = false }
                if isAnd && !insideAnd {
                    diagnostics.append(contentsOf: contradictions(in: node, program: program, reported: &reported))
                }
                for child in NodeWalk.children(of: node).reversed() { stack.append((child, isAnd)) }
            }
        }
        for definition in program.definitions { scan(definition.body) }
        for rule in program.rules { scan(rule.condition) }
        return diagnostics
    }

    static func contradictions(in chain: Node, program: CheckedProgram, reported: inout Set<String>) -> [Diagnostic] {
        var atoms: [Atom] = []
        var budget = maximumParts
        collect(chain, via: nil, depth: 0, program: program, into: &atoms, budget: &budget)
        var diagnostics: [Diagnostic] = []
        // One warning per field and chain: the first pair that conflicts.
        var fieldsReported = Set<[String]>()
        // Pairs are compared per field, and only among the first comparisons
        // of each, so a machine-written chain cannot make lint quadratic.
        var seenOfField: [[String]: [Atom]] = [:]
        for later in atoms {
            let earlierAtoms = seenOfField[later.field, default: []]
            guard earlierAtoms.count < maximumAtomsPerField else { continue }
            seenOfField[later.field, default: []].append(later)
            for earlier in earlierAtoms where !fieldsReported.contains(later.field) {
                // Both inside one definition: reported at the definition itself.
                if let via = earlier.via, via == later.via { continue }
                guard let why = conflict(earlier.constraint, later.constraint) else { continue }
                let key = "\(earlier.span.source.path):\(earlier.span.start):\(later.span.start)"
                guard reported.insert(key).inserted else { continue }
                fieldsReported.insert(later.field)
                let at = later.via == nil ? later.span : (earlier.via == nil ? earlier.span : chain.span)
                var notes = ["`\(oneLine(earlier.span.text))` at \(earlier.span.location) and `\(oneLine(later.span.text))` at \(later.span.location) \(why)"]
                for atom in [earlier, later] {
                    if let via = atom.via, program.definitions.indices.contains(via) {
                        notes.append("`\(oneLine(atom.span.text))` comes from the definition `\(program.definitions[via].name)`")
                    }
                }
                diagnostics.append(.warning(LintCode.neverTrue.rawValue,
                                            "this condition can never be true: `\(later.fieldDisplay)` cannot satisfy both comparisons",
                                            at: at, help: ["remove or correct one of the two comparisons; did you mean `or`?"], notes: notes))
            }
        }
        return diagnostics
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// The comparisons of an `and` chain, through definitions (inlined at
    /// most `maximumInlining` deep; the chain itself is walked without recursion).
    private static func collect(_ node: Node, via: Int?, depth: Int, program: CheckedProgram, into atoms: inout [Atom], budget: inout Int) {
        guard depth <= maximumInlining else { return }
        let parts = NodeWalk.conjuncts(node)
        // Definitions used twice in each other can multiply: a budget of parts
        // looked at keeps this linear, and the chain's own comparisons come first.
        budget -= parts.count
        for part in parts {
            switch part {
            case .compare(let compare):
                if let atom = atom(compare, negated: compare.negated, via: via) { atoms.append(atom) }
            case .not(.compare(let compare), _):
                if let atom = atom(compare, negated: !compare.negated, via: via) { atoms.append(atom) }
            default:
                break
            }
        }
        for part in parts {
            guard budget > 0 else { return }
            if case .definition(let index, _) = part, program.definitions.indices.contains(index) {
                collect(program.definitions[index].body, via: via ?? index, depth: depth + 1, program: program, into: &atoms, budget: &budget)
            }
        }
    }

    private static func atom(_ compare: CompareNode, negated: Bool, via: Int?) -> Atom? {
        guard case .field(let path, _) = compare.subject else { return nil }
        let constraint = self.constraint(compare.op, negated: negated)
        return Atom(field: path.keys, fieldDisplay: path.display, span: compare.span, via: via, constraint: constraint)
    }
}
