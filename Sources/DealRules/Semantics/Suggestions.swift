/// "Did you mean …?" by edit distance, for unknown names and symbols.
public enum Suggestions {
    /// The closest candidate within a distance proportional to the length.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        var best: (String, Int)? = nil
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            let allowed = max(1, min(3, target.count / 3))
            guard distance <= allowed, distance > 0 || candidate.lowercased() != word.lowercased() else { continue }
            if let current = best, current.1 <= distance { continue }
            best = (candidate, distance)
        }
        return best?.0
    }

    /// Levenshtein distance, bounded in cost by the (short) names compared.
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
