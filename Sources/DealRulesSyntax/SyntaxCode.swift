/// Stable codes of syntax diagnostics; each is listed with an example in
/// docs/diagnostics.md.
enum SyntaxCode {
    static let unexpectedCharacter = "E100"
    static let unterminatedString = "E101"
    static let invalidEscape = "E102"
    static let unterminatedQuotedName = "E103"
    static let invalidNumber = "E104"
    static let invalidDate = "E105"
    static let literalOutOfRange = "E106"
    static let invalidMoney = "E107"
    static let unexpectedToken = "E110"
    static let missingOperand = "E111"
    static let expectedStatement = "E112"
    static let unclosedDelimiter = "E113"
    static let unknownSeverity = "E114"
    static let duplicateClause = "E115"
    static let missingClause = "E116"
    static let chainedComparison = "E117"
    static let invalidInterpolation = "E118"
    static let unknownType = "E119"
    static let nestingTooDeep = "E120"
    static let fileTooLarge = "E121"
    static let invalidTestClause = "E122"
    static let tooManyErrors = "E123"
}

/// Limits of LANGUAGE.md §10 that the front end enforces.
public enum SyntaxLimits {
    public static let maximumNestingDepth = 256
    public static let maximumFileBytes = 16 * 1024 * 1024
    /// After this many syntax errors in one file the rest are summarised.
    public static let maximumDiagnostics = 100
}
