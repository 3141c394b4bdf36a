import DealRulesModel

/// `--format sarif`: SARIF 2.1.0 with one run. Each rule is a
/// `reportingDescriptor` (id = rule name); each finding a `result` at the
/// rule's location, with the subject, basis, severity and evidence in its
/// `properties`. Undetermined outcomes and the as-of date are run
/// properties; data problems are tool execution notifications.
enum SARIFReport {
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    /// critical/high → error, medium → warning, low/info → note.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// The document, its results and undetermined outcomes made one at a
    /// time as they are written.
    static func streamed(_ report: CheckReport, options: ReportOptions) -> JSONWriter.Streamed {
        let rules = report.orderedRules
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let driver = JSONValue.object([
            "name": .string("dealrules"),
            "version": .string(options.toolVersion),
            "rules": .array(rules.map(descriptor)),
        ])
        let run: JSONWriter.Streamed = .object([
            ("tool", .value(.object(["driver": driver]))),
            ("invocations", .value(.array([invocation(report)]))),
            ("results", .elements(count: report.findingList.count) { position, lane in
                let finding = report.complete(report.findingList[position], lane: lane)
                return result(finding, index: ruleIndex[finding.rule.name], report: report)
            }),
            ("properties", runProperties(report)),
        ])
        return .object([
            ("$schema", .value(.string(schemaURI))),
            ("version", .value(.string("2.1.0"))),
            ("runs", .array([run])),
        ])
    }

    static func render(_ report: CheckReport, options: ReportOptions) -> String {
        var text = ""
        write(report, options: options, chunks: ReportChunks(nil), into: &text)
        return text
    }

    /// Writes the report into `text`, handing it on to `chunks` as it grows.
    static func write(_ report: CheckReport, options: ReportOptions, chunks: ReportChunks, into text: inout String) {
        JSONWriter.write(streamed(report, options: options), chunks: chunks, into: &text)
        text += "\n"
        chunks.finish(&text)
    }

    private static func descriptor(_ rule: RuleInfo) -> JSONValue {
        var properties = [
            JSONMember("flag", .string(rule.flag)),
            JSONMember("severity", .string(rule.severity.rawValue)),
            JSONMember("location", ReportJSONEncoding.location(rule.location)),
        ]
        if !rule.tags.isEmpty { properties.append(JSONMember("tags", .array(rule.tags.map(JSONValue.string)))) }
        if let scope = rule.scopeDescription { properties.append(JSONMember("scope", .string(scope))) }
        let severityWord = rule.severity.rawValue
        return .object([
            "id": .string(rule.name),
            "name": .string(rule.name),
            "shortDescription": .object(["text": .string("Flags \(rule.flag) (\(severityWord)).")]),
            "defaultConfiguration": .object(["level": .string(level(rule.severity))]),
            "properties": .object(properties),
        ])
    }

    private static func result(_ finding: Finding, index: Int?, report: CheckReport) -> JSONValue {
        var members = [JSONMember("ruleId", .string(finding.rule.name))]
        if let index { members.append(JSONMember("ruleIndex", .integer(index))) }
        members.append(JSONMember("level", .string(level(finding.severity))))
        // The subject leads the message: code-scanning views show only the text.
        members.append(JSONMember("message", .object(["text": .string("\(finding.subject): \(finding.message)")])))
        members.append(JSONMember("locations", .array([physicalLocation(finding.rule.location)])))
        members.append(JSONMember("partialFingerprints", .object([
            "dealrulesFinding/v1": .string("\(finding.rule.name)|\(finding.rule.flag)|\(finding.subject)"),
        ])))
        if report.baseline != nil {
            members.append(JSONMember("baselineState", .string(finding.baseline ? "unchanged" : "new")))
        }
        members.append(JSONMember("properties", .object([
            "subject": .string(finding.subject),
            "flag": .string(finding.rule.flag),
            "severity": .string(finding.severity.rawValue),
            "basis": .string(finding.basis.rawValue),
            "evidence": .array(finding.evidence.map(ReportJSONEncoding.evidence)),
        ])))
        return .object(members)
    }

    private static func physicalLocation(_ location: SourceLocation) -> JSONValue {
        var physical = [JSONMember("artifactLocation", .object(["uri": .string(URIPath.encode(location.path))]))]
        // SARIF regions are 1-based; a location without a line has none.
        if location.line >= 1 {
            var region = [JSONMember("startLine", .integer(location.line))]
            if location.column >= 1 { region.append(JSONMember("startColumn", .integer(location.column))) }
            physical.append(JSONMember("region", .object(region)))
        }
        return .object(["physicalLocation": .object(physical)])
    }

    private static func invocation(_ report: CheckReport) -> JSONValue {
        let notifications: [JSONValue] = report.errors.map { diagnostic in
            var members = [
                JSONMember("descriptor", .object(["id": .string(diagnostic.code)])),
                JSONMember("level", .string(diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "note")),
                JSONMember("message", .object(["text": .string(diagnostic.message)])),
            ]
            if let place = diagnostic.resolvedLocation {
                members.append(JSONMember("locations", .array([physicalLocation(place)])))
            }
            return .object(members)
        }
        var members = [JSONMember("executionSuccessful", .bool(true))]
        if !notifications.isEmpty { members.append(JSONMember("toolExecutionNotifications", .array(notifications))) }
        return .object(members)
    }

    private static func runProperties(_ report: CheckReport) -> JSONWriter.Streamed {
        var members: [(key: String, value: JSONWriter.Streamed)] = [
            ("asOf", .value(.string(report.asOf.description))),
            ("undetermined", .elements(count: report.undeterminedList.count) { position, lane in
                ReportJSONEncoding.undetermined(report.complete(report.undeterminedList[position], lane: lane))
            }),
            ("summary", .value(ReportJSONEncoding.summary(report))),
        ]
        if let baseline = report.baseline {
            members.append(("baselineComparison", .value(ReportJSONEncoding.baselineComparison(baseline))))
        }
        return .object(members)
    }
}

/// Percent-encodes a file path for a URI reference (SARIF `uri`), keeping
/// `/` and the unreserved characters.
enum URIPath {
    static func encode(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return output
    }
}
