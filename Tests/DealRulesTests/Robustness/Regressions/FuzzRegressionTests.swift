import Foundation
import Testing

/// Inputs the fuzz targets (Fuzz/, `make fuzz`) once crashed on, or that
/// were found to break one of their checks, replayed through the same
/// calls. Each case names the target and says what went wrong before the
/// fix; the input is base64 so that any bytes can be kept.
@Suite("Robustness: fuzz regressions")
struct FuzzRegressionTests {
    @Test(arguments: FuzzRegressionCases.all)
    func replay(_ regression: FuzzRegressionCase) throws {
        let bytes = try #require(Data(base64Encoded: regression.base64), "bad base64 in \(regression.name)")
        let started = Date()
        let result = FuzzReplay.run(regression.target, [UInt8](bytes))
        #expect(result.problems.isEmpty, "\(regression.name): \(result.problems)")
        // A hang is a finding too: every kept input must run quickly.
        #expect(Date().timeIntervalSince(started) < 10, "\(regression.name) took too long")
    }

    @Test func everyTargetHasASeedCase() {
        let covered = Set(FuzzRegressionCases.all.map(\.target))
        #expect(covered == Set(FuzzReplay.Target.allCases))
    }
}

struct FuzzRegressionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var target: FuzzReplay.Target
    /// What happened before the fix.
    var found: String
    var base64: String

    var testDescription: String { "\(target.rawValue): \(name)" }

    init(_ name: String, _ target: FuzzReplay.Target, found: String, base64: String) {
        self.name = name
        self.target = target
        self.found = found
        self.base64 = base64
    }

    /// For hand-written hostile inputs kept beside the found ones.
    init(_ name: String, _ target: FuzzReplay.Target, found: String, text: String) {
        self.init(name, target, found: found, base64: Data(text.utf8).base64EncodedString())
    }
}
