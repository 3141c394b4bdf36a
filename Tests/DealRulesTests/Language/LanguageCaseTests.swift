import Testing

/// Every `cases/*.case` file is one test, reported by its file name.
@Suite("Language cases")
struct LanguageCaseTests {
    static let caseNames = LanguageCaseRunner.caseNames()

    @Test("language case", arguments: caseNames)
    func languageCase(_ name: String) {
        let problems = LanguageCaseRunner.run(named: name)
        #expect(problems.isEmpty, Comment(rawValue: "\(name):\n  " + problems.joined(separator: "\n  ")))
    }

    @Test func suiteHasCases() {
        #expect(LanguageCaseTests.caseNames.count >= 150)
    }
}
