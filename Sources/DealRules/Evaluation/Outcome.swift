import DealRulesModel

// The result of evaluating a program against deal data (LANGUAGE.md §9):
// for each rule and subject exactly one outcome. Reports render these.

/// One field a condition read, with what it held.
public struct Evidence: Sendable, Hashable {
    /// The field as the rule named it (`capacity target`).
    public var field: String
    /// Rendered as in messages (LANGUAGE.md §8), without the status suffix.
    /// Evaluation keeps the value itself and renders it when this is read:
    /// most evidence (that of clear outcomes) is never shown.
    public var value: String {
        get { rendered ?? ValueRendering.render(raw) }
        set { rendered = newValue }
    }
    public var status: ProvenanceStatus?
    public var source: String?
    private var rendered: String?
    private var raw: Value

    public init(field: String, value: String, status: ProvenanceStatus?, source: String?) {
        self.field = field
        self.rendered = value
        self.raw = .unknown
        self.status = status
        self.source = source
    }

    /// Evidence of a value read during evaluation, rendered when shown.
    init(field: String, raw: Value, status: ProvenanceStatus?, source: String?) {
        self.field = field
        self.rendered = nil
        self.raw = raw
        self.status = status
        self.source = source
    }

    public static func == (lhs: Evidence, rhs: Evidence) -> Bool {
        lhs.field == rhs.field && lhs.status == rhs.status && lhs.source == rhs.source && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(field)
        hasher.combine(value)
        hasher.combine(status)
        hasher.combine(source)
    }
}

/// Why a condition came out unknown.
public struct UndeterminedReason: Sendable, Hashable {
    public enum Problem: String, Sendable {
        case missing, imprecise, error
    }

    /// The field involved, when there is one.
    public var field: String?
    public var problem: Problem
    /// Human explanation (always set for `error`, e.g. "division by zero").
    public var message: String?

    public init(field: String?, problem: Problem, message: String? = nil) {
        self.field = field
        self.problem = problem
        self.message = message
    }
}

/// What identifies a rule in a report.
public struct RuleInfo: Sendable, Hashable {
    public var name: String
    public var flag: String
    public var severity: Severity
    public var location: SourceLocation
    public var tags: [String]
    /// `for each K`, `for all deals`, or nil for per-deal rules.
    public var scopeDescription: String?

    public init(name: String, flag: String, severity: Severity, location: SourceLocation, tags: [String], scopeDescription: String?) {
        self.name = name
        self.flag = flag
        self.severity = severity
        self.location = location
        self.tags = tags
        self.scopeDescription = scopeDescription
    }
}

/// A rule's description held once for all of its outcomes: a report of a
/// large portfolio has hundreds of thousands of them, and a `RuleInfo` of
/// its own in each would be most of an outcome's size.
final class SharedRuleInfo: Sendable, Hashable {
    let info: RuleInfo

    init(_ info: RuleInfo) {
        self.info = info
    }

    /// Equal when the descriptions are: outcomes compare by value.
    static func == (lhs: SharedRuleInfo, rhs: SharedRuleInfo) -> Bool { lhs.info == rhs.info }

    func hash(into hasher: inout Hasher) { hasher.combine(info) }
}

public struct Finding: Sendable, Hashable {
    public var rule: RuleInfo {
        get { sharedRule.info }
        set { sharedRule = SharedRuleInfo(newValue) }
    }
    // Stored properties are laid out in the order written: the one-byte
    // ones come last so that a finding takes 64 bytes, not 96.
    private(set) var sharedRule: SharedRuleInfo
    public var subject: String
    public var message: String
    public var evidence: [Evidence]
    /// Where the message, basis and evidence are still to be worked out
    /// (`OutcomeDetails`); nil once they are here.
    var pending: OutcomeOrigin?
    public var severity: Severity
    /// `confirmed` unless some evidence is reported or estimated.
    public var basis: ProvenanceStatus
    /// Present in the `--baseline` report already.
    public var baseline: Bool

    public init(rule: RuleInfo, subject: String, severity: Severity, message: String, basis: ProvenanceStatus, evidence: [Evidence], baseline: Bool = false) {
        self.init(rule: SharedRuleInfo(rule), subject: subject, severity: severity, message: message, basis: basis, evidence: evidence, baseline: baseline)
    }

    init(rule: SharedRuleInfo, subject: String, severity: Severity, message: String, basis: ProvenanceStatus, evidence: [Evidence], baseline: Bool = false) {
        self.sharedRule = rule
        self.subject = subject
        self.severity = severity
        self.message = message
        self.basis = basis
        self.evidence = evidence
        self.baseline = baseline
    }
}

public struct UndeterminedOutcome: Sendable, Hashable {
    public var rule: RuleInfo {
        get { sharedRule.info }
        set { sharedRule = SharedRuleInfo(newValue) }
    }
    private(set) var sharedRule: SharedRuleInfo
    public var subject: String
    public var reasons: [UndeterminedReason]
    public var evidence: [Evidence]
    /// Where the reasons and evidence are still to be worked out; nil once
    /// they are here.
    var pending: OutcomeOrigin?

    public init(rule: RuleInfo, subject: String, reasons: [UndeterminedReason], evidence: [Evidence]) {
        self.init(rule: SharedRuleInfo(rule), subject: subject, reasons: reasons, evidence: evidence)
    }

    init(rule: SharedRuleInfo, subject: String, reasons: [UndeterminedReason], evidence: [Evidence]) {
        self.sharedRule = rule
        self.subject = subject
        self.reasons = reasons
        self.evidence = evidence
    }
}

public struct ClearOutcome: Sendable, Hashable {
    public var rule: RuleInfo {
        get { sharedRule.info }
        set { sharedRule = SharedRuleInfo(newValue) }
    }
    private(set) var sharedRule: SharedRuleInfo
    public var subject: String
    public var evidence: [Evidence]
    /// Where the evidence is still to be worked out; nil once it is here.
    var pending: OutcomeOrigin?

    public init(rule: RuleInfo, subject: String, evidence: [Evidence]) {
        self.init(rule: SharedRuleInfo(rule), subject: subject, evidence: evidence)
    }

    init(rule: SharedRuleInfo, subject: String, evidence: [Evidence]) {
        self.sharedRule = rule
        self.subject = subject
        self.evidence = evidence
    }
}

/// A finding matched against a baseline report (by rule, flag and subject).
public struct FindingKey: Sendable, Hashable, Comparable {
    public var rule: String
    public var flag: String
    public var subject: String

    public init(rule: String, flag: String, subject: String) {
        self.rule = rule
        self.flag = flag
        self.subject = subject
    }

    public static func < (lhs: FindingKey, rhs: FindingKey) -> Bool {
        (lhs.rule, lhs.flag, lhs.subject) < (rhs.rule, rhs.flag, rhs.subject)
    }
}

/// New and resolved findings relative to `--baseline`.
public struct BaselineComparison: Sendable {
    public var baselinePath: String
    public var new: [FindingKey]
    public var resolved: [FindingKey]

    public init(baselinePath: String, new: [FindingKey], resolved: [FindingKey]) {
        self.baselinePath = baselinePath
        self.new = new
        self.resolved = resolved
    }
}

/// Everything a `dealrules check` run produced; every report format renders this.
public struct CheckReport: Sendable {
    public var asOf: DateValue
    /// Rules in source order (the order findings are listed in).
    public var rules: [RuleInfo]
    /// Subjects in data order (deal subjects, then group keys / `portfolio`).
    public var subjects: [String]
    public var dealCount: Int
    /// Ordered by rule source order, then subject order in the data.
    public var findings: [Finding] {
        get { findingList.all }
        set { findingList = OutcomeListing(newValue) }
    }

    public var undetermined: [UndeterminedOutcome] {
        get { undeterminedList.all }
        set { undeterminedList = OutcomeListing(newValue) }
    }

    /// Filled when the report was asked for them (JUnit and HTML need every
    /// rule × subject; text and JSON list them with `--show-clear`).
    public var clear: [ClearOutcome] {
        get { clearList.all }
        set { clearList = OutcomeListing(newValue) }
    }

    /// The outcomes themselves, read one at a time by report writers: a
    /// report whose details come later keeps them compactly
    /// (`list(findings:undetermined:clear:)`), and `findings`,
    /// `undetermined` and `clear` make whole arrays of them.
    private(set) var findingList: OutcomeListing<Finding>
    private(set) var undeterminedList: OutcomeListing<UndeterminedOutcome>
    private(set) var clearList: OutcomeListing<ClearOutcome>
    /// Clear outcomes of the run, listed in `clear` or not.
    public var clearCount: Int
    public var showClear: Bool
    /// Problems that did not stop the run (data warnings, skipped records).
    public var errors: [Diagnostic]
    public var baseline: BaselineComparison?
    /// Findings at or above this fail the run; nil for `--fail-on none`.
    public var failOn: Severity?

    public init(asOf: DateValue, rules: [RuleInfo], subjects: [String], dealCount: Int, findings: [Finding],
                undetermined: [UndeterminedOutcome], clear: [ClearOutcome], errors: [Diagnostic],
                showClear: Bool = false, baseline: BaselineComparison? = nil, failOn: Severity? = .high, clearCount: Int? = nil) {
        self.asOf = asOf
        self.rules = rules
        self.subjects = subjects
        self.dealCount = dealCount
        self.findingList = OutcomeListing(findings)
        self.undeterminedList = OutcomeListing(undetermined)
        self.clearList = OutcomeListing(clear)
        self.clearCount = clearCount ?? clear.count
        self.showClear = showClear
        self.errors = errors
        self.baseline = baseline
        self.failOn = failOn
    }

    /// Works out the details of outcomes listed without them (see
    /// `RuleOutcomes.report(includeClear:detailsLater:)`); nil when every
    /// outcome has its details.
    var details: OutcomeDetails?

    /// Lists outcomes compactly (a report whose details come later); clear
    /// outcomes stay as they are when not given.
    mutating func list(findings: OutcomeListing<Finding>, undetermined: OutcomeListing<UndeterminedOutcome>,
                       clear: OutcomeListing<ClearOutcome>?) {
        findingList = findings
        undeterminedList = undetermined
        if let clear { clearList = clear }
    }

    /// The outcome with its details: a finding's message, basis and
    /// evidence, an undetermined outcome's reasons and evidence, a clear
    /// outcome's evidence.
    /// `lane`: see `OutcomeDetails`.
    func complete<Outcome: PendingOutcome>(_ outcome: Outcome, lane: Int = 0) -> Outcome {
        guard let details, outcome.pending != nil else { return outcome }
        return details.complete(outcome, lane: lane)
    }

    /// The outcome with the details reports show: a clear outcome's
    /// evidence, which no report shows, is left to `complete(_: ClearOutcome)`.
    func complete(_ outcome: ReportOutcome, lane: Int = 0) -> ReportOutcome {
        switch outcome {
        case .finding(let finding): return .finding(complete(finding, lane: lane))
        case .undetermined(let undetermined): return .undetermined(complete(undetermined, lane: lane))
        case .clear: return outcome
        }
    }

    /// This report with every outcome's details worked out.
    func completed() -> CheckReport {
        guard details != nil else { return self }
        var report = self
        report.findings = findings.map { complete($0) }
        report.undetermined = undetermined.map { complete($0) }
        report.clear = clear.map { complete($0) }
        report.details = nil
        return report
    }

    /// Number of findings per severity, every level present.
    public var countsBySeverity: [Severity: Int] {
        var counts = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0, 0) })
        for finding in findingList { counts[finding.severity, default: 0] += 1 }
        return counts
    }

    /// True when a finding that is not in the baseline reaches `failOn`.
    public var hasFailingFindings: Bool {
        guard let failOn else { return false }
        return findingList.contains { !$0.baseline && $0.severity >= failOn }
    }
}
