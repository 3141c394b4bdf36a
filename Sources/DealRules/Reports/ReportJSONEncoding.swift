import DealRulesModel

/// The JSON shape of report parts (CLI.md "JSON report"), shared by the
/// `json` and `ndjson` formats and reused by SARIF properties.
enum ReportJSONEncoding {
    static let formatVersion = 1

    static func location(_ location: SourceLocation) -> JSONValue {
        .object([
            "file": .string(location.path),
            "line": .integer(location.line),
            "column": .integer(location.column),
        ])
    }

    static func evidence(_ evidence: Evidence) -> JSONValue {
        .object([
            "field": .string(evidence.field),
            "value": .string(evidence.value),
            "status": .string(orNull: evidence.status?.rawValue),
            "source": .string(orNull: evidence.source),
        ])
    }

    static func finding(_ finding: Finding) -> JSONValue {
        .object([
            "rule": .string(finding.rule.name),
            "flag": .string(finding.rule.flag),
            "subject": .string(finding.subject),
            "severity": .string(finding.severity.rawValue),
            "message": .string(finding.message),
            "location": location(finding.rule.location),
            "basis": .string(finding.basis.rawValue),
            "evidence": .array(finding.evidence.map(evidence)),
            "baseline": .bool(finding.baseline),
        ])
    }

    static func reason(_ reason: UndeterminedReason) -> JSONValue {
        var members = [
            JSONMember("field", .string(orNull: reason.field)),
            JSONMember("problem", .string(reason.problem.rawValue)),
        ]
        if let message = reason.message { members.append(JSONMember("message", .string(message))) }
        return .object(members)
    }

    static func undetermined(_ outcome: UndeterminedOutcome) -> JSONValue {
        .object([
            "rule": .string(outcome.rule.name),
            "flag": .string(outcome.rule.flag),
            "subject": .string(outcome.subject),
            "location": location(outcome.rule.location),
            "reasons": .array(outcome.reasons.map(reason)),
        ])
    }

    static func clear(_ outcome: ClearOutcome) -> JSONValue {
        .object([
            "rule": .string(outcome.rule.name),
            "flag": .string(outcome.rule.flag),
            "subject": .string(outcome.subject),
            "location": location(outcome.rule.location),
        ])
    }

    /// `{code, severity, message, file, line, column}`; the position members
    /// are `null` when the problem has no location.
    static func error(_ diagnostic: Diagnostic) -> JSONValue {
        let place = diagnostic.resolvedLocation
        return .object([
            "code": .string(diagnostic.code),
            "severity": .string(diagnostic.severity.rawValue),
            "message": .string(diagnostic.message),
            "file": .string(orNull: place?.path),
            "line": place.map { .integer($0.line) } ?? .null,
            "column": place.map { .integer($0.column) } ?? .null,
        ])
    }

    static func key(_ key: FindingKey) -> JSONValue {
        .object([
            "rule": .string(key.rule),
            "flag": .string(key.flag),
            "subject": .string(key.subject),
        ])
    }

    static func baselineComparison(_ comparison: BaselineComparison) -> JSONValue {
        .object([
            "file": .string(comparison.baselinePath),
            "new": .array(comparison.new.map(key)),
            "resolved": .array(comparison.resolved.map(key)),
        ])
    }

    static func summary(_ report: CheckReport) -> JSONValue {
        let counts = report.countsBySeverity
        var members = [
            JSONMember("deals", .integer(report.dealCount)),
            JSONMember("rules", .integer(report.rules.count)),
            JSONMember("findings", .integer(report.findingList.count)),
            JSONMember("undetermined", .integer(report.undeterminedList.count)),
        ]
        if report.showClear { members.append(JSONMember("clear", .integer(report.clearCount))) }
        members.append(JSONMember("by_severity", .object(Severity.allCases.map {
            JSONMember($0.rawValue, .integer(counts[$0] ?? 0))
        })))
        return .object(members)
    }
}
