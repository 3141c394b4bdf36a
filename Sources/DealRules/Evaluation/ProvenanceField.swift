import DealRulesModel

/// `source of F` and `status of F`: fields a figure's provenance answers.
/// `Evaluator.step` reads them as values; the pass that reads columns
/// (`DealTable.prefetch`) takes their text straight into a column, without
/// making a `Value` (a box allocated for every deal) first. Both go
/// through `text(of:)`, so they read the same provenance the same way.
enum ProvenanceField {
    case source, status

    /// The field a path key names, if it is one of these.
    init?(key: String) {
        switch key {
        case "source": self = .source
        case "status": self = .status
        default: return nil
        }
    }

    func text(of provenance: Provenance) -> String? {
        switch self {
        case .source: return provenance.source
        case .status: return provenance.status?.rawValue
        }
    }

    /// The field as a value: a source is text, a status a symbol.
    func value(of provenance: Provenance) -> Value {
        guard let text = text(of: provenance) else { return .unknown }
        switch self {
        case .source: return .text(text)
        case .status: return .symbol(text)
        }
    }

    /// Whether the value is a record or a list: `project` and `step` read
    /// those differently, so the column pass takes the general path.
    static func holdsItems(_ value: UnsafePointer<Value>) -> Bool {
        switch value.pointee {
        case .record, .list: return true
        default: return false
        }
    }
}
