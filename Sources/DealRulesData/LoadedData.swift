import DealRulesModel

/// The deals read from one or more data files, with every problem found.
/// Deals that could be read are kept even when others could not.
public struct LoadedData: Sendable {
    public var deals: [Deal]
    public var diagnostics: [Diagnostic]

    public init(deals: [Deal] = [], diagnostics: [Diagnostic] = []) {
        self.deals = deals
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
