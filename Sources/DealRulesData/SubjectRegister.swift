import DealRulesModel

/// Remembers the subject ids seen so far in a load and warns (`E440`) when
/// a later deal reuses one; both deals are kept.
struct SubjectRegister {
    /// The deals registered so far, file by file (arrays share their storage).
    private var files: [[Deal]] = []
    /// Where each subject was first seen: file and index, in one integer,
    /// so that the table is small and filling it retains only the subject.
    private var first: [String: Int] = [:]

    /// Registers one file's deals; `bytes` is that file's text, for quoting.
    /// `firstLine` is the line number of the first line of `bytes`.
    mutating func register(_ deals: [Deal], path: String, bytes: [UInt8], firstLine: Int = 1) -> [Diagnostic] {
        var sink: DataDiagnosticSink? = nil
        let file = files.count
        files.append(deals)
        first.reserveCapacity(first.count + deals.count)
        for index in deals.indices {
            let found = SubjectRegister.claim(&first[deals[index].subject, default: -1], for: file << 32 | index)
            guard found >= 0 else { continue }
            let deal = deals[index]
            let earlier = files[found >> 32][found & 0xFFFF_FFFF]
            if sink == nil { sink = DataDiagnosticSink(path: path, bytes: bytes, firstLine: firstLine) }
            sink!.report(
                .duplicateSubject, "deals \(earlier.position) and \(deal.position) are both `\(deal.subject)`; both are kept",
                at: deal.location, severity: .warning,
                notes: earlier.location.map { ["the first is at \($0)"] } ?? [],
                help: ["give each deal its own `id`"]
            )
        }
        return sink?.items ?? []
    }

    /// Takes a table slot (one hash lookup): -1 when it was free, else who has it.
    private static func claim(_ slot: inout Int, for place: Int) -> Int {
        guard slot >= 0 else {
            slot = place
            return -1
        }
        return slot
    }
}
