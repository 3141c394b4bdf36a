/// The REPL's meta-commands: lines that start with `:`. One table holds
/// each command's name, argument and help, so `:help`, completion and
/// did-you-mean all read the same list.
public enum ReplMetaCommand: String, CaseIterable, Sendable {
    case help, load, data, deals, deal, rules, run, explain
    case asOf = "as-of"
    case type, save, reset, quit

    /// Other spellings accepted for a command.
    static let aliases: [String: ReplMetaCommand] = ["q": .quit, "exit": .quit, "h": .help, "?": .help]

    /// `:deal`, `:as-of`, …
    public var spelling: String { ":" + rawValue }

    /// What follows the command, for usage lines.
    public var argument: String {
        switch self {
        case .help: return "[COMMAND]"
        case .load: return "PATH..."
        case .data: return "FILE..."
        case .deal: return "[ID]"
        case .explain: return "RULE"
        case .asOf: return "[DATE]"
        case .type: return "EXPR"
        case .save: return "FILE"
        case .deals, .rules, .run, .reset, .quit: return ""
        }
    }

    public var usage: String { argument.isEmpty ? spelling : spelling + " " + argument }

    public var summary: String {
        switch self {
        case .help: return "list the commands, or explain one"
        case .load: return "load rule files or folders into the session"
        case .data: return "load deal data (JSON, NDJSON, YAML, CSV)"
        case .deals: return "list the deals with their ids and names"
        case .deal: return "evaluate for one deal; without ID, for every deal"
        case .rules: return "list the session's rules with flag, severity and scope"
        case .run: return "run every rule over the data; show the findings"
        case .explain: return "why a rule fired, did not, or was undetermined"
        case .asOf: return "set (or show) the as-of date"
        case .type: return "the static and the dynamic type of an expression"
        case .save: return "write the statements typed in this session to a rule file"
        case .reset: return "forget everything since the session started"
        case .quit: return "leave (Ctrl-D on an empty line does the same)"
        }
    }

    public var details: String {
        switch self {
        case .help:
            return "Without an argument lists every command; `:help deal` explains `:deal`."
        case .load:
            return """
            Reads rule files (*.rules, *.rules.md) or every rule file in a folder, following `use`.
            The whole session program is checked again; on any error nothing is loaded.
            Loading a file again replaces its earlier version.
            """
        case .data:
            return """
            Adds the deals of each file (format from the extension). Loading a file again
            replaces its deals. On a data error the file is not loaded.
            """
        case .deals:
            return "One line per deal: its id (the subject in findings) and its name; `*` marks the current deal."
        case .deal:
            return """
            `:deal amazon-anthropic-2026` makes expressions evaluate for that deal only and
            `:explain` explain it; `:deal` alone goes back to a table over every deal.
            """
        case .rules:
            return "Every rule of the session in source order: name, flag, severity, scope and where it is defined."
        case .run:
            return "Evaluates every rule for every deal (as `dealrules check` does) and lists the findings: rule, subject, severity and message, then the number of undetermined outcomes."
        case .explain:
            return """
            Shows the outcome of the rule for the current deal (every subject when no deal is
            selected), the evidence its condition read and why it was undetermined.
            """
        case .asOf:
            return "`:as-of 2026-11-24` sets the date `beyond`/`within` count from; `:as-of` alone shows it."
        case .type:
            return "`:type deal value / capacity` shows what the checker knows (static) and what the data holds (dynamic)."
        case .save:
            return """
            Writes the rules, definitions, fields, tests and `use` lines typed in this session,
            formatted as `dealrules fmt` would. The file is written whole or not at all.
            """
        case .reset:
            return "Drops typed statements, loaded files and data beyond those named on the command line, the current deal and the as-of date."
        case .quit:
            return "Leaves the REPL and saves the history. `:q` and `:exit` do the same."
        }
    }

    /// The command for a typed name (without the colon), or nil.
    static func named(_ name: String) -> ReplMetaCommand? {
        let lowered = name.lowercased()
        return ReplMetaCommand(rawValue: lowered) ?? aliases[lowered] ?? (lowered == "asof" ? .asOf : nil)
    }
}
