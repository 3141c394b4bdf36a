@testable import DealRules
import DealRulesModel
import Testing

/// `ValueInPlace` reads lists and records through a layout it found by
/// probing; these hold what it reads to what Swift's own copies hold, for
/// lists and records of every size, for texts and symbols short and long,
/// and for every other kind of value.
@Suite struct ValueInPlaceTests {
    static func record(_ count: Int) -> Value {
        .record(Record(entries: (0..<count).map { RecordEntry(key: "k\($0)", originalKey: "K\($0)", value: .integer($0)) }))
    }

    static let samples: [Value] = [
        .unknown, .boolean(true), .integer(7), .text("a text longer than fifteen bytes"), .symbol("gas"), .text("short"),
        .symbol("a symbol longer than fifteen bytes"),
        DateValue(dayNumber: 20_000).map(Value.date) ?? .unknown, .range(lower: .zero, upper: .one),
        .list([]), .list([.integer(1)]), .list((0..<9).map { .integer($0) }),
        .list((0..<300).map { $0 % 3 == 0 ? ValueInPlaceTests.record($0 % 5) : .text("item \($0)") }),
        record(0), record(1), record(12),
    ]

    @Test func aLayoutIsFoundOnThisPlatform() {
        // The machines this project builds on lay values out as one word;
        // a nil layout here would silently take the slower copying path.
        #expect(ValueInPlace.layout != nil)
        #expect(ValueInPlace.dealEntries != nil)
    }

    /// A deal's entries read in place are the record's own, for deals of
    /// every size (none, one, many, an array grown past its first
    /// storage); a packed deal is read as `Deal.withEntries` reads it.
    @Test(arguments: [false, true])
    func dealEntriesInPlaceAreTheRecords(_ packed: Bool) {
        var deals: [Deal] = (0..<40).map { index in
            var entries = (0..<(index % 13)).map { RecordEntry(key: "k\($0)", originalKey: "K\($0)", value: .integer(index * 100 + $0)) }
            if index % 9 == 8 { for extra in 0..<40 { entries.append(RecordEntry(key: "x\(extra)", originalKey: "x", value: .text("grown \(extra)"))) } }
            return Deal(record: Record(entries: entries), position: index + 1)
        }
        if packed { DealPack.pack(&deals) }
        let scratch = EntryScratch()
        deals.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            for index in buffer.indices {
                let read = ValueInPlace.withEntries(ofDeal: first + index, ValueInPlace.layout, entriesWord: ValueInPlace.dealEntries,
                                                    scratch: scratch, lean: nil) { entries in
                    entries.map { "\($0.key)=\(ValueRendering.render($0.value))" }
                }
                let expected = deals[index].record.entries.map { "\($0.key)=\(ValueRendering.render($0.value))" }
                #expect(read == expected, "deal \(index)")
                #expect((ValueInPlace.layout.flatMap { layout in
                    ValueInPlace.dealEntries.flatMap { ValueInPlace.entries(ofDeal: first + index, layout, entriesWord: $0) }
                } == nil) == packed)
            }
        }
    }

    @Test(arguments: ValueInPlaceTests.samples.indices)
    func readsWhatACopyHolds(_ index: Int) throws {
        let layout = try #require(ValueInPlace.layout)
        let value = ValueInPlaceTests.samples[index]
        withUnsafePointer(to: value) { pointer in
            let items = ValueInPlace.items(of: pointer, layout)
            if case .list(let copied) = value {
                let read = items.map { Array($0) }
                #expect(read?.count == copied.count)
                #expect(read.map { $0.map(\.typeName) } == copied.map(\.typeName))
                #expect(read.map { $0.map { ValueRendering.render($0) } } == copied.map { ValueRendering.render($0) })
            } else {
                #expect(items == nil)
            }
            let entries = ValueInPlace.entries(of: pointer, layout)
            if case .record(let copied) = value {
                #expect(entries.map { $0.map(\.key) } == copied.entries.map(\.key))
                #expect(entries.map { $0.map(\.originalKey) } == copied.entries.map(\.originalKey))
                #expect(entries.map { $0.map { ValueRendering.render($0.value) } } == copied.entries.map { ValueRendering.render($0.value) })
            } else {
                #expect(entries == nil)
            }
            // A text's or symbol's string, by its two words.
            let bits = ValueInPlace.textBits(of: pointer, layout)
            switch value {
            case .text(let text), .symbol(let text):
                let expected = unsafeBitCast(text, to: (UInt64, UInt64).self)
                #expect(bits?.0 == expected.0 && bits?.1 == expected.1)
            default:
                #expect(bits == nil)
            }
            // Asking ahead reads only what each stage is given: any value will do.
            ValueInPlace.prefetchBox(pointer)
            ValueInPlace.prefetchItems(pointer, layout)
            ValueInPlace.prefetchItemBoxes(pointer, layout, entries: false)
            ValueInPlace.prefetchItemBoxes(pointer, layout, entries: true)
        }
    }

    /// A list made item by item grows its storage: what is read is the
    /// storage the value holds now.
    @Test func readsAGrownList() throws {
        let layout = try #require(ValueInPlace.layout)
        var items: [Value] = []
        for number in 0..<1_000 { items.append(.integer(number)) }
        let value = Value.list(items)
        withUnsafePointer(to: value) { pointer in
            let read = ValueInPlace.items(of: pointer, layout).map { Array($0) }
            #expect(read?.count == 1_000)
            #expect(read?.last.map { ValueRendering.render($0) } == "999")
        }
    }
}

/// Text cells look the interner's recent strings up by their bits, read in
/// place; the answer must be the one the string itself gets.
@Suite struct RecentTextBitsTests {
    @Test func bitsFindWhatTheStringFinds() throws {
        let layout = try #require(ValueInPlace.layout)
        let interner = Interner()
        let texts = ["gas", "natural gas", String(repeating: "a long shared spelling ", count: 3), "Gas"]
        for text in texts { _ = interner.id(ofText: text) }
        for text in texts + ["never interned", String(repeating: "another long one ", count: 2)] {
            for value in [Value.text(text), Value.symbol(text)] {
                withUnsafePointer(to: value) { pointer in
                    let bits = ValueInPlace.textBits(of: pointer, layout)
                    #expect(bits.flatMap { interner.recentID(ofBits: $0) } == interner.recentID(of: text), "\(text)")
                }
            }
        }
        // An equal text in other storage is not a recent string: it is looked up in full.
        let rebuilt = String(decoding: Array(texts[2].utf8), as: UTF8.self)
        withUnsafePointer(to: Value.text(rebuilt)) { pointer in
            #expect(ValueInPlace.textBits(of: pointer, layout).flatMap { interner.recentID(ofBits: $0) } == nil)
        }
    }
}

/// A column of texts and symbols is the same whether its builder reads
/// strings in place or, as where no layout is known, binds them.
@Suite struct TextCellsTests {
    @Test func cellsDoNotDependOnHowTextIsRead() {
        let interner = Interner()
        let shared = String(repeating: "a shared spelling ", count: 2)
        let values: [Value] = (0..<200).map { index in
            switch index % 6 {
            case 0: return .text(shared)
            case 1: return .symbol("gas")
            case 2: return .text("deal \(index) with a name of its own")
            case 3: return .symbol(shared)
            case 4: return .integer(index)
            default: return .unknown
            }
        }
        var inPlace = CellColumnBuilder(rows: values.count, interner: interner)
        var bound = CellColumnBuilder(rows: values.count, interner: interner, inPlace: nil)
        for (row, value) in values.enumerated() {
            inPlace.set(row, value, nil)
            bound.set(row, value, nil)
        }
        let read = CellColumn(inPlace)
        let copied = CellColumn(bound)
        #expect(read.kinds == copied.kinds)
        #expect(read.textIDs == copied.textIDs)
        #expect(read.textIDs.filter { $0 >= 0 }.count == 134)
        #expect(read.textIDs[0] == read.textIDs[3] && read.textIDs[2] != read.textIDs[8])
    }
}
