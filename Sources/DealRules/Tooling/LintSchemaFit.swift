import Foundation
import DealRulesModel
import DealRulesSyntax

/// W106 and W107: data values that do not fit the program's schema — a
/// symbol outside a `one of`, or a value of another type — each with the
/// file and line of the value in the data.
struct LintSchemaFit {
    let schema: Schema
    /// Data file lines, read once, for the excerpt under each warning.
    private var lines: [String: [String]] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    /// Records nested deeper than this are not looked into (the loader
    /// bounds depth already; this keeps the check's recursion bounded too).
    static let maximumDepth = 64

    init(schema: Schema) {
        self.schema = schema
    }

    static func check(_ deals: [Deal], schema: Schema) -> [Diagnostic] {
        guard !schema.isEmpty else { return [] }
        var fit = LintSchemaFit(schema: schema)
        for deal in deals {
            for entry in deal.record.entries {
                guard let declared = schema.entry(entry.key) else { continue }
                fit.check(entry, against: declared.field.type, name: declared.field.name.text, subject: deal.subject, depth: 0)
            }
        }
        return fit.diagnostics
    }

    private mutating func check(_ entry: RecordEntry, against type: SchemaType, name: String, subject: String, depth: Int) {
        check(entry.value, against: type, name: name, subject: subject, location: entry.location, depth: depth)
    }

    private mutating func check(_ value: Value, against type: SchemaType, name: String, subject: String, location: SourceLocation?, depth: Int) {
        guard depth <= LintSchemaFit.maximumDepth else { return }
        if value.isUnknown { return }
        switch type {
        case .oneOf(let names):
            let text: String
            switch value {
            case .symbol(let word), .text(let word): text = word
            default:
                report(.dataTypeMismatch, "`\(name)` of \(subject) is \(describe(value)), but the schema declares one of \(list(names))", location)
                return
            }
            let folded = NameFolding.foldSymbol(text)
            guard !names.contains(where: { NameFolding.foldSymbol($0.text) == folded }) else { return }
            var help = ["the schema allows: \(list(names))"]
            if let suggestion = Suggestions.closest(to: text, among: names.map(\.text)) { help.insert("did you mean `\(suggestion)`?", at: 0) }
            report(.symbolOutsideSchema, "`\(name)` of \(subject) is `\(text)`, which is not one of the symbols the schema allows", location, help: help)
        case .listOf(let element):
            if case .list(let items) = value {
                for item in items {
                    check(item, against: element, name: name, subject: subject, location: location, depth: depth + 1)
                }
            } else {
                // A single value where a list is declared reads as a one-item list.
                check(value, against: element, name: name, subject: subject, location: location, depth: depth + 1)
            }
        case .record(let fields):
            guard case .record(let record) = value else {
                report(.dataTypeMismatch, "`\(name)` of \(subject) is \(describe(value)), but the schema declares a record", location)
                return
            }
            for entry in record.entries {
                guard let field = fields.first(where: { $0.name.key == entry.key }) else { continue }
                check(entry, against: field.type, name: "\(name).\(field.name.text)", subject: subject, depth: depth + 1)
            }
        default:
            if let expected = LintSchemaFit.mismatch(value, type) {
                report(.dataTypeMismatch, "`\(name)` of \(subject) is \(describe(value)), but the schema declares \(expected)", location)
            }
        }
    }

    /// The declared type's name when a scalar value does not fit it.
    static func mismatch(_ value: Value, _ type: SchemaType) -> String? {
        switch type {
        case .boolean:
            if case .boolean = value { return nil }
            return "boolean"
        case .number:
            if case .number = value { return nil }
            return "number"
        case .money:
            if case .quantity(let quantity) = value, quantity.isMoney { return nil }
            return "money"
        case .power:
            if case .quantity(let quantity) = value, quantity.unit == UnitSignature(.power) { return nil }
            return "power"
        case .energy:
            if case .quantity(let quantity) = value, quantity.unit == UnitSignature(.energy) { return nil }
            return "energy"
        case .duration:
            if case .quantity(let quantity) = value, let dimension = quantity.unit.simpleDimension, dimension == .months || dimension == .days { return nil }
            return "duration"
        case .date:
            if case .date = value { return nil }
            // A whole number 1000–9999 in a date field is a year (LANGUAGE.md §5).
            if case .number(let number, false) = value, let year = number.intValue, (1000...9999).contains(year) { return nil }
            return "date"
        case .text:
            switch value {
            case .list, .record: return "text"
            default: return nil // any scalar reads as text
            }
        case .oneOf, .listOf, .record:
            return nil
        }
    }

    private func describe(_ value: Value) -> String {
        switch value {
        case .list: return "a list"
        case .record: return "a record"
        default:
            let name = value.typeName
            let article = "aeiou".contains(name.first ?? "x") ? "an" : "a"
            return "\(article) \(name) (\(ValueRendering.render(value)))"
        }
    }

    private func list(_ names: [Name]) -> String {
        names.map(\.text).joined(separator: ", ")
    }

    private mutating func report(_ code: LintCode, _ message: String, _ location: SourceLocation?, help: [String] = []) {
        var diagnostic = Diagnostic(.warning, code: code.rawValue, message: message, location: location, help: help)
        if let location { diagnostic.sourceLine = line(location) }
        diagnostics.append(diagnostic)
    }

    private mutating func line(_ location: SourceLocation) -> String? {
        if lines[location.path] == nil {
            guard let data = FileManager.default.contents(atPath: location.path) else { return nil }
            lines[location.path] = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        }
        guard let fileLines = lines[location.path], location.line >= 1, location.line <= fileLines.count else { return nil }
        return fileLines[location.line - 1]
    }
}
