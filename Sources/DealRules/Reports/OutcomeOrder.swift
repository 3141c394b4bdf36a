import DealRulesModel

/// Where one outcome sits in a report's order: the ranks of its rule and
/// subject, and its offset across findings, undetermined and clear
/// outcomes (in that order; see `CheckReport.outcome(atOffset:)`).
struct OutcomePlace: Equatable, Sendable {
    let rule: Int
    let subject: Int
    let offset: Int
}

/// A report's outcomes in the order a format lists them — by subject then
/// rule, or by rule then subject — the report's own order breaking ties.
///
/// A large portfolio lists millions of outcomes. Each place is packed into
/// one word, the major rank in the high bits, then the minor rank, then
/// the offset, and the words are sorted as plain integers: 8 bytes an
/// outcome, and no comparison closure. Only when the three do not fit in
/// a word (billions of outcomes) are places kept whole and sorted as tuples.
struct OutcomeOrder: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case packed([UInt64])
        case wide([OutcomePlace])
    }

    private let storage: Storage
    private let subjectFirst: Bool
    private let minorBits: Int
    private let offsetBits: Int

    /// Orders places given as (rule rank, subject rank, offset).
    /// `places` is called twice (once to size the fields, once to fill
    /// them) and must give the same places both times; offsets need not
    /// start at 0 or follow each other, so an order may hold some outcomes
    /// only (`RuleByRuleOrder`). `wordBits` is 64 except in tests, which
    /// shrink it to take the wide path.
    init(subjectFirst: Bool, wordBits: Int = UInt64.bitWidth,
         places: ((_ rule: Int, _ subject: Int, _ offset: Int) -> Void) -> Void) {
        var bounds = Bounds()
        places { rule, subject, offset in
            bounds.largestRule = Swift.max(bounds.largestRule, rule)
            bounds.largestSubject = Swift.max(bounds.largestSubject, subject)
            bounds.largestOffset = Swift.max(bounds.largestOffset, offset)
            bounds.count += 1
        }
        self.init(subjectFirst: subjectFirst, wordBits: wordBits, bounds: bounds, places: places)
    }

    /// What sizes an order's fields: no place's rule, subject or offset
    /// may be larger than these; `count` only reserves room.
    struct Bounds {
        var largestRule = 0
        var largestSubject = 0
        var largestOffset = 0
        var count = 0
    }

    /// The same when the bounds are known already: `places` is called once.
    init(subjectFirst: Bool, wordBits: Int = UInt64.bitWidth, bounds: Bounds,
         places: ((_ rule: Int, _ subject: Int, _ offset: Int) -> Void) -> Void) {
        self.subjectFirst = subjectFirst
        let largestRule = bounds.largestRule
        let largestSubject = bounds.largestSubject
        let largestOffset = bounds.largestOffset
        let count = bounds.count
        let ruleBits = OutcomeOrder.bits(toHold: largestRule)
        let subjectBits = OutcomeOrder.bits(toHold: largestSubject)
        offsetBits = OutcomeOrder.bits(toHold: largestOffset)
        minorBits = subjectFirst ? ruleBits : subjectBits
        guard ruleBits + subjectBits + offsetBits <= wordBits else {
            var wide: [OutcomePlace] = []
            wide.reserveCapacity(count)
            places { rule, subject, offset in wide.append(OutcomePlace(rule: rule, subject: subject, offset: offset)) }
            if subjectFirst {
                wide.sort { ($0.subject, $0.rule, $0.offset) < ($1.subject, $1.rule, $1.offset) }
            } else {
                wide.sort { ($0.rule, $0.subject, $0.offset) < ($1.rule, $1.subject, $1.offset) }
            }
            storage = .wide(wide)
            return
        }
        var words: [UInt64] = []
        words.reserveCapacity(count)
        let minorShift = UInt64(offsetBits)
        let majorShift = UInt64(offsetBits + minorBits)
        places { rule, subject, offset in
            let major = UInt64(subjectFirst ? subject : rule)
            let minor = UInt64(subjectFirst ? rule : subject)
            words.append(major << majorShift | minor << minorShift | UInt64(offset))
        }
        WordSort.sort(&words)
        storage = .packed(words)
    }

    /// Bits that hold every value from 0 to `value` (0 for 0).
    static func bits(toHold value: Int) -> Int {
        value <= 0 ? 0 : Int.bitWidth - value.leadingZeroBitCount
    }

    var startIndex: Int { 0 }

    var endIndex: Int {
        switch storage {
        case .packed(let words): return words.count
        case .wide(let places): return places.count
        }
    }

    subscript(index: Int) -> OutcomePlace {
        switch storage {
        case .wide(let places):
            return places[index]
        case .packed(let words):
            let word = words[index]
            let offset = Int(word & OutcomeOrder.mask(offsetBits))
            let minor = Int((word >> UInt64(offsetBits)) & OutcomeOrder.mask(minorBits))
            let major = Int(word >> UInt64(offsetBits + minorBits))
            return subjectFirst
                ? OutcomePlace(rule: minor, subject: major, offset: offset)
                : OutcomePlace(rule: major, subject: minor, offset: offset)
        }
    }

    private static func mask(_ bits: Int) -> UInt64 {
        bits >= UInt64.bitWidth ? UInt64.max : (1 << UInt64(bits)) - 1
    }
}

/// Ranks of a report's subjects in `orderedSubjects` order, for ordering
/// its outcomes without a table keyed by subject: a deal's outcome names
/// its row, and the row's rank is the first row with the same subject
/// (`firstOfRow`). Subjects given by name are looked up once each.
///
/// Equal subjects are found by sorting the rows' hashes (packed with the
/// row into one word) and comparing the strings of equal hashes: 12 bytes
/// a subject while ranking, against some 50 for a dictionary of strings.
struct SubjectRanks {
    /// The rank of each row of `subjects`.
    private let firstOfRow: [UInt32]
    /// Ranks of the subjects given by name.
    private var named: [String: Int] = [:]
    /// Every row and every name given ranks below this.
    let bound: Int

    /// `names`: the subjects outcomes give by name, in the order they are
    /// first met; those missing from `subjects` rank after every row, in
    /// that order (as `CheckReport.orderedSubjects` lists them).
    init(subjects: [String], names: [String]) {
        let count = subjects.count
        bound = count + names.count
        // More rows than 32 bits hold cannot be in memory (16 bytes a subject).
        guard count < Int(UInt32.max) else {
            firstOfRow = []
            named = Dictionary(names.enumerated().map { ($1, count + $0) }, uniquingKeysWith: { first, _ in first })
            return
        }
        let rowBits = OutcomeOrder.bits(toHold: count)
        let rowMask: UInt64 = (1 << UInt64(rowBits)) - 1
        func hashPart(_ subject: String) -> UInt64 { UInt64(bitPattern: Int64(subject.hashValue)) << UInt64(rowBits) }
        var words: [UInt64] = []
        words.reserveCapacity(count)
        for row in 0..<count { words.append(hashPart(subjects[row]) | UInt64(row)) }
        WordSort.sort(&words)
        var first = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<count { buffer[row] = UInt32(truncatingIfNeeded: row) }
            initialized = count
        }
        // In a run of equal hashes rows come in order, so the first row
        // of each distinct subject is met before its repeats.
        var start = 0
        var distinct: [Int] = []
        while start < count {
            var end = start + 1
            while end < count, words[end] & ~rowMask == words[start] & ~rowMask { end += 1 }
            if end - start > 1 {
                distinct.removeAll(keepingCapacity: true)
                for position in start..<end {
                    let row = Int(words[position] & rowMask)
                    if let earlier = distinct.first(where: { subjects[$0] == subjects[row] }) {
                        first[row] = UInt32(truncatingIfNeeded: earlier)
                    } else {
                        distinct.append(row)
                    }
                }
            }
            start = end
        }
        firstOfRow = first
        var extra = count
        for name in names where named[name] == nil {
            if let row = SubjectRanks.firstRow(of: name, hash: hashPart(name), in: words, rowMask: rowMask, subjects: subjects) {
                named[name] = row
            } else {
                named[name] = extra
                extra += 1
            }
        }
    }

    /// The first row whose subject is `name`, found among the sorted words.
    private static func firstRow(of name: String, hash: UInt64, in words: [UInt64], rowMask: UInt64, subjects: [String]) -> Int? {
        var low = 0
        var high = words.count
        while low < high {
            let middle = low + (high - low) / 2
            if words[middle] & ~rowMask < hash { low = middle + 1 } else { high = middle }
        }
        while low < words.count, words[low] & ~rowMask == hash {
            let row = Int(words[low] & rowMask)
            if subjects[row] == name { return row }
            low += 1
        }
        return nil
    }

    func rank(_ subject: OutcomeSubject) -> Int {
        switch subject {
        case .row(let row):
            return firstOfRow.indices.contains(row) ? Int(firstOfRow[row]) : row
        case .named(let name):
            // Every name was given to `init`; any other ranks last.
            return named[name] ?? Int(UInt32.max)
        }
    }
}

extension CheckReport {
    /// Calls `body` with the rule and key of every listed outcome, in
    /// order: findings, undetermined outcomes, then clear ones when
    /// `includeClear`.
    func forEachKey(includeClear: Bool, _ body: (SharedRuleInfo, OutcomeSubject) -> Void) {
        findingList.forEachKey(body)
        undeterminedList.forEachKey(body)
        if includeClear { clearList.forEachKey(body) }
    }

    /// The subjects outcomes give by name (groups, `portfolio`), each once,
    /// in the order they are first met: what `SubjectRanks` is given.
    func namedSubjects(includeClear: Bool) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        forEachKey(includeClear: includeClear) { _, subject in
            if case .named(let name) = subject, seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// The outcomes' places in report order — by rule then subject, or by
    /// subject then rule — without copying the outcomes: ranks follow
    /// `orderedRules` (pass them when already made) and `orderedSubjects`,
    /// and the offset breaks ties, so equal keys keep their given order.
    func outcomeOrder(includeClear: Bool, subjectFirst: Bool, rules: [RuleInfo]? = nil,
                      wordBits: Int = UInt64.bitWidth) -> OutcomeOrder {
        let ranking = OutcomeRanking(self, includeClear: includeClear, rules: rules ?? orderedRules)
        return OutcomeOrder(subjectFirst: subjectFirst, wordBits: wordBits) { visit in
            var offset = 0
            forEachKey(includeClear: includeClear) { rule, subject in
                visit(ranking.rank(of: rule), ranking.subjects.rank(subject), offset)
                offset += 1
            }
        }
    }
}

/// What ordering a report's outcomes ranks them by: rules by their place
/// in the rules given (`orderedRules`; any other after them all), subjects
/// by `SubjectRanks`.
final class OutcomeRanking {
    let rules: [RuleInfo]
    let subjects: SubjectRanks
    private var rankOfName: [String: Int] = [:]
    /// Outcomes of one rule share its description: each is looked up once
    /// (the cache holds them, so no identity is reused meanwhile).
    private var rankOfRule: [ObjectIdentifier: (rule: SharedRuleInfo, rank: Int)] = [:]
    private var last: (rule: SharedRuleInfo, rank: Int)?

    init(_ report: CheckReport, includeClear: Bool, rules: [RuleInfo]) {
        self.rules = rules
        for (rank, rule) in rules.enumerated() where rankOfName[rule.name] == nil { rankOfName[rule.name] = rank }
        subjects = SubjectRanks(subjects: report.subjects, names: report.namedSubjects(includeClear: includeClear))
    }

    func rank(of rule: SharedRuleInfo) -> Int {
        // Outcomes come rule by rule: most ask about the rule just asked about.
        if let last, last.rule === rule { return last.rank }
        let id = ObjectIdentifier(rule)
        if let known = rankOfRule[id] {
            last = known
            return known.rank
        }
        let rank = rankOfName[rule.info.name] ?? rules.count
        rankOfRule[id] = (rule, rank)
        last = (rule, rank)
        return rank
    }
}
