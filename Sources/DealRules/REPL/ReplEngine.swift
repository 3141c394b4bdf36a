import Foundation
import DealRulesModel
import DealRulesSyntax

/// How a REPL session starts.
public struct ReplConfiguration: Sendable {
    /// Rule files or folders to load first.
    public var rulePaths: [String]
    /// Deal data files to load first.
    public var dataPaths: [String]
    public var asOf: DateValue
    /// ANSI colour in tables and diagnostics.
    public var color: Bool

    public init(rulePaths: [String] = [], dataPaths: [String] = [], asOf: DateValue, color: Bool = false) {
        self.rulePaths = rulePaths
        self.dataPaths = dataPaths
        self.asOf = asOf
        self.color = color
    }
}

/// What one line of input produced.
public struct ReplReply: Sendable, Equatable {
    /// Results, for standard output; each line ends with a newline.
    public var output: String = ""
    /// Diagnostics, for standard error; each line ends with a newline.
    public var errors: String = ""
    /// The input was wrong (a scripted session then exits with status 2).
    public var failed = false
    /// `:quit` was given.
    public var quit = false

    public init(output: String = "", errors: String = "", failed: Bool = false, quit: Bool = false) {
        self.output = output
        self.errors = errors
        self.failed = failed
        self.quit = quit
    }

    static func text(_ text: String) -> ReplReply {
        ReplReply(output: text.isEmpty || text.hasSuffix("\n") ? text : text + "\n")
    }

    static func failure(_ text: String) -> ReplReply {
        ReplReply(errors: text.hasSuffix("\n") ? text : text + "\n", failed: true)
    }

    /// This reply followed by another.
    func then(_ next: ReplReply) -> ReplReply {
        ReplReply(output: output + next.output, errors: errors + next.errors,
                  failed: failed || next.failed, quit: quit || next.quit)
    }
}

/// The REPL without any terminal: lines in, text out. Statements are kept
/// in the session when the whole session program still checks;
/// expressions are evaluated for the current deal or for every deal;
/// lines starting with `:` are meta-commands (`ReplMetaCommand`).
/// `ReplDriver` runs it against a line source; tests drive it directly.
public final class ReplEngine {
    public static let prompt = "dealrules> "
    public static let continuationPrompt = "      ...> "

    let configuration: ReplConfiguration
    var session: ReplSession
    let style: ANSIStyle
    /// Lines of an input that is not complete yet.
    private var pending: [String] = []
    /// Numbers the inputs: diagnostics point at `<repl:N>`.
    private(set) var inputNumber = 0

    public init(_ configuration: ReplConfiguration) {
        self.configuration = configuration
        self.session = ReplSession(asOf: configuration.asOf)
        self.style = ANSIStyle(enabled: configuration.color)
    }

    /// The prompt for the next line: the continuation prompt while an
    /// input is incomplete.
    public var prompt: String { pending.isEmpty ? Self.prompt : Self.continuationPrompt }

    public var isContinuing: Bool { !pending.isEmpty }

    /// Loads the rules and data named in the configuration.
    public func start() -> ReplReply {
        var reply = ReplReply()
        if !configuration.rulePaths.isEmpty {
            reply = reply.then(loadRules(configuration.rulePaths, announce: false))
        }
        if !configuration.dataPaths.isEmpty {
            reply = reply.then(loadData(configuration.dataPaths, announce: false))
        }
        return reply
    }

    /// A line for people at a terminal (scripted sessions print none).
    public var banner: String {
        let rules = ReplWording.count(session.program.rules.count, "rule")
        let deals = ReplWording.count(session.deals.count, "deal")
        return "DealRules REPL: \(rules), \(deals), as of \(session.asOf). Type :help for help, Ctrl-D to leave.\n"
    }

    /// One line of input. Incomplete input is kept until a later line
    /// completes it (the reply is then empty); a block (`rule "…"`, `test`)
    /// ends at a blank line.
    public func submit(_ line: String) -> ReplReply {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") {
            // A command ends whatever was being typed.
            let before = pending.isEmpty ? ReplReply() : complete(force: true)
            inputNumber += 1
            return before.then(runMeta(line, number: inputNumber))
        }
        if pending.isEmpty && trimmed.isEmpty { return ReplReply() }
        if !pending.isEmpty && trimmed.isEmpty { return complete(force: true) }
        pending.append(line)
        return complete(force: false)
    }

    /// Ctrl-C: drops the input being typed. True if there was any.
    @discardableResult
    public func interrupt() -> Bool {
        defer { pending = [] }
        return !pending.isEmpty
    }

    /// End of input: whatever is pending is handled as it stands.
    public func finish() -> ReplReply {
        pending.isEmpty ? ReplReply() : complete(force: true)
    }

    // MARK: Inputs

    private func complete(force: Bool) -> ReplReply {
        let number = inputNumber + 1
        let source = SourceFile(path: "<repl:\(number)>", text: pending.joined(separator: "\n"))
        let parsed = Parser.parseInteractive(source)
        switch parsed {
        case .incomplete:
            guard force else { return ReplReply() }
        case .statements:
            if !force && Self.isBlock(pending) { return ReplReply() }
        case .expression, .invalid:
            break
        }
        pending = []
        inputNumber = number
        switch parsed {
        case .incomplete:
            // Forced: a full parse reports where the input stopped.
            let diagnostics = Self.startsStatement(pending) ? Parser.parse(source).diagnostics : Parser.parseExpression(source).1
            return .failure(render(diagnostics))
        case .invalid(let diagnostics):
            return .failure(render(diagnostics))
        case .statements(let statements):
            return keep(statements, source: source)
        case .expression(let expression):
            return evaluate(expression)
        }
    }

    /// `rule "…"` and `test "…"` take several lines and end at a blank line.
    private static func isBlock(_ lines: [String]) -> Bool {
        ["rule", "test"].contains(firstWord(lines))
    }

    private static func startsStatement(_ lines: [String]) -> Bool {
        ["if", "when", "rule", "define", "use", "test", "field"].contains(firstWord(lines))
    }

    private static func firstWord(_ lines: [String]) -> String {
        let text = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\"" }).first?.lowercased() ?? ""
    }

    func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.isEmpty ? "" : DiagnosticRenderer.render(diagnostics, color: configuration.color) + "\n"
    }
}

enum ReplWording {
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
