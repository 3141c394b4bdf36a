import DealRulesModel

/// Did-you-mean for what is typed at the prompt. Commands and ids are
/// short and typed fast, so beyond the checker's close matches this also
/// accepts a swap of two letters (`:dael`) and a name that begins with or
/// contains what was typed (`:explain Stranded gas`).
enum ReplSuggestions {
    static func closest(to typed: String, among candidates: [String]) -> String? {
        if let close = Suggestions.closest(to: typed, among: candidates) { return close }
        let lowered = typed.lowercased()
        guard !lowered.isEmpty else { return nil }
        let allowed = max(1, min(2, (lowered.count + 1) / 2))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = swapAwareDistance(Array(lowered), Array(candidate.lowercased()))
            if distance <= allowed, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        if let best { return best.name }
        return candidates.first { $0.lowercased().hasPrefix(lowered) }
            ?? (lowered.count >= 3 ? candidates.first { $0.lowercased().contains(lowered) } : nil)
    }

    /// Edit distance in which swapping two neighbouring letters costs one
    /// (optimal string alignment). Bounded: names here are short.
    static func swapAwareDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard a.count <= 200, b.count <= 200 else { return max(a.count, b.count) }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }
}
