import DealRulesModel

/// A structural dump of statements without positions or layout: two texts
/// with the same dump mean the same thing. `fmt` is checked with it.
public enum SyntaxDump {
    public static func dump(_ statements: [Statement]) -> String {
        statements.map(dump).joined(separator: "\n")
    }

    public static func dump(_ statement: Statement) -> String {
        switch statement {
        case .rule(let rule):
            var parts = ["rule", form(rule.form)]
            if let title = rule.title { parts.append("title=" + quoted(title)) }
            switch rule.scope {
            case .perDeal: break
            case .forEach(let key): parts.append("for-each=" + dump(key))
            case .forAllDeals: parts.append("for-all-deals")
            }
            parts.append("when=" + dump(rule.condition))
            parts.append("flag=" + dump(rule.flag))
            if let severity = rule.severity { parts.append("severity=" + severity.rawValue) }
            if let message = rule.message { parts.append("message=" + dump(message)) }
            if !rule.tags.isEmpty { parts.append("tags=[" + rule.tags.map(dump).joined(separator: " ") + "]") }
            return "(" + parts.joined(separator: " ") + ")"
        case .definition(let definition):
            return "(define \(dump(definition.name)) \(dump(definition.body)))"
        case .use(let use):
            return "(use \(quoted(use.path)))"
        case .field(let field):
            return "(field \(dump(field.name)) \(dump(field.type)))"
        case .test(let test):
            return "(test \(quoted(test.title)) " + test.clauses.map(dump).joined(separator: " ") + ")"
        }
    }

    public static func dump(_ expression: Expr) -> String {
        switch expression {
        case .literal(let value, _): return dump(value)
        case .symbol(let name): return "(sym \(dump(name)))"
        case .reference(let reference): return dump(reference)
        case .not(let operand, _): return "(not \(dump(operand)))"
        case .and(let lhs, let rhs): return "(and \(dump(lhs)) \(dump(rhs)))"
        case .or(let lhs, let rhs): return "(or \(dump(lhs)) \(dump(rhs)))"
        case .arithmetic(let op, let lhs, let rhs): return "(\(op.rawValue) \(dump(lhs)) \(dump(rhs)))"
        case .group(let inner, _): return "(group \(dump(inner)))"
        case .comparison(let comparison):
            return "(\(comparison.negated ? "not-" : "")\(dump(comparison.op)) \(dump(comparison.subject)))"
        case .quantified(let quantified):
            return "(\(quantified.quantifier.rawValue) \(dump(quantified.collection))\(whereClause(quantified.condition)))"
        case .aggregate(let aggregate):
            let field = aggregate.field.map { " field=" + dump($0) } ?? ""
            let collection = aggregate.collection.map { " of=" + dump($0) } ?? ""
            return "(\(aggregate.kind.rawValue)\(field)\(collection)\(whereClause(aggregate.condition)))"
        case .projection(let projection):
            return "(project \(dump(projection.field)) of=\(dump(projection.collection))\(whereClause(projection.condition)))"
        }
    }

    static func dump(_ op: ComparisonOperator) -> String {
        switch op {
        case .equals(let value): return "is " + dump(value)
        case .oneOf(let items): return "one-of [" + items.map(dump).joined(separator: " ") + "]"
        case .greaterThan(let value): return "> " + dump(value)
        case .atLeast(let value): return ">= " + dump(value)
        case .lessThan(let value): return "< " + dump(value)
        case .atMost(let value): return "<= " + dump(value)
        case .between(let low, let high): return "between " + dump(low) + " " + dump(high)
        case .contains(let value): return "contains " + dump(value)
        case .status(let status): return "status " + status.rawValue
        case .before(let value): return "before " + dump(value)
        case .after(let value): return "after " + dump(value)
        case .beyond(let value): return "beyond " + dump(value)
        case .within(let value): return "within " + dump(value)
        case .known: return "known"
        case .unknown(let missing): return missing ? "missing" : "unknown"
        }
    }

    private static func whereClause(_ condition: Expr?) -> String {
        condition.map { " where=" + dump($0) } ?? ""
    }

    static func dump(_ value: Value) -> String {
        "(\(value.typeName) \(quoted(ValueRendering.render(value))))"
    }

    static func dump(_ name: Name) -> String {
        (name.isQuoted ? "`" : "") + name.words.joined(separator: "_") + (name.isQuoted ? "`" : "")
    }

    static func dump(_ reference: Reference) -> String {
        reference.segments.map(dump).joined(separator: ".")
    }

    static func dump(_ message: MessageTemplate) -> String {
        "[" + message.parts.map { part in
            switch part {
            case .text(let text): return quoted(text)
            case .interpolation(let expression): return "{" + dump(expression) + "}"
            }
        }.joined(separator: " ") + "]"
    }

    static func dump(_ type: SchemaType) -> String {
        switch type {
        case .boolean: return "boolean"
        case .number: return "number"
        case .money: return "money"
        case .power: return "power"
        case .energy: return "energy"
        case .duration: return "duration"
        case .date: return "date"
        case .text: return "text"
        case .oneOf(let names): return "(one-of " + names.map(dump).joined(separator: " ") + ")"
        case .listOf(let element): return "(list-of \(dump(element)))"
        case .record(let fields):
            return "{" + fields.map { dump($0.name) + ": " + dump($0.type) }.joined(separator: ", ") + "}"
        }
    }

    static func dump(_ clause: TestClause) -> String {
        switch clause {
        case .asOf(let date, _): return "(as-of \(date))"
        case .givenDeal(let record, _): return "(given-deal \(dump(record)))"
        case .givenDeals(let records, _): return "(given-deals " + records.map(dump).joined(separator: " ") + ")"
        case .givenDealsFrom(let path, _, _): return "(given-deals-from \(quoted(path)))"
        case .expect(let expectation):
            switch expectation.kind {
            case .fires(let flag, let subject, let severity):
                return "(expect \(dump(flag))" + (subject.map { " for=" + quoted($0) } ?? "")
                    + (severity.map { " severity=" + $0.rawValue } ?? "") + ")"
            case .doesNotFire(let flag): return "(expect-no \(dump(flag)))"
            case .undetermined(let flag): return "(expect-undetermined \(dump(flag)))"
            case .findingCount(let count): return "(expect-count \(count))"
            }
        }
    }

    static func dump(_ record: RecordLiteral) -> String {
        "{" + record.entries.map { entry in
            var text = dump(entry.key) + ": " + dump(entry.value)
            if let status = entry.status { text += " status=" + status.rawValue }
            if let source = entry.source { text += " source=" + quoted(source) }
            return text
        }.joined(separator: ", ") + "}"
    }

    static func dump(_ literal: LiteralExpr) -> String {
        switch literal {
        case .value(let value, _): return dump(value)
        case .symbol(let name): return "(sym \(dump(name)))"
        case .list(let items, _): return "[" + items.map(dump).joined(separator: " ") + "]"
        case .record(let record): return dump(record)
        }
    }

    private static func form(_ form: RuleDecl.Form) -> String {
        switch form {
        case .ifFlag: return "if"
        case .whenThen: return "when"
        case .block: return "block"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
