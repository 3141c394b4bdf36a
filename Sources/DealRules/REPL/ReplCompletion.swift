import Foundation
import DealRulesModel
import DealRulesSyntax

// Tab completion: the names that may continue the text before the cursor.
// The line editor matches them against what was typed (names may span
// several words), so each context returns its whole list.
extension ReplEngine {
    /// Candidates for the text before the cursor; `word` is the word being
    /// completed (after the last space or punctuation).
    /// Only the names that continue the most of the typed text are kept:
    /// after `capacity ta` the field `capacity target` wins over the
    /// keyword `tags`, which continues only the last word.
    public func completions(lineBeforeCursor line: String, word: String) -> [String] {
        let trimmed = String(line.drop { $0 == " " || $0 == "\t" })
        let names: [String]
        if isContinuing == false, trimmed.hasPrefix(":") {
            names = metaCompletions(trimmed)
        } else {
            names = expressionCompletions(line, word: word)
        }
        return ReplCompletionRanking.best(names, lineBeforeCursor: line, word: word)
    }

    // MARK: Meta-commands

    private func metaCompletions(_ line: String) -> [String] {
        guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return ReplMetaCommand.allCases.map(\.spelling)
        }
        let command = ReplMetaCommand.named(String(line[line.index(after: line.startIndex)..<space]))
        let argument = String(line[space...].drop { $0 == " " || $0 == "\t" })
        switch command {
        case .help?: return ReplMetaCommand.allCases.map(\.rawValue)
        case .deal?: return session.deals.map(\.subject)
        case .explain?: return session.program.rules.map(\.info.name)
        case .load?: return ReplPathCompletion.candidates(for: lastWord(argument), extensions: [".rules", ".rules.md"])
        case .data?: return ReplPathCompletion.candidates(for: lastWord(argument), extensions: [".json", ".ndjson", ".jsonl", ".yaml", ".yml", ".csv"])
        case .save?: return ReplPathCompletion.candidates(for: argument, extensions: [".rules"])
        case .type?: return expressionCompletions(argument, word: lastWord(argument))
        case .deals?, .rules?, .run?, .asOf?, .reset?, .quit?, nil: return []
        }
    }

    /// `:load` and `:data` take several paths: complete the last.
    private func lastWord(_ text: String) -> String {
        guard let space = text.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return text }
        return String(text[text.index(after: space)...])
    }

    // MARK: Expressions and statements

    private func expressionCompletions(_ line: String, word: String) -> [String] {
        let vocabulary = ReplVocabulary(session: session)
        if let field = fieldBeforeComparison(line, word: word, vocabulary: vocabulary) {
            let values = vocabulary.values[field] ?? []
            if !values.isEmpty { return values + ["known", "unknown", "not", "one of"] }
        }
        var names = ReplVocabulary.keywords + vocabulary.fields + vocabulary.definitions + vocabulary.flags
        if !word.isEmpty { names += vocabulary.allValues }
        if line.trimmingCharacters(in: .whitespaces).isEmpty && !isContinuing {
            names += ReplMetaCommand.allCases.map(\.spelling)
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// The field a value is being typed for: `power source is `,
    /// `role is not `, `kind is one of compute, `, `chips contains `.
    private func fieldBeforeComparison(_ line: String, word: String, vocabulary: ReplVocabulary) -> String? {
        var words = line.dropLast(word.count).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" }).map { String($0).lowercased() }
        // Inside a `one of` list: go back over the earlier items.
        if let ofIndex = words.lastIndex(of: "of"), ofIndex > 0, words[ofIndex - 1] == "one" {
            let after = words[(ofIndex + 1)...]
            // Only a connective ends the list; items may be any words (`power`).
            let connectives: Set<String> = ["and", "or", "where", "then", "flag", "if", "when", "is", "are", "not"]
            if after.allSatisfy({ !connectives.contains($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }) {
                words = Array(words[..<(ofIndex - 1)])
            }
        }
        var sawOperator = false
        while let last = words.last, ["not", "is", "are", "contains"].contains(last) {
            words.removeLast()
            sawOperator = true
        }
        guard sawOperator else { return nil }
        // The longest run of words before the operator that names a field.
        for length in stride(from: min(4, words.count), through: 1, by: -1) {
            let candidate = NameFolding.normalizeKey(words.suffix(length).joined(separator: " "))
            if vocabulary.values[candidate] != nil { return candidate }
        }
        return nil
    }
}

/// The names the session knows: from the loaded data, the schema and the
/// program.
struct ReplVocabulary {
    /// Field names (normalised, so `capacity target`), data order first.
    var fields: [String] = []
    /// Symbol values seen per field key.
    var values: [String: [String]] = [:]
    var allValues: [String] = []
    var definitions: [String] = []
    var flags: [String] = []

    static let keywords: [String] = [
        "if", "when", "then", "and", "or", "not", "is", "is not", "are", "flag", "rule", "define", "as", "use", "test",
        "field", "given", "given deal", "given deals", "expect", "expect no", "expect undetermined", "severity", "message",
        "tags", "for each", "for all deals", "any", "every", "no", "where", "of", "true", "false", "unknown", "known",
        "missing", "is at least", "is at most", "is more than", "is less than", "exceeds", "is before", "is after",
        "is beyond", "is within", "is between", "is one of", "contains", "confirmed", "reported", "estimated",
        "count of", "sum of", "average of", "minimum of", "maximum of", "share of", "name of", "source of", "status of",
        "info", "low", "medium", "high", "critical", "years", "months", "days", "GW", "MW",
        "text", "number", "money", "power", "energy", "duration", "date", "boolean", "list of",
    ]

    init(session: ReplSession) {
        var seenFields = Set<String>()
        func addField(_ name: String) {
            if seenFields.insert(name).inserted { fields.append(name) }
        }
        var seenValues: [String: Set<String>] = [:]
        func addValue(_ text: String, for key: String) {
            guard !text.isEmpty, text.count <= 60, !text.contains("\n") else { return }
            if seenValues[key, default: []].insert(text).inserted { values[key, default: []].append(text) }
        }
        func walk(_ record: Record, prefix: String, depth: Int) {
            guard depth < 8 else { return }
            for entry in record.entries {
                addField(entry.key)
                if !prefix.isEmpty { addField(prefix + "." + entry.key) }
                walkValue(entry.value, key: entry.key, depth: depth)
            }
        }
        func walkValue(_ value: Value, key: String, depth: Int) {
            switch value {
            case .symbol(let text): addValue(text, for: key)
            case .list(let items): for item in items { walkValue(item, key: key, depth: depth + 1) }
            case .record(let inner): walk(inner, prefix: key, depth: depth + 1)
            default: break
            }
        }
        for deal in session.deals { walk(deal.record, prefix: "", depth: 0) }
        for entry in session.program.schema.entries {
            addField(entry.field.name.text)
            Self.schemaChoices(entry.field.type, key: entry.key, depth: 0, add: addValue, addField: addField)
        }
        var seenAll = Set<String>()
        for field in fields { for value in values[field] ?? [] where seenAll.insert(value).inserted { allValues.append(value) } }
        definitions = session.program.definitions.map(\.name)
        flags = session.program.rules.map(\.info.flag)
    }

    private static func schemaChoices(_ type: SchemaType, key: String, depth: Int,
                                      add: (String, String) -> Void, addField: (String) -> Void) {
        guard depth < 8 else { return }
        switch type {
        case .oneOf(let names): for name in names { add(name.text, key) }
        case .listOf(let element): schemaChoices(element, key: key, depth: depth + 1, add: add, addField: addField)
        case .record(let fields):
            for field in fields {
                addField(field.name.text)
                schemaChoices(field.type, key: field.name.key, depth: depth + 1, add: add, addField: addField)
            }
        case .boolean, .number, .money, .power, .energy, .duration, .date, .text: break
        }
    }
}

/// File names for `:load`, `:data` and `:save`: folders (with `/`) and
/// files with one of the extensions, under the folder typed so far.
enum ReplPathCompletion {
    static let maximumEntries = 500

    static func candidates(for typed: String, extensions: [String]) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let expanded = folderPart.hasPrefix("~/") ? NSHomeDirectory() + folderPart.dropFirst() : folderPart
        let folder = expanded.isEmpty ? "." : expanded
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var result: [String] = []
        for name in names.sorted().prefix(maximumEntries) {
            if name.hasPrefix("."), !typed.hasSuffix("/."), !(slash.map { typed[typed.index(after: $0)...] } ?? Substring(typed)).hasPrefix(".") {
                continue
            }
            var isDirectory: ObjCBool = false
            let full = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                result.append(folderPart + name + "/")
            } else if extensions.contains(where: { name.hasSuffix($0) }) {
                result.append(folderPart + name)
            }
        }
        return result
    }
}

/// Ranks candidates by how much of the text before the cursor they
/// continue: the longest tail of the line that starts at a word boundary,
/// covers the current word and begins the candidate (ignoring case).
enum ReplCompletionRanking {
    /// Word-break characters of the line editor; `-` and `'` are inside words.
    static let wordBreaks: Set<Character> = Set(" \t\n\"`()[]{},.:;+*/<>=!#%$")

    static func best(_ candidates: [String], lineBeforeCursor: String, word: String) -> [String] {
        let line = Array(lineBeforeCursor.lowercased())
        var best: [String] = []
        var bestOverlap = -1
        var seen = Set<String>()
        for candidate in candidates where seen.insert(candidate).inserted {
            guard let overlap = overlap(Array(candidate.lowercased()), line: line, wordLength: word.count) else { continue }
            if overlap > bestOverlap {
                best = [candidate]
                bestOverlap = overlap
            } else if overlap == bestOverlap {
                best.append(candidate)
            }
        }
        return best
    }

    /// Characters of the line the candidate continues, or nil if it does
    /// not continue the current word.
    static func overlap(_ name: [Character], line: [Character], wordLength: Int) -> Int? {
        guard wordLength <= line.count else { return nil }
        var start = max(0, line.count - name.count)
        while start <= line.count - wordLength {
            let atBoundary = start == 0 || wordBreaks.contains(line[start - 1])
            let tail = line[start...]
            if atBoundary && tail.elementsEqual(name.prefix(tail.count)) { return tail.count }
            start += 1
        }
        return nil
    }
}
