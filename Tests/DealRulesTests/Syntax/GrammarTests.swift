import DealRulesModel
@testable import DealRulesSyntax
import Foundation
import Testing

/// `Grammar/dealrules.ebnf` is kept honest: every production has an
/// example, and every example parses.
@Suite struct GrammarTests {
    struct Production {
        var name: String
        var examples: [String]
    }

    static func productions() throws -> [Production] {
        let url = SyntaxFixtures.repositoryRoot.appendingPathComponent("Grammar/dealrules.ebnf")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: url.path)), as: UTF8.self)
        var productions: [Production] = []
        var pending: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("(*") {
                let close = text[index...].range(of: "*)")?.lowerBound ?? text.endIndex
                let body = text[text.index(index, offsetBy: 2)..<close].trimmingCharacters(in: .whitespacesAndNewlines)
                if body.hasPrefix("e.g.") {
                    let example = body.dropFirst(4).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
                    pending.append(example)
                }
                index = close == text.endIndex ? close : text.index(close, offsetBy: 2)
                continue
            }
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[index..<lineEnd]
            if let equals = line.firstIndex(of: "="), !line.hasPrefix(" "), !line.hasPrefix("\t") {
                let name = line[..<equals].trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == " " || $0 == "_" }) {
                    productions.append(Production(name: name, examples: pending))
                    pending = []
                }
            }
            index = lineEnd == text.endIndex ? lineEnd : text.index(after: lineEnd)
        }
        return productions
    }

    @Test func everyProductionHasAnExampleThatParses() throws {
        let productions = try Self.productions()
        #expect(productions.count >= 50)
        for production in productions {
            #expect(!production.examples.isEmpty, "production `\(production.name)` has no example")
            for example in production.examples {
                let program = Parser.parse(SourceFile(path: "example.rules", text: example))
                if program.diagnostics.isEmpty, !program.statements.isEmpty || example.hasPrefix("#") { continue }
                let (expression, diagnostics) = Parser.parseExpression(SourceFile(path: "example", text: example))
                #expect(expression != nil && diagnostics.isEmpty,
                        "example of `\(production.name)` does not parse: \(example)\n\(program.diagnostics.map(\.description))\n\(diagnostics.map(\.description))")
            }
        }
    }

    @Test func everyProductionIsUsedOrIsTheStart() throws {
        let productions = try Self.productions()
        let url = SyntaxFixtures.repositoryRoot.appendingPathComponent("Grammar/dealrules.ebnf")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: url.path)), as: UTF8.self)
        for production in productions where production.name != "program" && production.name != "comment" {
            let uses = text.components(separatedBy: production.name).count - 1
            #expect(uses >= 2, "production `\(production.name)` is never used")
        }
    }

    @Test func sharedRuleFilesParse() throws {
        for url in SyntaxFixtures.corpusFiles() {
            let source = try #require(SyntaxFixtures.read(url))
            #expect(Parser.parse(source).diagnostics.isEmpty, "\(url.path)")
        }
    }
}
