import LineEditor
import Testing

@Suite("Completion shaping")
struct CompletionShapingTests {
    @Test func singleWordMatchesShareTheirCommonPrefix() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["target", "tally", "other"], lineBeforeCursor: "x and ta", word: "ta")
        #expect(entries == ["ta", "target", "tally"])
    }

    @Test func multiWordNameCompletesOnlyFromTheCurrentWord() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["capacity target", "chip roadmap"], lineBeforeCursor: "capacity ta", word: "ta")
        #expect(entries == ["target"])
    }

    @Test func multiWordNamesAfterASpaceOfferTheirRest() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["capacity target", "capacity cost", "and"], lineBeforeCursor: "capacity ", word: "")
        #expect(entries == ["", "target", "cost", "and"])
    }

    @Test func multiWordNameStartedInTheCurrentWordIsOfferedWhole() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["capacity target", "capacity cost"], lineBeforeCursor: "if cap", word: "cap")
        #expect(entries == ["capacity ", "capacity target", "capacity cost"])
    }

    @Test func matchingIgnoresCase() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["capacity target"], lineBeforeCursor: "Capacity TA", word: "TA")
        #expect(entries == ["target"])
    }

    @Test func prefixShorterThanTheWordKeepsTheWord() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["TAble", "target"], lineBeforeCursor: "ta", word: "ta")
        #expect(entries == ["ta", "TAble", "target"])
    }

    @Test func metaCommandsCompleteAfterTheColon() {
        let entries = CompletionShaping.readlineEntries(
            candidates: [":load", ":list", ":help"], lineBeforeCursor: ":lo", word: "lo")
        #expect(entries == ["load"])
    }

    @Test func nestedFieldsCompleteAfterTheDot() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["source", "power source"], lineBeforeCursor: "power.so", word: "so")
        #expect(entries == ["source"])
    }

    @Test func hyphenAndApostropheStayInsideWords() {
        #expect(CompletionShaping.continuation(
            of: "lock-in", lineBeforeCursor: "is lock-i", word: "lock-i") == "lock-in")
        #expect(CompletionShaping.continuation(
            of: "deal value's source", lineBeforeCursor: "deal value's s", word: "s") == "source")
    }

    @Test func candidatesThatDoNotContinueTheTextAreDropped() {
        #expect(CompletionShaping.continuation(of: "cap", lineBeforeCursor: "xcap", word: "xcap") == nil)
        #expect(CompletionShaping.continuation(of: "cost", lineBeforeCursor: "capacity ta", word: "ta") == nil)
        #expect(CompletionShaping.readlineEntries(
            candidates: ["alpha"], lineBeforeCursor: "be", word: "be") == [])
    }

    @Test func aNameMatchesOnlyAtAWordBoundary() {
        // "acity target" must not match inside "capacity".
        #expect(CompletionShaping.continuation(
            of: "acity target", lineBeforeCursor: "capacity t", word: "t") == nil)
    }

    @Test func duplicateContinuationsAreOfferedOnce() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["and", "and", "capacity and"], lineBeforeCursor: "capacity an", word: "an")
        #expect(entries == ["and"])
    }

    @Test func aWordThatDoesNotEndTheLineIsCompletedAlone() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["capacity target", "target"], lineBeforeCursor: "capacity x", word: "ta")
        #expect(entries == ["target"])
    }

    @Test func nonASCIINamesComplete() {
        let entries = CompletionShaping.readlineEntries(
            candidates: ["Ünïcode fïeld", "Ünïcode fïle"], lineBeforeCursor: "ünïcode f", word: "f")
        #expect(entries == ["fï", "fïeld", "fïle"])
    }

    @Test(arguments: [
        (["capacity target", "capacity cost"], "capacity "),
        (["abc", "abd", "xyz"], ""),
        (["abc", "abd"], "ab"),
        (["same"], "same"),
        ([], ""),
        (["naïve", "naïf"], "naï"),
    ])
    func commonPrefix(strings: [String], expected: String) {
        #expect(CompletionShaping.commonPrefix(strings) == expected)
    }
}
