import DealRulesModel

/// One outcome of a rule for a subject, whatever its kind; the formats that
/// list everything per subject or per rule walk these.
public enum ReportOutcome: Sendable {
    case finding(Finding)
    case undetermined(UndeterminedOutcome)
    case clear(ClearOutcome)

    public var rule: RuleInfo {
        switch self {
        case .finding(let finding): return finding.rule
        case .undetermined(let outcome): return outcome.rule
        case .clear(let outcome): return outcome.rule
        }
    }

    public var subject: String {
        switch self {
        case .finding(let finding): return finding.subject
        case .undetermined(let outcome): return outcome.subject
        case .clear(let outcome): return outcome.subject
        }
    }
}

extension Finding {
    /// How baselines match findings.
    public var key: FindingKey { FindingKey(rule: rule.name, flag: rule.flag, subject: subject) }
}

extension CheckReport {
    /// `report.subjects`, then any subject an outcome names that is missing
    /// there, in first-seen order (defensive: every outcome gets listed).
    /// (The outcomes are visited in place: a large report has hundreds of
    /// thousands, and lists of their subjects or rules would be copies.)
    public var orderedSubjects: [String] {
        var seen = Set<String>()
        var order: [String] = []
        func add(_ subject: String) {
            if seen.insert(subject).inserted { order.append(subject) }
        }
        subjects.forEach(add)
        findingList.forEachName { add($1) }
        undeterminedList.forEachName { add($1) }
        clearList.forEachName { add($1) }
        return order
    }

    /// Rules in source order, then rules only outcomes mention.
    public var orderedRules: [RuleInfo] {
        var seen = Set<String>()
        var order: [RuleInfo] = []
        func add(_ rule: RuleInfo) {
            if seen.insert(rule.name).inserted { order.append(rule) }
        }
        rules.forEach(add)
        // Outcomes of one rule share its description: each is looked at once.
        var looked = Set<ObjectIdentifier>()
        func add(_ shared: SharedRuleInfo) {
            if looked.insert(ObjectIdentifier(shared)).inserted { add(shared.info) }
        }
        forEachKey(includeClear: true) { rule, _ in add(rule) }
        return order
    }

    /// Flag names in rule order, each once.
    public var orderedFlags: [String] {
        var seen = Set<String>()
        return orderedRules.map(\.flag).filter { seen.insert($0).inserted }
    }

    /// Every outcome, ordered by rule then subject; clear ones only when
    /// `includeClear`.
    public func allOutcomes(includeClear: Bool) -> [ReportOutcome] {
        outcomeOrder(includeClear: includeClear, subjectFirst: false).map(outcome)
    }

    /// The outcome at a place from `outcomeOrder`.
    func outcome(at place: OutcomePlace) -> ReportOutcome { outcome(atOffset: place.offset) }

    /// How many outcomes are listed: findings, undetermined and clear ones.
    var outcomeCount: Int { findingList.count + undeterminedList.count + clearList.count }

    /// The outcome at a position across findings, undetermined and clear
    /// outcomes, in that order.
    func outcome(atOffset position: Int) -> ReportOutcome {
        var offset = position
        if offset < findingList.count { return .finding(findingList[offset]) }
        offset -= findingList.count
        if offset < undeterminedList.count { return .undetermined(undeterminedList[offset]) }
        return .clear(clearList[offset - undeterminedList.count])
    }

    /// True when this finding fails the run (`--fail-on`, not in the baseline).
    public func isFailing(_ finding: Finding) -> Bool {
        guard let failOn, !finding.baseline else { return false }
        return finding.severity >= failOn
    }

    /// `2 high, 1 medium`: non-zero severities, most severe first.
    public var severityBreakdown: String {
        let counts = countsBySeverity
        return Severity.allCases.reversed()
            .compactMap { level in counts[level].flatMap { $0 > 0 ? "\($0) \(level.rawValue)" : nil } }
            .joined(separator: ", ")
    }

    /// The closing line of the text report:
    /// `4 findings (2 high, 1 medium, 1 low), 1 undetermined, 15 deals, 7 rules, as of 2026-11-24`.
    public var summaryLine: String {
        var parts: [String] = []
        let breakdown = severityBreakdown
        parts.append(ReportWording.count(findingList.count, "finding") + (breakdown.isEmpty ? "" : " (\(breakdown))"))
        parts.append("\(undeterminedList.count) undetermined")
        if showClear { parts.append("\(clearList.count) clear") }
        parts.append(ReportWording.count(dealCount, "deal"))
        parts.append(ReportWording.count(rules.count, "rule"))
        if !errors.isEmpty { parts.append(ReportWording.count(errors.count, "data problem")) }
        var line = parts.joined(separator: ", ") + ", as of \(asOf)"
        if let baseline {
            line += "; against the baseline: \(baseline.new.count) new, \(baseline.resolved.count) resolved"
        }
        return line
    }
}

/// Small wording helpers shared by the human-readable formats.
enum ReportWording {
    /// `1 finding`, `2 findings`.
    static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }

    /// `capacity target = 2028 [confirmed, Anthropic announcement]`.
    static func evidenceLine(_ evidence: Evidence) -> String {
        // Pieces into one buffer: a report writes a line for every value
        // every finding read.
        var text = TextBuilder(capacity: 96)
        text.append(evidence.field)
        text.append(" = " as StaticString)
        text.append(evidence.value)
        let details = (status: evidence.status?.rawValue, source: evidence.source)
        guard details.status != nil || details.source != nil else { return text.text }
        text.append(" [" as StaticString)
        if let status = details.status { text.append(status) }
        if let source = details.source {
            if details.status != nil { text.append(", " as StaticString) }
            text.append(source)
        }
        text.append("]" as StaticString)
        return text.text
    }

    /// `missing capacity target`, `error in capacity: division by zero`.
    static func reason(_ reason: UndeterminedReason) -> String {
        let field = reason.field.map { " \($0)" } ?? ""
        var text: String
        switch reason.problem {
        case .missing: text = "missing\(field)"
        case .imprecise: text = "imprecise\(field)"
        case .error: text = reason.field.map { "error in \($0)" } ?? "error"
        }
        if let message = reason.message, !message.isEmpty { text += ": \(message)" }
        return text
    }

    static func location(_ location: SourceLocation) -> String { location.description }
}
