import DealRulesModel

/// Gathers the deals of one load, numbering them across files and
/// enforcing `DataLimits.maxDeals`.
struct DealCollector {
    private(set) var deals: [Deal] = []
    /// Position the next item of the data gets (1-based, across files).
    private(set) var nextPosition: Int
    let maxDeals: Int
    /// Deals already loaded from earlier files.
    let earlierDeals: Int

    init(firstPosition: Int, maxDeals: Int, earlierDeals: Int = 0) {
        self.nextPosition = max(1, firstPosition)
        self.maxDeals = maxDeals
        self.earlierDeals = earlierDeals
    }

    var isFull: Bool { earlierDeals + deals.count >= maxDeals }

    /// Where each item (deal or not) starts, kept only when asked for: the
    /// second half of a parallel read needs them to apply the deal limit.
    private(set) var itemLocations: [SourceLocation?] = []
    var recordsItemLocations = false

    /// Claims a position for an item of the data, deal or not.
    mutating func claimPosition(at location: SourceLocation? = nil) -> Int {
        if recordsItemLocations { itemLocations.append(location) }
        let position = nextPosition
        nextPosition = position == Int.max ? position : position + 1
        return position
    }

    mutating func add(_ record: Record, position: Int, location: SourceLocation?) {
        deals.append(Deal(record: record, position: position, location: location))
    }

    mutating func add(_ record: Record, position: Int, packedLocation: PackedLocation) {
        deals.append(Deal(record: record, position: position, packedLocation: packedLocation))
    }

    /// Takes back the last deal (its line turned out to be malformed).
    mutating func dropLast(ifMoreThan count: Int) {
        if deals.count > count { deals.removeLast() }
    }

    /// Reports the limit; readers stop after it.
    func reportFull(_ sink: inout DataDiagnosticSink, at location: SourceLocation?) {
        sink.report(
            .tooManyDeals, "more than \(maxDeals) deals", at: location,
            help: ["split the data, or raise the deal limit"]
        )
    }

    /// What an error calls a value that should have been a deal.
    static func describe(_ value: Value) -> String {
        switch value {
        case .list: return "a list"
        case .unknown: return "null"
        default: return "\(value.typeName) \(ValueRendering.render(value).prefix(40))"
        }
    }
}
