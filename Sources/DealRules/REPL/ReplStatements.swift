import DealRulesData
import DealRulesModel
import DealRulesSyntax

// Changes to the session program: typed statements, `:load`, `:data`.
// Each re-checks the whole program and is kept only when it stays valid.
extension ReplEngine {
    func keep(_ statements: [Statement], source: SourceFile) -> ReplReply {
        guard !statements.isEmpty else { return ReplReply() }
        var usedFiles: [ParsedFile] = []
        var problems: [Diagnostic] = []
        for statement in statements {
            guard case .use(let use) = statement else { continue }
            // At the prompt, `use` paths are relative to the working folder.
            let loaded = ProgramLoader.load(paths: [use.path])
            if loaded.hasErrors {
                problems.append(.error(ReplCode.cannotUse, "cannot use \"\(use.path)\"", at: use.pathSpan))
                problems.append(contentsOf: loaded.diagnostics)
            } else {
                usedFiles.append(contentsOf: loaded.files)
            }
        }
        if !problems.isEmpty { return rejected(problems) }
        let typed = ParsedFile(source: source, statements: statements, comments: [], diagnostics: [])
        let ruleFiles = ReplSession.merge(session.ruleFiles, usedFiles)
        let typedFiles = session.typedFiles + [typed]
        let (program, diagnostics) = ReplSession.check(ruleFiles: ruleFiles, typedFiles: typedFiles)
        guard let program else { return rejected(diagnostics) }
        session.adopt(ruleFiles: ruleFiles, typedFiles: typedFiles, program: program)
        var lines: [String] = []
        for statement in statements { lines.append(describeKept(statement)) }
        return ReplReply(output: lines.joined(separator: "\n") + "\n", errors: render(diagnostics))
    }

    private func rejected(_ diagnostics: [Diagnostic]) -> ReplReply {
        ReplReply(errors: render(diagnostics) + "not kept: the session is unchanged\n", failed: true)
    }

    private func describeKept(_ statement: Statement) -> String {
        switch statement {
        case .rule(let rule):
            let info = session.program.rules.first { $0.info.name == rule.name }?.info
            let severity = (info?.severity ?? rule.severity ?? .default).rawValue
            return "kept rule \"\(rule.name)\" (flag \(rule.flag.text), \(severity))" + trialRun(rule.name)
        case .definition(let definition):
            let type = expressionType(definition.body).map { ": \($0)" } ?? ""
            return "defined \(definition.name.text)\(type)"
        case .field(let field):
            return "declared field \(field.name.text)"
        case .use(let use):
            return "using \(use.path)"
        case .test(let test):
            // Run at once, as `dealrules test` would; a failing test is still kept.
            guard let checked = session.program.tests.last(where: {
                $0.declaration.title == test.title && $0.declaration.span.source === test.span.source
            }) else { return "kept test \"\(test.title)\"" }
            let result = TestRun.run(checked, program: session.program)
            let details = result.details.map { "\n  " + TerminalText.clean($0) }.joined()
            return "kept test \"\(test.title)\": " + (result.passed ? "passes" : "fails") + details
        }
    }

    /// `: 3 findings, 1 undetermined over 15 deals`, so a new rule shows at
    /// once what it does with the data.
    private func trialRun(_ name: String) -> String {
        guard !session.deals.isEmpty else { return "" }
        // Counts only: no report entry (message, evidence) is worked out.
        let outcomes = RuleRunner.evaluate(session.program, columns: session.columns,
                                           options: RuleRunner.Options(asOf: session.asOf, rules: [name]))
        let findings = ReplWording.count(outcomes.findingCount, "finding")
        return ": \(findings), \(outcomes.undeterminedCount) undetermined over \(ReplWording.count(session.deals.count, "deal"))"
    }

    // MARK: Files

    /// `:load` and the command line's rule paths.
    func loadRules(_ paths: [String], announce: Bool) -> ReplReply {
        let loaded = ProgramLoader.load(paths: paths)
        if loaded.hasErrors {
            return rejected(loaded.diagnostics)
        }
        let ruleFiles = ReplSession.merge(session.ruleFiles, loaded.files)
        // Into an empty session (the usual start) the loader's own check is
        // the session's: no need to check the same files twice.
        let fresh = session.ruleFiles.isEmpty && session.typedFiles.isEmpty
        let (program, diagnostics) = fresh && loaded.program != nil
            ? (loaded.program, loaded.diagnostics)
            : ReplSession.check(ruleFiles: ruleFiles, typedFiles: session.typedFiles)
        guard let program else { return rejected(diagnostics) }
        let before = session.program.rules.count
        session.adopt(ruleFiles: ruleFiles, typedFiles: session.typedFiles, program: program)
        guard announce else { return ReplReply(errors: render(diagnostics)) }
        let files = ReplWording.count(loaded.files.count, "file")
        let change = program.rules.count - before
        let text = "loaded \(files): \(ReplWording.count(program.rules.count, "rule")) in the session"
            + (change > 0 ? " (\(change) new)" : "") + "\n"
        return ReplReply(output: text, errors: render(diagnostics))
    }

    /// `:data` and the command line's data paths: the deals of each file
    /// replace those an earlier load of the same file gave.
    func loadData(_ paths: [String], announce: Bool) -> ReplReply {
        let fresh = DataLoader.loadAll(paths: paths, format: nil)
        if fresh.hasErrors {
            return ReplReply(errors: render(fresh.diagnostics) + "not loaded: the data is unchanged\n", failed: true)
        }
        let added = Set(paths.map(ReplSession.canonical))
        let kept = session.dataPaths.filter { !added.contains(ReplSession.canonical($0)) }
        let allPaths = kept + paths
        // Loaded again together so that positions and duplicate ids are
        // counted across files; a first load is already that.
        let all = kept.isEmpty ? fresh : DataLoader.loadAll(paths: allPaths, format: nil)
        session.dataPaths = allPaths
        session.deals = all.deals
        if let current = session.currentDeal, session.deal(current) == nil { session.currentDeal = nil }
        // Only warnings remain here (duplicate ids across files and the like).
        let warnings = render(all.diagnostics)
        guard announce else { return ReplReply(errors: warnings) }
        let text = "loaded \(ReplWording.count(fresh.deals.count, "deal")); \(ReplWording.count(all.deals.count, "deal")) in the session\n"
        return ReplReply(output: text, errors: warnings)
    }
}
