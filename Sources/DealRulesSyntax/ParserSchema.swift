import DealRulesModel

/// `field NAME: TYPE` (LANGUAGE.md §7.4).
extension SyntaxParser {
    static let typeWords = ["boolean", "number", "money", "power", "energy", "duration", "date", "text"]

    mutating func parseFieldDeclaration() throws -> SchemaField {
        let start = advance().start
        let name = try parseName("a field name", after: "`field`")
        guard case .colon = current.kind else {
            throw fail(SyntaxCode.unexpectedToken, "expected `:` and a type after `field \(name.text)`",
                       help: ["for example `field capacity: power`"])
        }
        advance()
        let type = try parseSchemaType()
        return SchemaField(name: name, type: type, span: span(from: start))
    }

    /// In `{ role: one of a, b, name: text }` the list ends before `name:`.
    func nameIsFollowedByColon(at start: Int) -> Bool {
        var index = start
        if index < tokens.count, case .quotedName = tokens[index].kind { index += 1 } else {
            while index < tokens.count, tokens[index].isNameWord, index == start || !tokens[index].atLineStart { index += 1 }
        }
        guard index < tokens.count, case .colon = tokens[index].kind else { return false }
        return true
    }

    mutating func parseSchemaType() throws -> SchemaType {
        try nested { parser in try parser.parseSchemaTypeBody() }
    }

    private mutating func parseSchemaTypeBody() throws -> SchemaType {
        if case .leftBrace = current.kind {
            let open = advance()
            var fields: [SchemaField] = []
            while true {
                if case .rightBrace = current.kind { break }
                let fieldStart = current.start
                let name = try parseName("a field name", after: fields.isEmpty ? "`{`" : "`,`")
                guard case .colon = current.kind else {
                    throw fail(SyntaxCode.unexpectedToken, "expected `:` after `\(name.text)`")
                }
                advance()
                let type = try parseSchemaType()
                fields.append(SchemaField(name: name, type: type, span: span(from: fieldStart)))
                guard case .comma = current.kind else { break }
                advance()
            }
            guard case .rightBrace = current.kind else {
                let location = span(open).location
                throw fail(SyntaxCode.unclosedDelimiter, "expected `}` to close the `{` at line \(location.line), column \(location.column)")
            }
            advance()
            return .record(fields)
        }
        guard let word = current.lowercasedWord else {
            throw fail(SyntaxCode.unknownType, "expected a type",
                       help: ["types are boolean, number, money, power, energy, duration, date, text, `one of …`, `list of T` and `{ name: T, … }`"])
        }
        if word == "one", peek().isWord("of") {
            advance(); advance()
            var names = [try parseName("a symbol", after: "`one of`")]
            while case .comma = current.kind, peek().startsName, !nameIsFollowedByColon(at: position + 1) {
                advance()
                names.append(try parseName("a symbol", after: "`,`"))
            }
            return .oneOf(names)
        }
        if word == "list", peek().isWord("of") {
            advance(); advance()
            return .listOf(try parseSchemaType())
        }
        let token = advance()
        switch word {
        case "boolean": return .boolean
        case "number": return .number
        case "money": return .money
        case "power": return .power
        case "energy": return .energy
        case "duration": return .duration
        case "date": return .date
        case "text": return .text
        default:
            var help = ["types are boolean, number, money, power, energy, duration, date, text, `one of …`, `list of T` and `{ name: T, … }`"]
            if let suggestion = Suggestions.closest(to: word, among: SyntaxParser.typeWords + ["list of", "one of"], maximumDistance: 2) {
                help.insert("did you mean `\(suggestion)`?", at: 0)
            }
            report(SyntaxCode.unknownType, "unknown type `\(source.slice(token.start, token.end))`", at: span(token), help: help)
            throw ParseFailure()
        }
    }
}
