import LineEditor
import Testing

@Suite("History location")
struct HistoryLocationTests {
    @Test func environmentVariableWins() {
        let path = HistoryLocation.resolve(
            environment: ["DEALRULES_HISTORY": "/tmp/session-history", "HOME": "/home/analyst"],
            passwordHome: "/home/other")
        #expect(path == "/tmp/session-history")
    }

    @Test func emptyEnvironmentVariableTurnsHistoryOff() {
        let path = HistoryLocation.resolve(
            environment: ["DEALRULES_HISTORY": "", "HOME": "/home/analyst"], passwordHome: nil)
        #expect(path == nil)
    }

    @Test func defaultsToAFileInHome() {
        #expect(HistoryLocation.resolve(environment: ["HOME": "/home/analyst"], passwordHome: nil)
            == "/home/analyst/.dealrules_history")
        #expect(HistoryLocation.resolve(environment: ["HOME": "/home/analyst/"], passwordHome: nil)
            == "/home/analyst/.dealrules_history")
    }

    @Test func fallsBackToThePasswordDatabaseHome() {
        #expect(HistoryLocation.resolve(environment: ["HOME": ""], passwordHome: "/var/lib/analyst")
            == "/var/lib/analyst/.dealrules_history")
        #expect(HistoryLocation.resolve(environment: [:], passwordHome: "/var/lib/analyst")
            == "/var/lib/analyst/.dealrules_history")
    }

    @Test func noHomeMeansNoHistory() {
        #expect(HistoryLocation.resolve(environment: [:], passwordHome: nil) == nil)
        #expect(HistoryLocation.resolve(environment: [:], passwordHome: "") == nil)
    }
}
