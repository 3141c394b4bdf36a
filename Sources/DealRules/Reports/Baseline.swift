import DealRulesModel
import Foundation

/// `--baseline FILE`: an earlier `--format json` report. Findings present
/// there (same rule, flag and subject) are marked `baseline` and do not
/// fail the run; the report lists what is new and what was resolved.
///
/// Diagnostic codes: `E801` the file cannot be read, `E802` it is not
/// valid JSON, `E803` it is JSON but not a version-1 `dealrules` report.
public enum Baseline {
    /// Reports are small; anything larger is almost certainly the wrong file.
    public static let maximumFileSize = 64 * 1024 * 1024

    public static func read(path: String) -> Result<[FindingKey], Diagnostic> {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(unreadable(path, "baseline file `\(path)` does not exist"))
        }
        guard !isDirectory.boolValue else {
            return .failure(unreadable(path, "baseline `\(path)` is a directory, not a JSON report"))
        }
        if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value > Int64(maximumFileSize) {
            return .failure(unreadable(path, "baseline file `\(path)` is larger than \(maximumFileSize / 1024 / 1024) MiB"))
        }
        guard let data = manager.contents(atPath: path) else {
            return .failure(unreadable(path, "cannot read baseline file `\(path)`"))
        }
        guard data.count <= maximumFileSize else {
            return .failure(unreadable(path, "baseline file `\(path)` is larger than \(maximumFileSize / 1024 / 1024) MiB"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(unreadable(path, "baseline file `\(path)` is not UTF-8 text"))
        }
        return parse(text, path: path)
    }

    /// Reads the finding keys of a JSON report's text.
    public static func parse(_ text: String, path: String) -> Result<[FindingKey], Diagnostic> {
        let root: JSONNode
        switch JSONReader.parse(text, path: path) {
        case .success(let node): root = node
        case .failure(let error):
            return .failure(Diagnostic(.error, code: "E802", message: "baseline is not valid JSON: \(error.message)",
                                       location: error.location, sourceLine: error.sourceLine,
                                       help: ["pass a report written by `dealrules check --format json`"]))
        }
        guard case .object = root.kind else {
            return .failure(notReport("expected a JSON object (a `dealrules check --format json` report)", at: root))
        }
        guard let version = root["version"] else {
            return .failure(notReport("the baseline has no \"version\"; it is not a `dealrules check --format json` report", at: root))
        }
        guard case .integer(let number) = version.kind, number == 1 else {
            return .failure(notReport("baseline report version is not supported (expected 1)", at: version))
        }
        guard let findings = root["findings"] else {
            return .failure(notReport("the baseline has no \"findings\" array", at: root))
        }
        guard case .array(let items) = findings.kind else {
            return .failure(notReport("\"findings\" must be an array", at: findings))
        }
        var keys: [FindingKey] = []
        for item in items {
            guard case .object = item.kind else {
                return .failure(notReport("each finding must be an object", at: item))
            }
            var parts: [String] = []
            for name in ["rule", "flag", "subject"] {
                guard let member = item[name] else {
                    return .failure(notReport("a finding has no \"\(name)\"", at: item))
                }
                guard let text = member.stringValue else {
                    return .failure(notReport("a finding's \"\(name)\" must be a string", at: member))
                }
                parts.append(text)
            }
            if parts.count == 3 { keys.append(FindingKey(rule: parts[0], flag: parts[1], subject: parts[2])) }
        }
        return .success(keys)
    }

    /// Marks findings present in the baseline and records new and resolved
    /// keys: new in the report's finding order, resolved in the baseline's.
    public static func apply(_ keys: [FindingKey], path: String, to report: CheckReport) -> CheckReport {
        let known = Set(keys)
        var result = report
        var current = Set<FindingKey>()
        var new: [FindingKey] = []
        // Made once: a report listed compactly makes its findings on each read.
        var findings = result.findings
        for index in findings.indices {
            let key = findings[index].key
            let inBaseline = known.contains(key)
            findings[index].baseline = inBaseline
            if current.insert(key).inserted, !inBaseline { new.append(key) }
        }
        result.findings = findings
        var seen = Set<FindingKey>()
        let resolved = keys.filter { !current.contains($0) && seen.insert($0).inserted }
        result.baseline = BaselineComparison(baselinePath: path, new: new, resolved: resolved)
        return result
    }

    private static func unreadable(_ path: String, _ message: String) -> Diagnostic {
        Diagnostic(.error, code: "E801", message: message, location: SourceLocation(path: path, line: 1, column: 1))
    }

    private static func notReport(_ message: String, at node: JSONNode) -> Diagnostic {
        Diagnostic(.error, code: "E803", message: message, location: node.location,
                   help: ["pass a report written by `dealrules check --format json`"])
    }
}
