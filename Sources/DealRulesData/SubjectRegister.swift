import DealRulesModel

/// Remembers the subject ids seen so far in a load and warns (`E440`) when
/// a later deal reuses one; both deals are kept.
struct SubjectRegister {
    /// Where each subject was first seen: that deal's position and packed
    /// location (not the deal, so that no piece's array of deals is kept
    /// alive beside the load's own).
    private var first: [String: FirstSighting] = [:]

    private struct FirstSighting {
        var position: Int
        var location: PackedLocation
        /// A free slot (positions start at 1).
        static let free = FirstSighting(position: 0, location: .none)
    }

    /// Makes room for `count` subjects in all, so that the table is not
    /// rebuilt near the end of a large load, when its old and new storage
    /// would be held together at the load's peak.
    mutating func reserve(_ count: Int) {
        first.reserveCapacity(count)
    }

    /// Registers one file's deals; `bytes` is that file's text, for quoting.
    /// `firstLine` is the line number of the first line of `bytes`.
    mutating func register(_ deals: [Deal], path: String, bytes: [UInt8], firstLine: Int = 1) -> [Diagnostic] {
        var sink: DataDiagnosticSink? = nil
        first.reserveCapacity(first.count + deals.count)
        for index in deals.indices {
            // Fields, not the whole deal: a copy would retain its record.
            let sighting = FirstSighting(position: deals[index].position, location: deals[index].packedLocation)
            let found = SubjectRegister.claim(&first[deals[index].subject, default: .free], for: sighting)
            guard let earlier = found else { continue }
            let deal = deals[index]
            if sink == nil { sink = DataDiagnosticSink(path: path, bytes: bytes, firstLine: firstLine) }
            sink!.report(
                .duplicateSubject, "deals \(earlier.position) and \(deal.position) are both `\(deal.subject)`; both are kept",
                at: deal.location, severity: .warning,
                notes: earlier.location.location.map { ["the first is at \($0)"] } ?? [],
                help: ["give each deal its own `id`"]
            )
        }
        return sink?.items ?? []
    }

    /// Takes a table slot (one hash lookup): nil when it was free, else
    /// who has it.
    private static func claim(_ slot: inout FirstSighting, for sighting: FirstSighting) -> FirstSighting? {
        guard slot.position > 0 else {
            slot = sighting
            return nil
        }
        return slot
    }
}
