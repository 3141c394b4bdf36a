@testable import DealRules
import DealRulesModel
import Testing

/// The item lists of a collection field grow in memory of their own; they
/// must come out as a plain append would have made them, however far the
/// rows and items outgrow what the builder was made for.
@Suite struct ItemListBuilderTests {
    /// Row r holds: unknown every fifth row, a lone text every seventh,
    /// else a list of r % 6 texts (empty lists included).
    static func value(_ row: Int) -> Value {
        if row % 5 == 0 { return .unknown }
        if row % 7 == 0 { return .text("lone \(row)") }
        return .list((0..<(row % 6)).map { .text("item \(row).\($0)") })
    }

    @Test(arguments: [0, 1, 40], [true, false])
    func listsComeOutAsAppended(_ reserved: Int, inPlace: Bool) {
        let rows = 137
        var builder = ItemListBuilder(inPlace: inPlace ? ValueInPlace.layout : nil, rows: reserved)
        var starts = [0], known: [Bool] = [], owners: [UInt32] = []
        for row in 0..<rows {
            let value = ItemListBuilderTests.value(row)
            builder.add(value, row: row)
            let count: Int
            switch value {
            case .unknown: count = 0
            case .list(let items): count = items.count
            default: count = 1
            }
            known.append(!value.isUnknown)
            owners.append(contentsOf: repeatElement(UInt32(row), count: count))
            starts.append(owners.count)
        }
        let lists = builder.finish()
        #expect(lists.starts == starts)
        #expect(lists.known == known)
        #expect(lists.owners == owners)
        #expect(lists.collections.count == rows)
        for row in 0..<rows {
            #expect(ValueRendering.render(lists.collections[row]) == ValueRendering.render(ItemListBuilderTests.value(row)), "row \(row)")
        }
        // Finished, the builder holds nothing more, and has given its
        // memory back; rows added after that make it again.
        let empty = builder.finish()
        #expect(empty.collections.isEmpty && empty.starts == [0] && empty.owners.isEmpty)
        var fresh = ItemListBuilder(inPlace: inPlace ? ValueInPlace.layout : nil, rows: 20)
        for row in 0..<20 {
            builder.add(ItemListBuilderTests.value(row + 1), row: row)
            fresh.add(ItemListBuilderTests.value(row + 1), row: row)
        }
        let again = builder.finish(), expectedAgain = fresh.finish()
        #expect(again.starts == expectedAgain.starts && again.known == expectedAgain.known && again.owners == expectedAgain.owners)
        #expect(again.collections.count == 20 && !again.owners.isEmpty)
    }
}
