import DealRulesModel

/// Lint warnings that need only the checked program: unused definitions
/// (W101), definitions named like data keys (W102, with data), and conditions
/// that can never be true (W103).
enum LintProgramChecks {
    /// A definition shadowing a schema field is reported by the checker
    /// itself (W102); with data, lint adds definitions named like data keys.
    static func check(_ program: CheckedProgram, deals: [Deal]?) -> [Diagnostic] {
        let shadowing = deals.map { LintDataChecks.shadowedDataKeys(program, keys: DataKeys($0)) } ?? []
        return unusedDefinitions(program) + shadowing + LintContradictions.check(program)
    }

    static func unusedDefinitions(_ program: CheckedProgram) -> [Diagnostic] {
        let used = NodeWalk.usedDefinitions(program)
        return program.definitions.indices.filter { !used.contains($0) }.map { index in
            let definition = program.definitions[index]
            return .warning(LintCode.unusedDefinition.rawValue, "`\(definition.name)` is defined but no rule uses it",
                            at: definition.declaration.name.span,
                            help: ["use it in a rule's condition or message, or remove the definition"])
        }
    }

    static func shadowWarning(_ definition: CheckedDefinition, what: String) -> Diagnostic {
        .warning(LintCode.definitionShadowsField.rawValue,
                 "the definition `\(definition.name)` hides \(what): rules that name it read the definition, never the data",
                 at: definition.declaration.name.span,
                 help: ["rename the definition, or remove it if the data already holds this value"])
    }
}
