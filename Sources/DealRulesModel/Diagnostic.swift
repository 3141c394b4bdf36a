/// The one error/warning type every stage of the pipeline reports with.
/// Rendered for terminals by `DiagnosticRenderer` and as JSON by reports.
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: return 0
            case .warning: return 1
            case .error: return 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// Stable code, e.g. `E101`; listed in docs/diagnostics.md.
    public var code: String
    public var message: String
    /// Where in rule text; gives the location, the source line and the caret.
    public var span: Span?
    /// Where, when there is no rule text to show (data files, command line).
    public var location: SourceLocation?
    /// The text of the offending line, for a caret under data-file errors.
    public var sourceLine: String?
    public var notes: [String]
    public var help: [String]

    public init(
        _ severity: Severity = .error,
        code: String,
        message: String,
        span: Span? = nil,
        location: SourceLocation? = nil,
        sourceLine: String? = nil,
        notes: [String] = [],
        help: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
        self.location = location
        self.sourceLine = sourceLine
        self.notes = notes
        self.help = help
    }

    public static func error(_ code: String, _ message: String, at span: Span? = nil, help: [String] = [], notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, code: code, message: message, span: span, notes: notes, help: help)
    }

    public static func warning(_ code: String, _ message: String, at span: Span? = nil, help: [String] = [], notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, code: code, message: message, span: span, notes: notes, help: help)
    }

    /// The location to print: the span's when there is one.
    public var resolvedLocation: SourceLocation? { span?.location ?? location }

    public var description: String {
        let prefix = resolvedLocation.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue)[\(code)]: \(message)"
    }
}

/// Collects diagnostics from a stage so that one run reports every problem.
public struct DiagnosticBag: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func add(contentsOf diagnostics: [Diagnostic]) { items.append(contentsOf: diagnostics) }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
}
