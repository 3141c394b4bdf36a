import DealRulesModel

/// Figure objects (LANGUAGE.md §5): a mapping with a `value` key and
/// otherwise only `unit`, `status`, `source` and `as_of` is one value with
/// provenance: `{value: 100, unit: USD billion, status: reported}`.
enum FigureReader {
    static func isFigure(_ entries: [RecordEntry]) -> Bool {
        entries.withUnsafeBufferPointer { isFigure($0) }
    }

    /// Asked of every mapping a loader reads, so keys are compared by
    /// their numbers (`EntryName.isKey`), not as strings.
    static func isFigure(_ entries: UnsafeBufferPointer<RecordEntry>) -> Bool {
        guard entries.count <= 5 else { return false }
        var hasValue = false
        for index in entries.indices {
            // The number only, read in place: binding the name would retain it.
            let id = entries[index].name.keyID
            guard id >= 0 else { return isFigureByKeys(entries) }
            if id == FigureKeys.value {
                hasValue = true
            } else if !(id == FigureKeys.unit || id == FigureKeys.status || id == FigureKeys.source || id == FigureKeys.asOf) {
                return false
            }
        }
        return hasValue
    }

    /// `isFigure` for keys without numbers (past `FoldedKeys.limit`).
    private static func isFigureByKeys(_ entries: UnsafeBufferPointer<RecordEntry>) -> Bool {
        var hasValue = false
        for entry in entries {
            let name = entry.name
            if name.isKey("value", id: FigureKeys.value) {
                hasValue = true
            } else if !(name.isKey("unit", id: FigureKeys.unit) || name.isKey("status", id: FigureKeys.status)
                        || name.isKey("source", id: FigureKeys.source) || name.isKey("as of", id: FigureKeys.asOf)) {
                return false
            }
        }
        return hasValue
    }

    /// The numbers of a figure's keys (`FoldedKeys`).
    private enum FigureKeys {
        static let value = FoldedKeys.shared.id(of: "value")
        static let unit = FoldedKeys.shared.id(of: "unit")
        static let status = FoldedKeys.shared.id(of: "status")
        static let source = FoldedKeys.shared.id(of: "source")
        static let asOf = FoldedKeys.shared.id(of: "as of")
    }

    /// The figure's value and provenance. A bad `unit` or `status` is
    /// reported and makes the value unknown. `location` is asked for only
    /// when something is reported: making one retains its path, and most
    /// figures report nothing.
    static func read(
        _ entries: UnsafeBufferPointer<RecordEntry>, at location: @autoclosure () -> SourceLocation?,
        units: inout FigureUnits, sink: inout DataDiagnosticSink
    ) -> (Value, Provenance?) {
        var value = Value.unknown
        var unitIndex: Int? = nil
        var provenance = Provenance()
        var valid = true
        // By index, so that entries are not copied whole.
        for index in entries.indices {
            switch entries[index].key {
            case "value": value = entries[index].value
            case "unit": unitIndex = index
            case "status":
                guard let text = text(of: entries[index].value) else { continue }
                if let status = status(text) {
                    provenance.status = status
                } else {
                    sink.report(
                        .badStatus, "`\(text)` is not a status", at: entries[index].location ?? location(),
                        help: ["a status is one of confirmed, reported, estimated"]
                    )
                    valid = false
                }
            case "source": provenance.source = text(of: entries[index].value)
            default: provenance.asOf = text(of: entries[index].value)
            }
        }
        if let unitIndex {
            if let unitText = text(of: entries[unitIndex].value) {
                if let applied = applying(unitText, to: value, at: entries[unitIndex].location ?? location(), units: &units, sink: &sink) {
                    value = applied
                } else {
                    valid = false
                }
            } else if !entries[unitIndex].value.isUnknown {
                sink.report(.badUnit, "a figure's unit must be a word such as `GW` or `USD billion`", at: entries[unitIndex].location ?? location())
                valid = false
            }
        }
        let hasProvenance = provenance.status != nil || provenance.source != nil || provenance.asOf != nil
        return (valid ? value : .unknown, hasProvenance ? provenance : nil)
    }

    private static func status(_ text: String) -> ProvenanceStatus? {
        switch text {
        case "confirmed": return .confirmed
        case "reported": return .reported
        case "estimated": return .estimated
        default: return ProvenanceStatus(rawValue: NameFolding.foldSymbol(text))
        }
    }

    private static func applying(
        _ unitText: String, to value: Value, at location: @autoclosure () -> SourceLocation?,
        units: inout FigureUnits, sink: inout DataDiagnosticSink
    ) -> Value? {
        if case .number(let number, _) = value {
            // An amount in a unit met before is not worked out again.
            return units.value(of: number, in: unitText) { units in
                workedOut(unitText, to: value, at: location(), units: &units, sink: &sink)
            }
        }
        return workedOut(unitText, to: value, at: location(), units: &units, sink: &sink)
    }

    private static func workedOut(
        _ unitText: String, to value: Value, at location: @autoclosure () -> SourceLocation?,
        units: inout FigureUnits, sink: inout DataDiagnosticSink
    ) -> Value? {
        guard let unit = units.unit(unitText) else {
            sink.report(
                .badUnit, "`\(unitText)` is not a unit", at: location(),
                help: ["use a unit word (GW, MW, TWh, years, months, days) or money such as `USD billion`"]
            )
            return nil
        }
        switch value {
        case .unknown:
            return .unknown
        case .number(let number, _):
            guard let result = unit.apply(to: number) else {
                sink.report(.numberOutOfRange, "`\(number) \(unitText)` is too large to hold", at: location())
                return nil
            }
            return result
        default:
            sink.report(
                .badUnit, "the unit `\(unitText)` needs a number value, but the value is \(ValueRendering.render(value)) (\(value.typeName))",
                at: location()
            )
            return nil
        }
    }

    /// Scalars as the text the data wrote; nil for unknown and collections.
    private static func text(of value: Value) -> String? {
        switch value {
        case .text(let text), .symbol(let text): return text
        case .unknown, .list, .record, .range: return nil
        case .boolean, .number, .quantity, .date: return ValueRendering.render(value)
        }
    }
}
