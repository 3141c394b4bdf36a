import Foundation

/// A large rule program for parse and check timings: the benchmark rules
/// repeated with numbered names (rule names must be unique).
public enum RuleCorpus {
    /// The vocabulary file followed by `count` rules drawn in turn from the
    /// rule files of `directory` (their `use` lines dropped).
    public static func program(from directory: String, rules count: Int) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".rules") }.sorted()
        var vocabulary = ""
        var blocks: [String] = []
        for file in files {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            if file == "vocabulary.rules" {
                vocabulary = text
                continue
            }
            blocks += ruleBlocks(text)
        }
        guard !blocks.isEmpty else { return vocabulary }
        var out = vocabulary + "\n"
        for index in 0..<count {
            let block = blocks[index % blocks.count]
            out += renamed(block, suffix: index) + "\n"
        }
        return out
    }

    /// The `rule "..."` blocks of a file, each up to the next blank line.
    static func ruleBlocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("rule ") { current = [line]; continue }
            if current.isEmpty { continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                blocks.append(current.joined(separator: "\n"))
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks
    }

    /// A letters-only word for a number (`zzab`): flag names are words.
    static func word(_ number: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var rest = max(number, 0)
        var text = ""
        repeat {
            text.insert(letters[rest % 26], at: text.startIndex)
            rest /= 26
        } while rest > 0
        return "zz" + text
    }

    /// Gives the rule and its flag a numbered name.
    static func renamed(_ block: String, suffix: Int) -> String {
        var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices {
            if lines[index].hasPrefix("rule \""), let close = lines[index].dropFirst(6).firstIndex(of: "\"") {
                lines[index].insert(contentsOf: " \(suffix)", at: close)
            } else if lines[index].hasPrefix("  flag ") {
                lines[index] += " " + word(suffix)
            }
        }
        return lines.joined(separator: "\n")
    }
}
