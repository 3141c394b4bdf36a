import DealRules
import Foundation
import Testing

@Suite("JSON robustness")
struct JSONRobustnessTests {
    @Test("random strings survive the writer and parse back identically with Foundation and JSONReader")
    func randomStrings() throws {
        var random = SplitMix(seed: 42)
        let pool: [Unicode.Scalar] = ["\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "é", "—",
                                      "\u{2028}", "\u{FEFF}", "漢", "🚀", "a", " ", "{", "]", ":", ","]
        for _ in 0..<500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<random.below(20) { scalars.append(pool[random.below(pool.count)]) }
            let text = String(scalars)
            let ascii = random.below(2) == 0
            let written = JSONWriter.write(.array([.string(text)]), layout: .compact, asciiOnly: ascii)
            if ascii { #expect(written.unicodeScalars.allSatisfy { $0.isASCII }) }
            let viaFoundation = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String]
            #expect(viaFoundation == [text])
            let viaReader = try JSONReader.parse(written, path: "r.json").get()
            #expect(viaReader.value == .array([.string(text)]))
        }
    }

    @Test("mutated reports never crash the baseline reader")
    func mutatedReports() {
        let valid = Array(ReportRenderer.render(ReportFixtures.report(), format: .json, options: ReportOptions()).utf8)
        var random = SplitMix(seed: 7)
        let bytes: [UInt8] = Array("{}[]\",:\\u0 -e.1tfn".utf8) + [0x00, 0xC3, 0xFF]
        var accepted = 0
        for _ in 0..<300 {
            var mutated = valid
            for _ in 0..<(1 + random.below(4)) {
                let position = random.below(mutated.count)
                switch random.below(3) {
                case 0: mutated[position] = bytes[random.below(bytes.count)]
                case 1: mutated.remove(at: position)
                default: mutated.insert(bytes[random.below(bytes.count)], at: position)
                }
            }
            switch Baseline.parse(String(decoding: mutated, as: UTF8.self), path: "m.json") {
            case .success: accepted += 1
            case .failure(let diagnostic):
                #expect(["E802", "E803"].contains(diagnostic.code))
                #expect((diagnostic.resolvedLocation?.line ?? 0) >= 1)
            }
        }
        // Mutations inside strings keep the report valid; most others do not.
        #expect(accepted < 300)
    }
}
