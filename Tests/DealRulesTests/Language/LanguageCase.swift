import DealRulesData
import DealRulesModel
import Foundation

/// One `.case` file of the language suite: rule text, deal data, an as-of
/// date and the outcomes LANGUAGE.md says they must give.
///
/// Format (sections start with `--- `; `#` lines outside sections are notes):
///
///     --- rules                 rule text, written to main.rules
///     --- file sub/x.rules      another file next to main.rules
///     --- load                  paths to load (default: main.rules), one a line
///     --- deals [yaml|json|csv] deal data (default YAML); absent: one deal `id: d`
///     --- as of                 one date (default 2026-11-24)
///     --- truths                `CONDITION => true|false|unknown [reason …]`
///     --- values                `EXPRESSION => rendered text`
///     --- expect                expectation lines (see `LanguageExpectation`)
struct LanguageCase {
    var name: String
    var files: [(path: String, text: String)] = []
    var loadPaths: [String] = []
    var deals: (format: DataFormat, text: String)?
    var asOf = DateValue.parse("2026-11-24") ?? DateValue.epoch
    var truths: [TruthProbe] = []
    var values: [ValueProbe] = []
    var expectations: [LanguageExpectation] = []
    /// Problems in the case file itself.
    var problems: [String] = []

    struct TruthProbe {
        var condition: String
        var expected: String
        var reasons: [ReasonSpec]
        var line: Int
    }

    struct ValueProbe {
        var expression: String
        var expected: String
        var line: Int
    }

    static func parse(name: String, text: String) -> LanguageCase {
        var result = LanguageCase(name: name)
        var section: (header: [String], line: Int)? = nil
        var body: [(Int, String)] = []

        func flush() {
            guard let current = section else { return }
            result.add(section: current.header, body: body, line: current.line)
            body = []
        }

        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("--- ") {
                flush()
                section = (line.dropFirst(4).split(separator: " ").map(String.init), offset + 1)
            } else if section != nil {
                body.append((offset + 1, line))
            }
        }
        flush()
        if result.loadPaths.isEmpty { result.loadPaths = ["main.rules"] }
        return result
    }

    private mutating func add(section header: [String], body: [(Int, String)], line: Int) {
        let text = body.map(\.1).joined(separator: "\n") + "\n"
        let meaningful = body.filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty && !$0.1.hasPrefix("#") }
        switch header.first ?? "" {
        case "rules":
            files.append(("main.rules", text))
        case "file":
            guard header.count == 2 else { problems.append("line \(line): `--- file` needs one path"); return }
            files.append((header[1], text))
        case "load":
            loadPaths = meaningful.map { $0.1.trimmingCharacters(in: .whitespaces) }
        case "deals":
            let format = header.count > 1 ? DataFormat(rawValue: header[1]) : .yaml
            guard let format else { problems.append("line \(line): unknown data format \(header[1])"); return }
            deals = (format, text)
        case "as":
            guard let first = meaningful.first, let date = DateValue.parse(first.1.trimmingCharacters(in: .whitespaces)) else {
                problems.append("line \(line): `--- as of` needs a date")
                return
            }
            asOf = date
        case "truths":
            for (number, entry) in meaningful {
                guard let arrow = entry.range(of: " => ") else { problems.append("line \(number): a truth needs ` => `"); continue }
                let words = LanguageExpectation.tokens(String(entry[arrow.upperBound...]))
                guard let expected = words.first, ["true", "false", "unknown"].contains(expected) else {
                    problems.append("line \(number): expected true, false or unknown")
                    continue
                }
                let reasons = ReasonSpec.parse(Array(words.dropFirst()))
                if reasons == nil { problems.append("line \(number): bad reason list") }
                truths.append(TruthProbe(condition: String(entry[..<arrow.lowerBound]), expected: expected, reasons: reasons ?? [], line: number))
            }
        case "values":
            for (number, entry) in meaningful {
                guard let arrow = entry.range(of: " => ") else { problems.append("line \(number): a value needs ` => `"); continue }
                values.append(ValueProbe(expression: String(entry[..<arrow.lowerBound]), expected: String(entry[arrow.upperBound...]), line: number))
            }
        case "expect":
            for (number, entry) in meaningful {
                switch LanguageExpectation.parse(entry, line: number) {
                case .success(let expectation): expectations.append(expectation)
                case .failure(let problem): problems.append(problem.text)
                }
            }
        default:
            problems.append("line \(line): unknown section `--- \(header.joined(separator: " "))`")
        }
    }
}

/// An expected undetermined reason: `missing F`, `imprecise F`, `error "text"`.
struct ReasonSpec: Equatable, CustomStringConvertible {
    var problem: String
    /// A field for missing/imprecise; a message fragment for error.
    var detail: String

    static func parse(_ words: [String]) -> [ReasonSpec]? {
        var specs: [ReasonSpec] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            guard ["missing", "imprecise", "error"].contains(word), index + 1 < words.count else { return nil }
            specs.append(ReasonSpec(problem: word, detail: words[index + 1]))
            index += 2
        }
        return specs
    }

    var description: String { "\(problem) \"\(detail)\"" }
}

struct CaseProblem: Error {
    var text: String
}

/// One line of `--- expect`:
///
///     finding FLAG SUBJECT [severity LEVEL] [basis STATUS]
///     undetermined FLAG SUBJECT [missing FIELD] [imprecise FIELD] [error "fragment"]
///     clear FLAG SUBJECT
///     message FLAG SUBJECT = text
///     evidence FLAG SUBJECT = field = value (status) from "source"; …
///     error CODE [LINE:COL] ["message fragment"]
///     warning CODE [LINE:COL] ["message fragment"]
///
/// Flags compare folded (`timeline_risk` is `timeline risk`); words with
/// spaces are written in double quotes. Every finding and undetermined
/// outcome and every diagnostic must be expected; clear ones may be.
enum LanguageExpectation {
    case finding(flag: String, subject: String, severity: String?, basis: String?, line: Int)
    case undetermined(flag: String, subject: String, reasons: [ReasonSpec], line: Int)
    case clear(flag: String, subject: String, line: Int)
    case message(flag: String, subject: String, text: String, line: Int)
    case evidence(flag: String, subject: String, text: String, line: Int)
    case diagnostic(severity: String, code: String, position: (Int, Int)?, fragment: String?, line: Int)

    static func parse(_ text: String, line: Int) -> Result<LanguageExpectation, CaseProblem> {
        func fail(_ why: String) -> Result<LanguageExpectation, CaseProblem> { .failure(CaseProblem(text: "line \(line): \(why)")) }
        // `message` and `evidence` take the rest of the line after ` = ` verbatim.
        var head = text
        var tail: String? = nil
        if let equals = text.range(of: " = "), text.hasPrefix("message ") || text.hasPrefix("evidence ") {
            head = String(text[..<equals.lowerBound])
            tail = String(text[equals.upperBound...])
        }
        let words = tokens(head)
        guard let kind = words.first else { return fail("empty expectation") }
        switch kind {
        case "finding":
            guard words.count >= 3 else { return fail("finding FLAG SUBJECT") }
            var severity: String? = nil
            var basis: String? = nil
            var index = 3
            while index + 1 < words.count {
                if words[index] == "severity" { severity = words[index + 1] } else if words[index] == "basis" { basis = words[index + 1] } else { return fail("unexpected \(words[index])") }
                index += 2
            }
            if index != words.count { return fail("dangling word") }
            return .success(.finding(flag: words[1], subject: words[2], severity: severity, basis: basis, line: line))
        case "undetermined":
            guard words.count >= 3, let reasons = ReasonSpec.parse(Array(words.dropFirst(3))) else { return fail("undetermined FLAG SUBJECT [reasons]") }
            return .success(.undetermined(flag: words[1], subject: words[2], reasons: reasons, line: line))
        case "clear":
            guard words.count == 3 else { return fail("clear FLAG SUBJECT") }
            return .success(.clear(flag: words[1], subject: words[2], line: line))
        case "message", "evidence":
            guard words.count == 3, let tail else { return fail("\(kind) FLAG SUBJECT = text") }
            return .success(kind == "message" ? .message(flag: words[1], subject: words[2], text: tail, line: line)
                                              : .evidence(flag: words[1], subject: words[2], text: tail, line: line))
        case "error", "warning":
            guard words.count >= 2 else { return fail("\(kind) CODE [LINE:COL] [\"fragment\"]") }
            var position: (Int, Int)? = nil
            var fragment: String? = nil
            for word in words.dropFirst(2) {
                let parts = word.split(separator: ":")
                if parts.count == 2, let l = Int(parts[0]), let c = Int(parts[1]) { position = (l, c) } else { fragment = word }
            }
            return .success(.diagnostic(severity: kind, code: words[1], position: position, fragment: fragment, line: line))
        default:
            return fail("unknown expectation `\(kind)`")
        }
    }

    /// Splits on spaces; double quotes group words.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { result.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { result.append(current) }
        return result
    }
}
