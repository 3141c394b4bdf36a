/// Stable codes of the diagnostics data loading reports. Each is listed
/// with an example in docs/data-formats.md; never reuse or renumber one.
public enum DataDiagnosticCode: String, CaseIterable, Sendable {
    /// A data file cannot be opened or read.
    case unreadable = "E401"
    /// No format was given and the file name does not name one.
    case unknownFormat = "E402"
    /// The file (or standard input) is larger than `DataLimits.maxFileSize`.
    case fileTooLarge = "E403"
    /// Bytes that are not UTF-8.
    case invalidUTF8 = "E404"
    /// JSON or NDJSON that does not parse.
    case jsonSyntax = "E410"
    /// YAML that does not parse.
    case yamlSyntax = "E411"
    /// CSV that does not parse (a stray or unclosed quote).
    case csvSyntax = "E412"
    /// A CSV row with more or fewer cells than the header.
    case csvRaggedRow = "E413"
    /// A CSV header that cannot name fields (empty, clashing or conflicting).
    case csvHeader = "E414"
    /// The top level is not a list of deals or a mapping with `deals`.
    case badShape = "E420"
    /// One deal is not a mapping.
    case dealNotMapping = "E421"
    /// Two keys of one record normalise to the same name.
    case duplicateKey = "E422"
    /// A figure object's `status` is not confirmed, reported or estimated.
    case badStatus = "E423"
    /// A figure object's `unit` is not a unit, or does not fit its value.
    case badUnit = "E424"
    /// A YAML mapping key that is not a plain value.
    case badKey = "E425"
    /// A number too large or too small to hold exactly.
    case numberOutOfRange = "E426"
    /// Lists and mappings nested deeper than `DataLimits.maxDepth`.
    case tooDeep = "E430"
    /// A string longer than `DataLimits.maxStringLength` bytes.
    case stringTooLong = "E431"
    /// More deals than `DataLimits.maxDeals`.
    case tooManyDeals = "E432"
    /// YAML aliases that expand far beyond the size of the file.
    case aliasExpansion = "E433"
    /// (warning) Two deals with the same subject id; both are kept.
    case duplicateSubject = "E440"
}
