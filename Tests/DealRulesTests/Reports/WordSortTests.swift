@testable import DealRules
import Testing

/// The in-place sort of a report's order must give what the standard
/// library's sort gives, for every shape of input and on every path.
@Suite("Sorting words in place")
struct WordSortTests {
    static func shapes(_ count: Int, seed: UInt64) -> [[UInt64]] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
        let random: [UInt64] = (0..<count).map { _ in next() }
        let fewDistinct: [UInt64] = random.map { $0 % 3 }
        let organPipe: [UInt64] = (0..<count).map { index in UInt64(index < count / 2 ? index : count - index) }
        let alternating: [UInt64] = (0..<count).map { index in index % 2 == 0 ? UInt64(index) : UInt64.max - UInt64(index) }
        let highBit: [UInt64] = random.map { $0 | (1 << 63) } + [0]
        let same = [UInt64](repeating: 7, count: count)
        return [random, random.sorted(), random.sorted(by: >), same, fewDistinct, organPipe, alternating, highBit]
    }

    @Test(arguments: [0, 1, 2, 3, 24, 25, 26, 100, 1_000, 40_000])
    func sortsAsTheStandardLibraryDoes(count: Int) {
        for (number, words) in WordSortTests.shapes(count, seed: UInt64(count) + 1).enumerated() {
            var introsort = words
            WordSort.sort(&introsort)
            #expect(introsort == words.sorted(), "shape \(number), \(count) words")
            var heapsort = words
            WordSort.sort(&heapsort, depthLimit: 0)
            #expect(heapsort == words.sorted(), "shape \(number), \(count) words, heapsort")
            var shallow = words
            WordSort.sort(&shallow, depthLimit: 2)
            #expect(shallow == words.sorted(), "shape \(number), \(count) words, two partitions deep")
        }
    }
}
