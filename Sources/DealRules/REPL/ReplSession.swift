import Foundation
import DealRulesData
import DealRulesModel
import DealRulesSyntax

/// What a REPL session holds: the rule files loaded, the statements typed,
/// the deal data, the as-of date and the current deal. Every change that
/// touches the program goes through `candidate(…)`, which checks the whole
/// session program again; a change is only kept when that check passes.
struct ReplSession {
    /// Rule files read from disk (`:load`, `use`, the command line), each once.
    var ruleFiles: [ParsedFile] = []
    /// Statements typed at the prompt, one parsed input each, in order.
    var typedFiles: [ParsedFile] = []
    var dataPaths: [String] = []
    var deals: [Deal] = [] {
        didSet { columns = DealColumns(deals: deals) }
    }
    /// The deals' fields as columns, kept while the data stays: each rule
    /// run reads from the deals only the fields no earlier run has read.
    private(set) var columns = DealColumns(deals: [])
    var asOf: DateValue
    /// The subject of the current deal (`:deal ID`), if any.
    var currentDeal: String?
    /// Always the checked form of `ruleFiles + typedFiles`.
    private(set) var program: CheckedProgram

    init(asOf: DateValue) {
        self.asOf = asOf
        self.program = Checker.check([]).0
    }

    /// The session program with these files instead: the checked program
    /// when it is valid, otherwise every error and warning found.
    static func check(ruleFiles: [ParsedFile], typedFiles: [ParsedFile]) -> (CheckedProgram?, [Diagnostic]) {
        let (program, diagnostics) = Checker.check(ruleFiles + typedFiles)
        let valid = !diagnostics.contains { $0.severity == .error }
        return (valid ? program : nil, diagnostics)
    }

    /// Keeps a checked change.
    mutating func adopt(ruleFiles: [ParsedFile], typedFiles: [ParsedFile], program: CheckedProgram) {
        self.ruleFiles = ruleFiles
        self.typedFiles = typedFiles
        self.program = program
    }

    /// `existing` with `added` merged in: a file already present (same
    /// path on disk) is replaced where it was, new ones are appended.
    static func merge(_ existing: [ParsedFile], _ added: [ParsedFile]) -> [ParsedFile] {
        var result = existing
        for file in added {
            let key = canonical(file.source.path)
            if let index = result.firstIndex(where: { canonical($0.source.path) == key }) {
                result[index] = file
            } else {
                result.append(file)
            }
        }
        return result
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The deal with this subject.
    func deal(_ subject: String) -> Deal? {
        deals.first { $0.subject == subject }
    }

    /// The deals expressions are evaluated for: the current one, or all.
    var selectedDeals: [Deal] {
        guard let currentDeal else { return deals }
        return deals.filter { $0.subject == currentDeal }
    }
}
