@testable import DealRules
import Testing

/// The group keys that join a run's subjects must be exactly those that no
/// deal's subject equals — as `String` equality has it, canonical
/// equivalence included — whether or not the ASCII sieve rules subjects out.
@Suite struct KeysAmongSubjectsTests {
    /// What the run did before the sieve: every subject looked up.
    static func reference(_ keys: [String], _ subjects: [String]) -> [String] {
        var fresh = Set(keys)
        for subject in subjects { fresh.remove(subject) }
        var missing: [String] = []
        for key in keys where fresh.remove(key) != nil { missing.append(key) }
        return missing
    }

    static let texts = [
        "portfolio", "Oracle", "deal-17", "deal-170", "", "K", "Key", "\u{212A}ey", "\u{212A}", "caf\u{E9}", "cafe\u{301}",
        "Microsoft Azure", "Microsoft Azurf", "Oracle ", "a", "Z", "deal-1", "Oracl\u{65}",
    ]

    @Test func missingKeysAreThoseNoSubjectEquals() {
        var state: UInt64 = 7
        func below(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let texts = KeysAmongSubjectsTests.texts
        for _ in 0..<2_000 {
            let keys = (0..<below(5)).map { _ in texts[below(texts.count)] }
            let subjects = (0..<below(12)).map { _ in texts[below(texts.count)] }
            #expect(KeysAmongSubjects.missing(keys, from: subjects) == KeysAmongSubjectsTests.reference(keys, subjects),
                    "keys \(keys.map(\.unicodeScalars.description)), subjects \(subjects.map(\.unicodeScalars.description))")
        }
    }

    @Test func canonicallyEqualTextsAreTheSameSubject() {
        // KELVIN SIGN is `K`; a decomposed é is the composed one.
        #expect(KeysAmongSubjects.missing(["Key", "portfolio"], from: ["\u{212A}ey", "deal-1"]) == ["portfolio"])
        #expect(KeysAmongSubjects.missing(["\u{212A}ey"], from: ["Key"]) == [])
        #expect(KeysAmongSubjects.missing(["caf\u{E9}"], from: ["cafe\u{301}"]) == [])
        // Repeated keys join once.
        #expect(KeysAmongSubjects.missing(["Oracle", "Oracle", "AWS"], from: ["AWS"]) == ["Oracle"])
    }

    @Test func theSieveRulesOutOnlyWhatCannotBeEqual() throws {
        let sieve = try #require(KeysAmongSubjects.ASCIISieve(["Oracle", "portfolio"]))
        #expect(sieve.rulesOut("deal-17"))
        #expect(!sieve.rulesOut("Oracle"))
        #expect(!sieve.rulesOut("Orocle")) // same length and ends: looked up
        #expect(!sieve.rulesOut("\u{212A}"))  // not ASCII: looked up
        #expect(KeysAmongSubjects.ASCIISieve(["caf\u{E9}"]) == nil)
        #expect(KeysAmongSubjects.ASCIISieve((0...KeysAmongSubjects.ASCIISieve.largestKeyCount).map { "k\($0)" }) == nil)
    }
}
