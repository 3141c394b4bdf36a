/// Symbols from other languages (`>=`, `==`, `&&` …) that analysts type by
/// habit. Each is reported with the words to write instead, and read as
/// those words so the rest of the statement is still checked.
extension Lexer {
    static let symbolWords: [(symbol: String, words: [String])] = [
        (">=", ["is", "at", "least"]), ("<=", ["is", "at", "most"]), ("!=", ["is", "not"]),
        ("==", ["is"]), ("&&", ["and"]), ("||", ["or"]),
        (">", ["is", "more", "than"]), ("<", ["is", "less", "than"]), ("=", ["is"]), ("!", ["not"]),
    ]

    /// Handles a habitual symbol at the current position; false if there is none.
    mutating func lexHabitualSymbol() -> Bool {
        for (symbol, words) in Lexer.symbolWords {
            let bytesOfSymbol = Array(symbol.utf8)
            guard index + bytesOfSymbol.count <= end,
                  Array(bytes[index..<(index + bytesOfSymbol.count)]) == bytesOfSymbol else { continue }
            let start = index
            index += bytesOfSymbol.count
            let replacement = words.joined(separator: " ")
            error(SyntaxCode.unexpectedCharacter, "`\(symbol)` is not part of the language", start, index,
                  help: ["write `\(replacement)`"])
            for word in words { emit(.word(word), from: start, to: index) }
            return true
        }
        return false
    }
}
