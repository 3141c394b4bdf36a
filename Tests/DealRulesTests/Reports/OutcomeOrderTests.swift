@testable import DealRules
import DealRulesModel
import Testing

/// `CheckReport.outcomeOrder` ranks subjects by row and packs each place
/// into one word. It must give exactly the order of ranking every outcome's
/// subject and rule by name in `orderedSubjects` and `orderedRules` and
/// sorting the three-part places, whatever the duplicates among subjects.
@Suite("report order of outcomes")
struct OutcomeOrderTests {
    /// The order by names: what the packed order must equal.
    static func placesByName(_ report: CheckReport, includeClear: Bool, subjectFirst: Bool) -> [OutcomePlace] {
        let ruleRank = Dictionary(report.orderedRules.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let subjectRank = Dictionary(report.orderedSubjects.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var places: [(rule: Int, subject: Int, offset: Int)] = []
        func add(_ rule: SharedRuleInfo, _ subject: String) {
            places.append((ruleRank[rule.info.name] ?? Int.max, subjectRank[subject] ?? Int.max, places.count))
        }
        report.findingList.forEachName(add)
        report.undeterminedList.forEachName(add)
        if includeClear { report.clearList.forEachName(add) }
        if subjectFirst {
            places.sort { ($0.subject, $0.rule, $0.offset) < ($1.subject, $1.rule, $1.offset) }
        } else {
            places.sort { ($0.rule, $0.subject, $0.offset) < ($1.rule, $1.subject, $1.offset) }
        }
        return places.map { OutcomePlace(rule: $0.rule, subject: $0.subject, offset: $0.offset) }
    }

    /// What a format reads of an order: the outcomes' offsets, and which
    /// neighbours share a subject (ranks themselves may be numbered apart).
    static func shape(_ places: [OutcomePlace]) -> (offsets: [Int], sameSubjectAsBefore: [Bool], sameRuleAsBefore: [Bool]) {
        let offsets = places.map(\.offset)
        let sameSubject = places.indices.map { $0 > 0 && places[$0].subject == places[$0 - 1].subject }
        let sameRule = places.indices.map { $0 > 0 && places[$0].rule == places[$0 - 1].rule }
        return (offsets, sameSubject, sameRule)
    }

    static let groupedRules = """
    rule "g1" for each hyperscaler
      when count of deals where kind is compute is at least 2
      flag g1
    rule "d1"
      when chip roadmap is unvalidated
      flag d1
    rule "g2" for each kind
      when count of deals is at least 3
      flag g2
    """

    static func program(_ rules: String) throws -> CheckedProgram {
        rules == "grouped rules"
            ? try KernelAgreementTests.program(rules: groupedRules)
            : try DetailsLaterTests.program(rules)
    }

    /// The outcomes of `rules` over random deals of which many share a
    /// subject, some far apart, and one is named like the portfolio.
    static func outcomesWithRepeatedSubjects(_ rules: String, seed: UInt64, count: Int, every: Int, from: Int, to: (Int) -> Int,
                                             portfolioAt: Int) throws -> RuleOutcomes {
        let program = try Self.program(rules)
        var random = RandomDeals(seed: seed)
        var deals = random.deals(count)
        for index in deals.indices where index % every == from { deals[index].subject = deals[to(index)].subject }
        deals[portfolioAt].subject = "portfolio"
        let subjects = deals.map(\.subject)
        #expect(Set(subjects).count < subjects.count - count / 10, "the data repeats subjects")
        return RuleRunner.evaluate(program, deals: deals, options: RuleRunner.Options(asOf: DetailsLaterTests.asOf))
    }

    @Test("packed and wide orders equal the order by names, duplicates and all",
          arguments: ["Rules", "Benchmarks/rules", "portfolio rules", "grouped rules"])
    func sameOrderAsByNames(_ rules: String) throws {
        let outcomes = try Self.outcomesWithRepeatedSubjects(rules, seed: 913, count: 250, every: 7, from: 3, to: { $0 / 2 }, portfolioAt: 5)
        Self.forEachReport(of: outcomes) { report, includeClear, label in
            for subjectFirst in [true, false] {
                let expected = Self.shape(Self.placesByName(report, includeClear: includeClear, subjectFirst: subjectFirst))
                #expect(!expected.offsets.isEmpty)
                for wordBits in [64, 8] {
                    let order = Array(report.outcomeOrder(includeClear: includeClear, subjectFirst: subjectFirst, wordBits: wordBits))
                    let found = Self.shape(order)
                    let label = "\(rules) \(label) subject first \(subjectFirst) bits \(wordBits)"
                    #expect(found.offsets == expected.offsets, "\(label)")
                    #expect(found.sameSubjectAsBefore == expected.sameSubjectAsBefore, "\(label)")
                    #expect(found.sameRuleAsBefore == expected.sameRuleAsBefore, "\(label)")
                }
            }
        }
    }

    /// Calls `body` with the report of `outcomes` made both ways (details
    /// later and in full), with clear outcomes listed and not.
    static func forEachReport(of outcomes: RuleOutcomes, _ body: (CheckReport, Bool, String) -> Void) {
        for detailsLater in [true, false] {
            for includeClear in [false, true] {
                let report = detailsLater
                    ? outcomes.report(includeClear: includeClear, detailsLater: true)
                    : outcomes.report(includeClear: includeClear)
                body(report, includeClear, "details later \(detailsLater) clear \(includeClear)")
            }
        }
    }

    @Test("ordered one rule at a time, the outcomes come in the order by rule then subject",
          arguments: ["Rules", "Benchmarks/rules", "portfolio rules", "grouped rules"])
    func ruleByRuleIsTheOrderByRule(_ rules: String) throws {
        let outcomes = try Self.outcomesWithRepeatedSubjects(rules, seed: 915, count: 240, every: 6, from: 2, to: { $0 / 2 }, portfolioAt: 4)
        Self.forEachReport(of: outcomes) { report, includeClear, label in
            let expected = Self.placesByName(report, includeClear: includeClear, subjectFirst: false)
            #expect(expected.count == report.findingList.count + report.undeterminedList.count
                + (includeClear ? report.clearList.count : 0))
            for wordBits in [64, 8] {
                let orders = RuleByRuleOrder(report, includeClear: includeClear, rules: report.orderedRules, wordBits: wordBits)
                var found: [OutcomePlace] = []
                for rank in report.orderedRules.indices {
                    let order = Array(orders.order(ofRule: rank))
                    #expect(order.allSatisfy { $0.rule == rank })
                    found += order
                }
                let label = "\(rules) \(label) bits \(wordBits)"
                #expect(Self.shape(found).offsets == Self.shape(expected).offsets, "\(label)")
                #expect(Self.shape(found).sameSubjectAsBefore == Self.shape(expected).sameSubjectAsBefore, "\(label)")
            }
        }
    }

    @Test("ordered a stretch of subjects at a time, the outcomes come in the order by subject then rule",
          arguments: ["Rules", "Benchmarks/rules", "portfolio rules", "grouped rules"])
    func stretchesAreTheOrderBySubject(_ rules: String) throws {
        let outcomes = try Self.outcomesWithRepeatedSubjects(rules, seed: 919, count: 230, every: 5, from: 2, to: { $0 / 2 }, portfolioAt: 8)
        Self.forEachReport(of: outcomes) { report, includeClear, label in
            let expected = Self.shape(Self.placesByName(report, includeClear: includeClear, subjectFirst: true))
            for partWords in [1, 7, 60, SubjectStretchOrder.partWords] {
                for wordBits in [64, 8] {
                    let order = SubjectStretchOrder(report, includeClear: includeClear, wordBits: wordBits, partWords: partWords)
                    #expect(order.parts.count <= SubjectStretchOrder.mostParts)
                    // A part holds whole subjects: more than one only where there are several.
                    let subjects = zip(expected.offsets, expected.sameSubjectAsBefore).filter { !$0.1 }.count
                    if partWords >= expected.offsets.count { #expect(order.parts.count == 1) }
                    if partWords < expected.offsets.count / 2, subjects > 50 { #expect(order.parts.count > 1) }
                    var found: [OutcomePlace] = []
                    for part in order.parts.indices {
                        let places = Array(order.order(ofPart: part))
                        #expect(places.allSatisfy { order.parts[part].contains($0.subject) })
                        found += places
                    }
                    let label = "\(rules) \(label) part \(partWords) bits \(wordBits)"
                    #expect(Self.shape(found).offsets == expected.offsets, "\(label)")
                    #expect(Self.shape(found).sameSubjectAsBefore == expected.sameSubjectAsBefore, "\(label)")
                    #expect(Self.shape(found).sameRuleAsBefore == expected.sameRuleAsBefore, "\(label)")
                }
            }
        }
    }

    @Test("the text report is the same ordered in stretches of subjects or whole, subjects repeated")
    func textInStretches() throws {
        let outcomes = try Self.outcomesWithRepeatedSubjects("Benchmarks/rules", seed: 920, count: 200, every: 4, from: 3, to: { $0 / 2 },
                                                             portfolioAt: 2)
        for showClear in [false, true] {
            var report = outcomes.report(includeClear: showClear, detailsLater: true)
            report.showClear = showClear
            var whole = ""
            TextReport.write(report, options: ReportOptions(), chunks: ReportChunks(nil), into: &whole, partWords: Int.max)
            #expect(whole.contains("portfolio"))
            for partWords in [1, 9, 100] {
                var parted = ""
                TextReport.write(report, options: ReportOptions(), chunks: ReportChunks(nil), into: &parted, partWords: partWords)
                #expect(parted == whole, "show clear \(showClear) part \(partWords)")
            }
        }
    }

    @Test("JUnit and HTML written from listings equal those of the full report, subjects repeated",
          arguments: ["Rules", "Benchmarks/rules", "grouped rules"])
    func reportsWithRepeatedSubjects(_ rules: String) throws {
        let outcomes = try Self.outcomesWithRepeatedSubjects(rules, seed: 917, count: 220, every: 4, from: 1, to: { $0 / 3 }, portfolioAt: 6)
        let later = outcomes.report(includeClear: true, detailsLater: true)
        let full = outcomes.report(includeClear: true)
        #expect(later.clearList.count == full.clearList.count && !full.clearList.isEmpty)
        for format in [ReportFormat.junit, .html] {
            let fromListings = ReportRenderer.render(later, format: format, options: ReportOptions())
            #expect(fromListings == ReportRenderer.render(full, format: format, options: ReportOptions()), "\(rules) \(format)")
        }
    }

    @Test("the rows of a place are the rows with its subject")
    func rowsOfPlaces() throws {
        let outcomes = try Self.outcomesWithRepeatedSubjects("Rules", seed: 918, count: 150, every: 3, from: 2, to: { $0 / 2 }, portfolioAt: 9)
        let report = outcomes.report(includeClear: true, detailsLater: true)
        let rows = SubjectRows(report)
        var seen: [Int] = []
        for (place, subject) in rows.ordered.enumerated() {
            let own = rows.placeRows.rows(ofPlace: place)
            #expect(own == report.subjects.indices.filter { report.subjects[$0] == subject }, "\(subject)")
            seen += own
        }
        #expect(seen.sorted() == Array(report.subjects.indices))
        let unique = PlaceRows(subjectCount: 4, distinctCount: 4) { $0 }
        #expect((0..<5).map(unique.rows(ofPlace:)) == [[0], [1], [2], [3], []])
    }

    @Test("a listing hands out the outcomes of the rules asked for, and no others")
    func listingByRule() throws {
        let outcomes = try Self.outcomesWithRepeatedSubjects("grouped rules", seed: 916, count: 120, every: 9, from: 4, to: { $0 / 2 },
                                                             portfolioAt: 3)
        let report = outcomes.report(includeClear: true, detailsLater: true)
        var all: [(Int, String)] = []
        var index = 0
        report.clearList.forEachName { rule, _ in all.append((index, rule.info.name)); index += 1 }
        for name in ["g1", "d1", "g2", "none"] {
            var picked: [Int] = []
            report.clearList.forEachKey(ofRule: { $0.info.name == name }) { index, rule, _ in
                #expect(rule.info.name == name)
                picked.append(index)
            }
            #expect(picked == all.filter { $0.1 == name }.map(\.0), "\(name)")
            #expect(name == "none" ? picked.isEmpty : !picked.isEmpty, "\(name)")
        }
    }

    @Test("subject rows list the ordered subjects and place every outcome at its own subject",
          arguments: ["Rules", "portfolio rules", "grouped rules"])
    func subjectRowsAreTheOrderedSubjects(_ rules: String) throws {
        let outcomes = try Self.outcomesWithRepeatedSubjects(rules, seed: 914, count: 200, every: 5, from: 1, to: { $0 / 3 }, portfolioAt: 7)
        for detailsLater in [true, false] {
            let report = detailsLater ? outcomes.report(includeClear: true, detailsLater: true) : outcomes.report(includeClear: true)
            let rows = SubjectRows(report)
            #expect(rows.ordered == report.orderedSubjects)
            var placed = 0
            var names: [String] = []
            report.findingList.forEachName { names.append($1) }
            report.undeterminedList.forEachName { names.append($1) }
            report.clearList.forEachName { names.append($1) }
            var keys: [OutcomeSubject] = []
            report.findingList.forEachKey { keys.append($1) }
            report.undeterminedList.forEachKey { keys.append($1) }
            report.clearList.forEachKey { keys.append($1) }
            #expect(keys.count == names.count && !names.isEmpty)
            for (key, name) in zip(keys, names) {
                let place = rows.place(key)
                #expect(rows.ordered.indices.contains(place) && rows.ordered[place] == name, "\(name)")
                placed += 1
            }
            #expect(placed == report.outcomeCount)
        }
    }

    @Test("a deal's outcomes are keyed by row, a group's by name")
    func keysOfOutcomes() throws {
        let program = try Self.program("grouped rules")
        var random = RandomDeals(seed: 17)
        let outcomes = RuleRunner.evaluate(program, deals: random.deals(60), options: RuleRunner.Options(asOf: DetailsLaterTests.asOf))
        let report = outcomes.report(includeClear: true, detailsLater: true)
        var rows = 0
        var named: [String] = []
        report.clearList.forEachKey { rule, subject in
            switch subject {
            case .row(let row):
                rows += 1
                #expect(rule.info.name == "d1")
                #expect(report.subjects.indices.contains(row))
            case .named(let name):
                named.append(name)
                #expect(rule.info.name != "d1")
            }
        }
        #expect(rows > 0)
        #expect(!named.isEmpty)
        var names: [String] = []
        report.clearList.forEachName { _, subject in names.append(subject) }
        var keyed: [String] = []
        report.clearList.forEachKey { _, subject in
            switch subject {
            case .row(let row): keyed.append(report.subjects[row])
            case .named(let name): keyed.append(name)
            }
        }
        #expect(keyed == names)
    }

    @Test("subject ranks: a row ranks as the first row with its subject; names follow the rows")
    func subjectRanks() {
        let subjects = ["b", "a", "b", "c", "a", "", "", "b"]
        let ranks = SubjectRanks(subjects: subjects, names: ["zeta", "c", "b", "alpha", "zeta"])
        #expect(subjects.indices.map { ranks.rank(.row($0)) } == [0, 1, 0, 3, 1, 5, 5, 0])
        #expect(ranks.rank(.named("b")) == 0)
        #expect(ranks.rank(.named("c")) == 3)
        #expect(ranks.rank(.named("zeta")) == subjects.count)
        #expect(ranks.rank(.named("alpha")) == subjects.count + 1)
        // A row outside the subjects (never given) ranks as itself.
        #expect(ranks.rank(.row(40)) == 40)
        let empty = SubjectRanks(subjects: [], names: ["portfolio"])
        #expect(empty.rank(.named("portfolio")) == 0)
    }

    @Test("subject ranks tell apart subjects that differ only past the hash's kept bits or in form")
    func subjectRanksCompareStrings() {
        // "é" precomposed and decomposed are equal Strings: one subject.
        let subjects = ["caf\u{E9}", "cafe\u{301}", "cafe", "CAFÉ"]
        let ranks = SubjectRanks(subjects: subjects, names: ["cafe\u{301}"])
        #expect(subjects.indices.map { ranks.rank(.row($0)) } == [0, 0, 2, 3])
        #expect(ranks.rank(.named("cafe\u{301}")) == 0)
    }

    @Test("a field takes the bits of its largest value", arguments: [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (1_000_000, 20), (Int.max, 63)])
    func bitsToHold(_ value: Int, _ bits: Int) {
        #expect(OutcomeOrder.bits(toHold: value) == bits)
    }

    @Test("no outcomes give an empty order")
    func emptyOrder() {
        let order = OutcomeOrder(subjectFirst: true) { _ in }
        #expect(order.isEmpty)
    }
}
