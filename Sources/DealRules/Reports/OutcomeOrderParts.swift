import DealRulesModel

/// A report's outcomes by rule then subject, ordered one rule at a time:
/// what a format that lists every outcome rule by rule (JUnit) holds is
/// the order of one rule's outcomes, not of all of them (2 million words
/// at 100,000 deals and 20 rules). Finding a rule's outcomes skips whole
/// runs of other rules' (`OutcomeListing.forEachKey(ofRule:)`).
struct RuleByRuleOrder {
    private let report: CheckReport
    private let includeClear: Bool
    private let ranking: OutcomeRanking
    private let wordBits: Int

    init(_ report: CheckReport, includeClear: Bool, rules: [RuleInfo], wordBits: Int = UInt64.bitWidth) {
        self.report = report
        self.includeClear = includeClear
        self.wordBits = wordBits
        ranking = OutcomeRanking(report, includeClear: includeClear, rules: rules)
    }

    /// The places of the outcomes of the rule ranked `rank` among the
    /// rules given, by subject, then offset; every place's `rule` is `rank`.
    func order(ofRule rank: Int) -> OutcomeOrder {
        OutcomeOrder(subjectFirst: false, wordBits: wordBits) { visit in
            var base = 0
            func visitList<Outcome: NamedOutcome>(_ list: OutcomeListing<Outcome>) {
                list.forEachKey(ofRule: { ranking.rank(of: $0) == rank }) { index, _, subject in
                    visit(rank, ranking.subjects.rank(subject), base + index)
                }
                base += list.count
            }
            visitList(report.findingList)
            visitList(report.undeterminedList)
            if includeClear { visitList(report.clearList) }
        }
    }
}

/// A report's outcomes by subject then rule — the text report's order —
/// ordered a stretch of subjects at a time. One order of every outcome
/// is a word each (14.4 MB for the 1.8 million outcomes `--show-clear`
/// lists at 100,000 deals); split into `parts` of about equal size, at
/// most `mostParts` of them, it holds a part's words at a time, for one
/// pass over the outcomes' keys a part and one to size the parts.
struct SubjectStretchOrder {
    /// Ranges of subject ranks, in order; together they hold every rank.
    let parts: [Range<Int>]
    private let report: CheckReport
    private let includeClear: Bool
    private let ranking: OutcomeRanking
    private let wordBits: Int
    private let bounds: OutcomeOrder.Bounds
    /// Outcomes in each part.
    private let counts: [Int]

    /// Outcomes below which an order is made whole (2 MB of words).
    static let partWords = 1 << 18
    static let mostParts = 4
    /// How finely subject ranks are counted to place the parts' edges.
    private static let buckets = 4096

    init(_ report: CheckReport, includeClear: Bool, wordBits: Int = UInt64.bitWidth,
         partWords: Int = SubjectStretchOrder.partWords) {
        self.report = report
        self.includeClear = includeClear
        self.wordBits = wordBits
        let ranking = OutcomeRanking(report, includeClear: includeClear, rules: report.orderedRules)
        self.ranking = ranking
        // One pass sizes the words and counts the outcomes of subject
        // ranks in buckets of equal width, below the ranks' bound; parts
        // end at bucket edges, the last at no rank at all.
        let span = Swift.max(1, ranking.subjects.bound)
        let bucketCount = Swift.min(SubjectStretchOrder.buckets, span)
        var inBucket = [Int](repeating: 0, count: bucketCount)
        var bounds = OutcomeOrder.Bounds()
        SubjectStretchOrder.forEachPlace(report, includeClear: includeClear, ranking: ranking) { rule, subject, offset in
            bounds.largestRule = Swift.max(bounds.largestRule, rule)
            bounds.largestSubject = Swift.max(bounds.largestSubject, subject)
            bounds.largestOffset = Swift.max(bounds.largestOffset, offset)
            bounds.count += 1
            inBucket[Swift.min(subject, span - 1) * bucketCount / span] += 1
        }
        self.bounds = bounds
        let total = bounds.count
        let perPart = Swift.max(1, partWords)
        let wanted = Swift.min(SubjectStretchOrder.mostParts, total / perPart + (total % perPart == 0 ? 0 : 1))
        guard wanted > 1 else {
            parts = [0..<Int.max]
            counts = [total]
            return
        }
        // The first rank of bucket b (`span` for b = bucketCount).
        func firstRank(_ bucket: Int) -> Int { (bucket * span + bucketCount - 1) / bucketCount }
        let target = (total + wanted - 1) / wanted
        var parts: [Range<Int>] = []
        var counts: [Int] = []
        var start = 0
        var held = 0
        for bucket in 0..<bucketCount {
            held += inBucket[bucket]
            if held >= target, bucket + 1 < bucketCount {
                parts.append(firstRank(start)..<firstRank(bucket + 1))
                counts.append(held)
                start = bucket + 1
                held = 0
            }
        }
        parts.append(firstRank(start)..<Int.max)
        counts.append(held)
        self.parts = parts
        self.counts = counts
    }

    /// The places of the outcomes whose subject ranks in `parts[part]`,
    /// by subject, then rule, then offset.
    func order(ofPart part: Int) -> OutcomeOrder {
        let range = parts[part]
        var partBounds = bounds
        partBounds.count = counts[part]
        return OutcomeOrder(subjectFirst: true, wordBits: wordBits, bounds: partBounds) { visit in
            SubjectStretchOrder.forEachPlace(report, includeClear: includeClear, ranking: ranking) { rule, subject, offset in
                if range.contains(subject) { visit(rule, subject, offset) }
            }
        }
    }

    private static func forEachPlace(_ report: CheckReport, includeClear: Bool, ranking: OutcomeRanking,
                                     _ body: (_ rule: Int, _ subject: Int, _ offset: Int) -> Void) {
        var offset = 0
        report.forEachKey(includeClear: includeClear) { rule, subject in
            body(ranking.rank(of: rule), ranking.subjects.rank(subject), offset)
            offset += 1
        }
    }
}
