import Foundation
import DealRulesModel
import DealRulesSyntax

// Meta-commands: parsing the `:name argument` line and the simple commands.
// `:run`, `:rules` and `:explain` are in ReplRuleCommands.swift.
extension ReplEngine {
    /// A typed meta-command line, with spans for carets.
    struct MetaLine {
        var source: SourceFile
        var name: String
        var nameSpan: Span
        var argument: String
        var argumentSpan: Span

        init(_ line: String, number: Int) {
            let source = SourceFile(path: "<repl:\(number)>", text: line)
            let bytes = source.bytes
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
            var index = 0
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            let colon = index
            index += 1
            while index < bytes.count, !isSpace(bytes[index]) { index += 1 }
            let nameEnd = index
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var argumentEnd = bytes.count
            while argumentEnd > index, isSpace(bytes[argumentEnd - 1]) { argumentEnd -= 1 }
            self.source = source
            self.name = source.slice(min(colon + 1, nameEnd), nameEnd)
            self.nameSpan = Span(source: source, start: colon, end: nameEnd)
            self.argument = source.slice(index, argumentEnd)
            self.argumentSpan = Span(source: source, start: index, end: argumentEnd)
        }

        /// Where a missing argument would go: just after the command.
        var endSpan: Span { Span(source: source, start: nameSpan.end, end: nameSpan.end + 1) }

        /// The argument split at white space, for commands taking several.
        var words: [String] { argument.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
    }

    func runMeta(_ line: String, number: Int) -> ReplReply {
        let meta = MetaLine(line, number: number)
        guard let command = ReplMetaCommand.named(meta.name) else {
            let names = ReplMetaCommand.allCases.map(\.rawValue)
            let help = ReplSuggestions.closest(to: meta.name, among: names).map { ["did you mean `:\($0)`?"] }
                ?? ["type :help for the list of commands"]
            return failure(.error(ReplCode.unknownCommand, "unknown command `:\(meta.name)`", at: meta.nameSpan, help: help))
        }
        switch command {
        case .help: return help(meta)
        case .load:
            guard !meta.argument.isEmpty else { return missingArgument(meta, command) }
            return loadRules(meta.words, announce: true)
        case .data:
            guard !meta.argument.isEmpty else { return missingArgument(meta, command) }
            return loadData(meta.words, announce: true)
        case .deals: return listDeals()
        case .deal: return selectDeal(meta)
        case .rules: return listRules()
        case .run: return runRules()
        case .explain:
            guard !meta.argument.isEmpty else { return missingArgument(meta, command) }
            return explain(meta)
        case .asOf: return setAsOf(meta)
        case .type:
            guard !meta.argument.isEmpty else { return missingArgument(meta, command) }
            let source = SourceFile(path: meta.source.path, text: meta.argument)
            let (expression, diagnostics) = Parser.parseExpression(source)
            guard let expression else { return .failure(render(diagnostics)) }
            return typeOf(expression)
        case .save:
            guard !meta.argument.isEmpty else { return missingArgument(meta, command) }
            return save(to: meta.argument, span: meta.argumentSpan)
        case .reset: return reset()
        case .quit: return ReplReply(quit: true)
        }
    }

    func failure(_ diagnostic: Diagnostic) -> ReplReply {
        .failure(render([diagnostic]))
    }

    private func missingArgument(_ meta: MetaLine, _ command: ReplMetaCommand) -> ReplReply {
        failure(.error(ReplCode.badArgument, "`\(command.spelling)` needs \(command.argument)", at: meta.endSpan,
                       help: ["usage: \(command.usage)"]))
    }

    // MARK: Help

    private func help(_ meta: MetaLine) -> ReplReply {
        if meta.argument.isEmpty {
            var lines = [
                "Type a statement (rule, define, field, use, test) to keep it in the session,",
                "or an expression or condition to evaluate it. Incomplete input continues on",
                "the next line; a `rule \"…\"` or `test` block ends at a blank line.",
                "",
            ]
            let width = ReplMetaCommand.allCases.map(\.usage.count).max() ?? 0
            for command in ReplMetaCommand.allCases {
                lines.append("  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
            }
            lines.append("")
            lines.append("Tab completes; Ctrl-C abandons the input; Ctrl-D on an empty line leaves.")
            return .text(lines.joined(separator: "\n"))
        }
        let name = meta.argument.hasPrefix(":") ? String(meta.argument.dropFirst()) : meta.argument
        guard let command = ReplMetaCommand.named(name) else {
            let help = ReplSuggestions.closest(to: name, among: ReplMetaCommand.allCases.map(\.rawValue)).map { ["did you mean `:\($0)`?"] } ?? []
            return failure(.error(ReplCode.unknownCommand, "no command `:\(name)`", at: meta.argumentSpan, help: help))
        }
        return .text("\(command.usage)\n  \(command.summary)\n\n\(command.details)")
    }

    // MARK: Deals

    private func listDeals() -> ReplReply {
        guard !session.deals.isEmpty else { return .text("no deals loaded; use :data FILE") }
        var table = ReplTable(["id", "name"])
        for deal in session.deals {
            let name = deal.record["name"].map(ValueRendering.render) ?? ""
            // `*` marks the current deal; the others are indented to match.
            let mark = session.currentDeal == nil ? "" : deal.subject == session.currentDeal ? "* " : "  "
            table.add([mark + deal.subject, name])
        }
        return .text(table.render(style: style))
    }

    private func selectDeal(_ meta: MetaLine) -> ReplReply {
        guard !meta.argument.isEmpty else {
            session.currentDeal = nil
            return .text("no current deal: expressions are evaluated for every deal")
        }
        guard let deal = session.deal(meta.argument) else {
            let subjects = session.deals.map(\.subject)
            // Ids are long: several that contain what was typed are all worth naming.
            let partial = subjects.filter { $0.lowercased().contains(meta.argument.lowercased()) }
            var help: [String] = []
            if partial.count > 1 {
                help.append("did you mean " + partial.prefix(3).map { "`\($0)`" }.joined(separator: " or ") + "?")
            } else if let close = ReplSuggestions.closest(to: meta.argument, among: subjects) {
                help.append("did you mean `\(close)`?")
            }
            if session.deals.isEmpty { help = ["no deals are loaded; use :data FILE"] }
            return failure(.error(ReplCode.unknownDeal, "no deal `\(meta.argument)`", at: meta.argumentSpan,
                                  help: help.isEmpty ? [":deals lists the deals"] : help))
        }
        session.currentDeal = deal.subject
        let name = deal.record["name"].map { " (" + ValueRendering.render($0) + ")" } ?? ""
        return .text("current deal: \(deal.subject)" + TerminalText.clean(name))
    }

    // MARK: Settings

    private func setAsOf(_ meta: MetaLine) -> ReplReply {
        guard !meta.argument.isEmpty else { return .text("as of \(session.asOf)") }
        guard let date = DateValue.parse(meta.argument) else {
            return failure(.error(ReplCode.badDate, "`\(meta.argument)` is not a date", at: meta.argumentSpan,
                                  help: ["write YYYY-MM-DD, e.g. :as-of 2026-11-24"]))
        }
        session.asOf = date
        return .text("as of \(date)")
    }

    private func reset() -> ReplReply {
        session = ReplSession(asOf: configuration.asOf)
        let reply = start()
        let text = "session reset: \(ReplWording.count(session.program.rules.count, "rule")), \(ReplWording.count(session.deals.count, "deal")), as of \(session.asOf)"
        return reply.then(.text(text))
    }
}
