import DealRulesModel

/// Remembers the subject ids seen so far in a load and warns (`E440`) when
/// a later deal reuses one; both deals are kept.
struct SubjectRegister {
    private var first: [String: (position: Int, location: SourceLocation?)] = [:]

    /// Registers one file's deals; `bytes` is that file's text, for quoting.
    mutating func register(_ deals: [Deal], path: String, bytes: [UInt8]) -> [Diagnostic] {
        var sink = DataDiagnosticSink(path: path, bytes: bytes)
        first.reserveCapacity(first.count + deals.count)
        for deal in deals {
            guard let earlier = first[deal.subject] else {
                first[deal.subject] = (deal.position, deal.location)
                continue
            }
            sink.report(
                .duplicateSubject, "deals \(earlier.position) and \(deal.position) are both `\(deal.subject)`; both are kept",
                at: deal.location, severity: .warning,
                notes: earlier.location.map { ["the first is at \($0)"] } ?? [],
                help: ["give each deal its own `id`"]
            )
        }
        return sink.items
    }
}
