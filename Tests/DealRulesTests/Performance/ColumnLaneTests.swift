@testable import DealRules
import Testing

/// Lanes hold a column's rows while it is built; what they give back must
/// be exactly what was written, blanks elsewhere, and nothing until made.
@Suite struct ColumnLaneTests {
    @Test func rowsComeBackAsWrittenWithBlanksElsewhere() {
        var lane = ColumnLane<Int32>(count: 6, blank: -1)
        #expect(lane.isEmpty && lane.array.isEmpty)
        lane.make()
        lane[2] = 7
        lane[5] = 9
        lane.make() // a second make keeps the rows
        #expect(!lane.isEmpty)
        #expect(lane.array == [-1, -1, 7, -1, -1, 9])
        #expect(lane[2] == 7)
    }

    @Test func placingCopiesARangeAndMakesTheLane() {
        var lane = ColumnLane<UInt8>(count: 5, blank: 0)
        lane.place([], at: 0)
        #expect(lane.isEmpty, "nothing placed, nothing made")
        lane.place([1, 2], at: 3)
        lane.place([4], at: 0)
        #expect(lane.array == [4, 0, 0, 1, 2])
        let made = ColumnLane<Bool>(count: 3, blank: true, made: true)
        #expect(made.array == [true, true, true])
    }

    /// Two builders never share a lane's rows: a copy of a built column is
    /// an array of its own.
    @Test func arraysAreCopiesOfTheRows() {
        let lane = ColumnLane<Int64>(count: 2, blank: 0, made: true)
        lane[0] = 5
        let first = lane.array
        lane[0] = 6
        #expect(first == [5, 0] && lane.array == [6, 0])
    }
}
