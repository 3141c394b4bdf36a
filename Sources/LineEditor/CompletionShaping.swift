/// Turns the names a completion provider offers into the list libedit's
/// readline-compatible completion expects. Pure, so it is tested directly.
///
/// libedit replaces only the current *word*: the text after the last
/// word-break character before the cursor. Names may span several words
/// (`capacity target`), so each candidate is matched against the longest
/// tail of the text before the cursor that starts at a word boundary, and
/// only the part from the current word on is handed back. Typing
/// `capacity ta` and pressing Tab offers `target`, and the line becomes
/// `capacity target`. Matching ignores case; a candidate that does not
/// continue the text before the cursor is dropped.
public enum CompletionShaping {
    /// Characters that end a word for completion. `-` and `'` are missing on
    /// purpose: they occur inside words (`lock-in`, `deal value's source`).
    /// `:` and `.` are present so `:load` and `power.source` complete after
    /// them.
    public static let wordBreakCharacters = " \t\n\"`()[]{},.:;+*/<>=!#%$"

    /// The entries for libedit: empty when nothing matches; otherwise the
    /// text that replaces the current word first (the single match, or the
    /// common prefix of all matches), then every match.
    public static func readlineEntries(candidates: [String], lineBeforeCursor: String, word: String) -> [String] {
        // libedit's word always ends the text before the cursor; if the two
        // ever disagree, complete the word alone rather than guess.
        let line = lineBeforeCursor.hasSuffix(word) ? lineBeforeCursor : word
        var seen = Set<String>()
        var matches: [String] = []
        for candidate in candidates {
            guard let continuation = continuation(of: candidate, lineBeforeCursor: line, word: word),
                  seen.insert(continuation).inserted
            else { continue }
            matches.append(continuation)
        }
        guard let first = matches.first else {
            return []
        }
        if matches.count == 1 {
            return [first]
        }
        let prefix = commonPrefix(matches)
        // A shorter prefix (matches that differ in case from the typed
        // word) would delete typed text; keep the word instead.
        let replacement = prefix.count < word.count ? word : prefix
        return [replacement] + matches
    }

    /// The text that replaces `word` to complete `candidate`, or nil when
    /// the candidate does not continue the text before the cursor.
    public static func continuation(of candidate: String, lineBeforeCursor: String, word: String) -> String? {
        let line = Array(lineBeforeCursor)
        let name = Array(candidate)
        let wordLength = word.count
        guard wordLength <= line.count else {
            return nil
        }
        // Longest overlap first: the tail of the line that starts at a
        // word boundary, covers the whole current word and begins the name.
        var start = max(0, line.count - name.count)
        while start <= line.count - wordLength {
            let atBoundary = start == 0 || isWordBreak(line[start - 1])
            let tail = line[start...]
            if atBoundary && sameIgnoringCase(tail, name.prefix(tail.count)) {
                return String(name.dropFirst(tail.count - wordLength))
            }
            start += 1
        }
        return nil
    }

    /// The longest common prefix, compared character by character.
    public static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else {
            return ""
        }
        for string in strings.dropFirst() {
            var length = 0
            for (a, b) in zip(prefix, string) {
                guard a == b else { break }
                length += 1
            }
            prefix = Array(prefix.prefix(length))
        }
        return String(prefix)
    }

    static func isWordBreak(_ character: Character) -> Bool {
        wordBreakCharacters.contains(character)
    }

    private static func sameIgnoringCase(_ a: ArraySlice<Character>, _ b: ArraySlice<Character>) -> Bool {
        guard a.count == b.count else {
            return false
        }
        return zip(a, b).allSatisfy { $0 == $1 || $0.lowercased() == $1.lowercased() }
    }
}
