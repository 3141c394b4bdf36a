/// "Did you mean …?" by edit distance, for misspelt keywords, names,
/// symbols, rule names and deal ids. Every stage suggests the same way.
public enum Suggestions {
    /// The closest candidate (compared case-insensitively). Without
    /// `maximumDistance` the allowance grows with the word's length (1 to 3)
    /// and an exact match is not a suggestion; with it, exactly that
    /// allowance applies and an exact match counts.
    public static func closest(to word: String, among candidates: [String], maximumDistance: Int? = nil) -> String? {
        let target = Array(word.lowercased())
        guard target.count <= 200 else { return nil }
        let allowed = maximumDistance ?? max(1, min(3, target.count / 3))
        var best: (candidate: String, distance: Int)? = nil
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if maximumDistance == nil && distance == 0 { continue }
            guard distance <= allowed else { continue }
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// Levenshtein distance; long inputs are not compared (their distance is
    /// taken as their length), so the cost stays bounded.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        guard a.count <= 200, b.count <= 200 else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
