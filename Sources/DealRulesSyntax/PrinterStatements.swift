import DealRulesModel

/// One output line of a statement. `anchor` is the source offset the line
/// stands for, so comments can be put back next to what they were beside.
struct PrintedLine {
    var indent: Int
    var text: String
    var anchor: Int
}

/// Canonical layout of each statement.
enum StatementPrinter {
    /// A `given deal` line longer than this puts one entry per line.
    static let lineWidth = 80

    static func lines(_ statement: Statement) -> [PrintedLine] {
        switch statement {
        case .rule(let rule): return lines(rule)
        case .definition(let definition):
            return [PrintedLine(indent: 0, text: "define " + ExpressionPrinter.render(definition.name) + " as "
                                + ExpressionPrinter.render(definition.body) + ".", anchor: definition.span.start)]
        case .use(let use):
            return [PrintedLine(indent: 0, text: "use " + use.pathSpan.text, anchor: use.span.start)]
        case .field(let field):
            return [PrintedLine(indent: 0, text: "field " + ExpressionPrinter.render(field.name) + ": " + render(field.type),
                                anchor: field.span.start)]
        case .test(let test): return lines(test)
        }
    }

    static func lines(_ rule: RuleDecl) -> [PrintedLine] {
        let severity = rule.severity.map { " severity " + $0.rawValue } ?? ""
        let flag = ExpressionPrinter.render(rule.flag)
        let condition = ExpressionPrinter.render(rule.condition)
        switch rule.form {
        case .ifFlag:
            return [PrintedLine(indent: 0, text: "if \(condition), flag \(flag)\(severity).", anchor: rule.span.start)]
        case .whenThen:
            return [PrintedLine(indent: 0, text: "when \(condition) then flag \(flag)\(severity).", anchor: rule.span.start)]
        case .block:
            var header = "rule " + (rule.titleSpan?.text ?? ExpressionPrinter.quoted(rule.title ?? ""))
            switch rule.scope {
            case .perDeal: break
            case .forEach(let key): header += " for each " + ExpressionPrinter.render(key)
            case .forAllDeals: header += " for all deals"
            }
            var result = [PrintedLine(indent: 0, text: header, anchor: rule.span.start)]
            result += whenLines(rule.condition)
            result.append(PrintedLine(indent: 2, text: "flag " + flag, anchor: rule.flag.span.start))
            if let level = rule.severity {
                result.append(PrintedLine(indent: 2, text: "severity " + level.rawValue, anchor: rule.severitySpan?.start ?? rule.flag.span.end))
            }
            if let message = rule.message {
                result.append(PrintedLine(indent: 2, text: "message " + message.span.text, anchor: message.span.start))
            }
            if let first = rule.tags.first {
                result.append(PrintedLine(indent: 2, text: "tags " + rule.tags.map(ExpressionPrinter.render).joined(separator: ", "),
                                          anchor: first.span.start))
            }
            return result
        }
    }

    /// `when A`; a top-level chain of `and` (or of `or`) puts one operand
    /// per line, as the specification's own example does.
    static func whenLines(_ condition: Expr) -> [PrintedLine] {
        let single = "when " + ExpressionPrinter.render(condition)
        var operands: [Expr] = []
        var keyword = ""
        var node = condition
        while true {
            if case .and(let lhs, let rhs) = node, keyword != "or" {
                keyword = "and"; operands.insert(rhs, at: 0); node = lhs
            } else if case .or(let lhs, let rhs) = node, keyword != "and" {
                keyword = "or"; operands.insert(rhs, at: 0); node = lhs
            } else {
                operands.insert(node, at: 0)
                break
            }
        }
        guard operands.count > 1 else { return [PrintedLine(indent: 2, text: single, anchor: condition.span.start)] }
        var result = [PrintedLine(indent: 2, text: "when " + ExpressionPrinter.render(operands[0]), anchor: operands[0].span.start)]
        for operand in operands.dropFirst() {
            result.append(PrintedLine(indent: 3, text: keyword + " " + ExpressionPrinter.render(operand), anchor: operand.span.start))
        }
        return result
    }

    static func lines(_ test: TestDecl) -> [PrintedLine] {
        var result = [PrintedLine(indent: 0, text: "test " + test.titleSpan.text, anchor: test.span.start)]
        for clause in test.clauses {
            switch clause {
            case .asOf(let date, let span):
                result.append(PrintedLine(indent: 2, text: "as of \(date)", anchor: span.start))
            case .givenDeal(let record, let span):
                let single = "given deal " + render(record)
                if single.count + 2 <= lineWidth || record.entries.count < 2 {
                    result.append(PrintedLine(indent: 2, text: single, anchor: span.start))
                } else {
                    // A long record gets one entry per line.
                    result.append(PrintedLine(indent: 2, text: "given deal {", anchor: span.start))
                    for (index, entry) in record.entries.enumerated() {
                        let comma = index + 1 < record.entries.count ? "," : ""
                        result.append(PrintedLine(indent: 4, text: render(entry) + comma, anchor: entry.span.start))
                    }
                    result.append(PrintedLine(indent: 2, text: "}", anchor: max(record.span.end - 1, record.span.start)))
                }
            case .givenDeals(let records, let span):
                if records.count <= 1 {
                    result.append(PrintedLine(indent: 2, text: "given deals [" + records.map(render).joined() + "]", anchor: span.start))
                } else {
                    result.append(PrintedLine(indent: 2, text: "given deals [", anchor: span.start))
                    for (index, record) in records.enumerated() {
                        let comma = index + 1 < records.count ? "," : ""
                        result.append(PrintedLine(indent: 4, text: render(record) + comma, anchor: record.span.start))
                    }
                    result.append(PrintedLine(indent: 2, text: "]", anchor: max(span.end - 1, span.start)))
                }
            case .givenDealsFrom(_, let pathSpan, let span):
                result.append(PrintedLine(indent: 2, text: "given deals from " + pathSpan.text, anchor: span.start))
            case .expect(let expectation):
                result.append(PrintedLine(indent: 2, text: render(expectation), anchor: expectation.span.start))
            }
        }
        return result
    }

    static func render(_ expectation: Expectation) -> String {
        switch expectation.kind {
        case .fires(let flag, let subject, let severity):
            return "expect " + ExpressionPrinter.render(flag) + (subject.map { " for " + ExpressionPrinter.quoted($0) } ?? "")
                + (severity.map { " severity " + $0.rawValue } ?? "")
        case .doesNotFire(let flag): return "expect no " + ExpressionPrinter.render(flag)
        case .undetermined(let flag): return "expect undetermined " + ExpressionPrinter.render(flag)
        case .findingCount(let count): return "expect \(count) " + (count == 1 ? "finding" : "findings")
        }
    }

    static func render(_ record: RecordLiteral) -> String {
        guard !record.entries.isEmpty else { return "{}" }
        return "{ " + record.entries.map(render).joined(separator: ", ") + " }"
    }

    static func render(_ entry: RecordLiteral.Entry) -> String {
        var text = ExpressionPrinter.render(entry.key) + ": " + render(entry.value)
        if entry.status != nil || entry.source != nil {
            let parts = [entry.status?.rawValue, entry.source.map(ExpressionPrinter.quoted)].compactMap { $0 }
            text += " (" + parts.joined(separator: ", ") + ")"
        }
        return text
    }

    static func render(_ literal: LiteralExpr) -> String {
        switch literal {
        case .value(_, let span): return ExpressionPrinter.literalText(span)
        case .symbol(let name): return ExpressionPrinter.render(name)
        case .list(let items, _): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .record(let record): return render(record)
        }
    }

    static func render(_ type: SchemaType) -> String {
        switch type {
        case .boolean: return "boolean"
        case .number: return "number"
        case .money: return "money"
        case .power: return "power"
        case .energy: return "energy"
        case .duration: return "duration"
        case .date: return "date"
        case .text: return "text"
        case .oneOf(let names): return "one of " + names.map(ExpressionPrinter.render).joined(separator: ", ")
        case .listOf(let element): return "list of " + render(element)
        case .record(let fields):
            guard !fields.isEmpty else { return "{}" }
            return "{ " + fields.map { ExpressionPrinter.render($0.name) + ": " + render($0.type) }.joined(separator: ", ") + " }"
        }
    }
}
