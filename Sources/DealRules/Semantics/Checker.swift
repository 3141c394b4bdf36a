import DealRulesModel
import DealRulesSyntax

/// Static checking (before any data is read): duplicate rule, definition
/// and field names, definition cycles, the schema, name resolution and type
/// errors. Produces the checked program and every problem found at once.
public enum Checker {
    /// LANGUAGE.md §10.
    public static let maximumRules = 10_000

    public static func check(_ files: [ParsedFile], root: String? = nil) -> (CheckedProgram, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var schema = Schema()
        var definitionDecls: [Definition] = []
        var ruleDecls: [RuleDecl] = []
        var tests: [CheckedTest] = []

        for file in files {
            for statement in file.statements {
                switch statement {
                case .field(let field):
                    if let earlier = schema.add(field) {
                        diagnostics.append(.error("E202", "field `\(field.name.text)` is declared twice", at: field.name.span,
                                                  notes: ["first declared at \(earlier.name.span.location)"]))
                    }
                case .definition(let definition): definitionDecls.append(definition)
                case .rule(let rule): ruleDecls.append(rule)
                case .test(let test): tests.append(CheckedTest(declaration: test, file: file.source.path))
                case .use: break
                }
            }
        }

        // Definitions: one per name.
        var definitionIndex: [String: Int] = [:]
        var uniqueDefinitions: [Definition] = []
        for definition in definitionDecls {
            let key = definition.name.key
            if let existing = definitionIndex[key] {
                diagnostics.append(.error("E203", "`\(definition.name.text)` is defined twice", at: definition.name.span,
                                          notes: ["first defined at \(uniqueDefinitions[existing].name.span.location)"]))
                continue
            }
            definitionIndex[key] = uniqueDefinitions.count
            uniqueDefinitions.append(definition)
            // LANGUAGE.md §4: a definition shadows a data field of the same name.
            if let field = schema.entries.first(where: { $0.key == key })?.field {
                diagnostics.append(.warning("W102", "the definition `\(definition.name.text)` shadows the schema field `\(field.name.text)`: rules that name it read the definition, never the data",
                                            at: definition.name.span,
                                            help: ["rename the definition, or remove it if the data already holds this value"],
                                            notes: ["the field is declared at \(field.name.span.location)"]))
            }
        }

        var lowering = Lowering(definitionIndex: definitionIndex, definitionNames: uniqueDefinitions.map(\.name.text), schema: schema)
        var definitions: [CheckedDefinition] = []
        for (index, definition) in uniqueDefinitions.enumerated() {
            let (body, type) = lowering.lower(definition.body)
            lowering.definitionTypes[index] = type
            definitions.append(CheckedDefinition(name: definition.name.text, key: definition.name.key, body: body, declaration: definition))
        }
        let cycles = DefinitionCycles.find(definitions)
        diagnostics.append(contentsOf: cycles)

        if ruleDecls.count > maximumRules, let extra = ruleDecls.dropFirst(maximumRules).first {
            diagnostics.append(.error("E209", "this program has \(ruleDecls.count) rules; at most \(maximumRules) are allowed", at: extra.span))
        }

        var rules: [CheckedRule] = []
        var ruleNames: [String: RuleDecl] = [:]
        for rule in ruleDecls.prefix(maximumRules) {
            let nameKey = NameFolding.foldSymbol(rule.name)
            if let earlier = ruleNames[nameKey] {
                diagnostics.append(.error("E204", "two rules are named `\(rule.name)`", at: rule.titleSpan ?? rule.flag.span,
                                          help: ["give each rule its own name: a block rule's string, or a quick rule's flag"],
                                          notes: ["the other is at \(earlier.span.location)"]))
                continue
            }
            ruleNames[nameKey] = rule
            rules.append(lower(rule, with: &lowering, definitions: definitions))
        }
        diagnostics.append(contentsOf: lowering.diagnostics)
        if cycles.isEmpty {
            diagnostics.append(contentsOf: NestingDepth.check(definitions, rules: rules))
        }

        let program = CheckedProgram(files: files, rules: rules, definitions: definitions, schema: schema, tests: tests, root: root)
        return (program, diagnostics)
    }

    private static func lower(_ rule: RuleDecl, with lowering: inout Lowering, definitions: [CheckedDefinition]) -> CheckedRule {
        var scope = CheckedScope.perDeal
        var scopeDescription: String? = nil
        lowering.grouped = false
        lowering.groupKeyName = nil
        switch rule.scope {
        case .perDeal:
            break
        case .forEach(let reference):
            let (node, _) = lowering.lower(reference)
            scope = .forEach(node, display: reference.segments.map(\.text).joined(separator: " "))
            scopeDescription = "for each \(reference.segments.map(\.text).joined(separator: " "))"
            lowering.grouped = true
            switch node {
            case .definition(let index, _): lowering.groupKeyName = definitions[index].key
            case .field(let path, _): lowering.groupKeyName = path.keys.count == 1 ? path.keys[0] : nil
            default: break
            }
        case .forAllDeals:
            scope = .forAllDeals
            scopeDescription = "for all deals"
            lowering.grouped = true
        }
        let condition = lowering.lowerCondition(rule.condition)
        let message: [CheckedMessagePart]? = rule.message.map { template in
            template.parts.map { part in
                switch part {
                case .text(let text): return .text(text)
                case .interpolation(let expr): return .value(lowering.lower(expr).0)
                }
            }
        }
        lowering.grouped = false
        lowering.groupKeyName = nil
        let info = RuleInfo(name: rule.name, flag: rule.flag.text, severity: rule.severity ?? .default,
                            location: rule.span.location, tags: rule.tags.map(\.text), scopeDescription: scopeDescription)
        // The condition as written, on one line with single spaces.
        let conditionText = rule.condition.span.text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
        return CheckedRule(info: info, declaration: rule, scope: scope, condition: condition, message: message, conditionText: conditionText)
    }
}

/// Finds cycles among definitions and names them: `a → b → a`.
enum DefinitionCycles {
    static func find(_ definitions: [CheckedDefinition]) -> [Diagnostic] {
        let edges = definitions.map { references(in: $0.body) }
        var state = Array(repeating: 0, count: definitions.count) // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        var diagnostics: [Diagnostic] = []
        var reported = Set<Int>()

        // Iterative depth-first search: definitions may nest deeply.
        for start in definitions.indices where state[start] == 0 {
            var work: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            stack.append(start)
            while let top = work.last {
                let outgoing = edges[top.node]
                if top.next < outgoing.count {
                    work[work.count - 1].next += 1
                    let target = outgoing[top.next]
                    guard definitions.indices.contains(target) else { continue }
                    if state[target] == 1 {
                        if let from = stack.firstIndex(of: target) {
                            let cycle = Array(stack[from...]) + [target]
                            if reported.insert(target).inserted {
                                let names = cycle.map { definitions[$0].name }.joined(separator: " → ")
                                diagnostics.append(.error("E205", "definitions refer to each other in a cycle: \(names)", at: definitions[target].declaration.name.span,
                                                          help: ["a definition may use other definitions, but not itself, directly or through others"]))
                            }
                        }
                    } else if state[target] == 0 {
                        state[target] = 1
                        stack.append(target)
                        work.append((target, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                    work.removeLast()
                }
            }
        }
        return diagnostics
    }

    static func references(in node: Node) -> [Int] {
        var found: [Int] = []
        collect(node, into: &found)
        return found
    }

    static func collect(_ node: Node, into found: inout [Int]) {
        switch node {
        case .definition(let index, _): found.append(index)
        case .constant, .symbol, .field: break
        case .not(let inner, _): collect(inner, into: &found)
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .arithmetic(_, let lhs, let rhs, _):
            collect(lhs, into: &found)
            collect(rhs, into: &found)
        case .compare(let compare):
            collect(compare.subject, into: &found)
            switch compare.op {
            case .equals(let a), .greaterThan(let a), .atLeast(let a), .lessThan(let a), .atMost(let a), .contains(let a),
                 .before(let a), .after(let a), .beyond(let a), .within(let a):
                collect(a, into: &found)
            case .between(let a, let b):
                collect(a, into: &found)
                collect(b, into: &found)
            case .oneOf(let list):
                for item in list { collect(item, into: &found) }
            case .status, .known, .unknown: break
            }
        case .quantified(_, _, let condition, _):
            if let condition { collect(condition, into: &found) }
        case .aggregate(_, let field, _, let condition, _):
            if let field { collect(field, into: &found) }
            if let condition { collect(condition, into: &found) }
        case .projection(let field, _, let condition, _):
            collect(field, into: &found)
            if let condition { collect(condition, into: &found) }
        }
    }
}
