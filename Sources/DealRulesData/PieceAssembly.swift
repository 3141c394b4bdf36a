import DealRulesModel

/// Puts the loads of a file's pieces together in order and registers
/// their subjects: a piece at a time, on another thread while the next
/// piece is read when there is one (`FilePieces`).
final class PieceAssembly: @unchecked Sendable {
    // One step at a time touches these: a step in the background runs
    // alone until the next call waits for it, and the owner calls nothing
    // while it runs.
    private var result: FileLoad
    private var subjects: SubjectRegister
    private var duplicates: [Diagnostic] = []
    private var step: BackgroundResult<Void>? = nil

    init(subjects: SubjectRegister, nextPosition: Int) {
        self.subjects = subjects
        result = FileLoad(deals: [], diagnostics: [], nextPosition: nextPosition)
    }

    /// Adds a piece's load after the pieces before. `bytes` is the piece's
    /// text (for quoting a repeated subject), `firstLine` the number of its
    /// first line; `room`, given with the first deals, is how many deals
    /// the whole file is expected to hold, after `earlierDeals` of earlier
    /// files.
    func add(
        _ load: FileLoad, bytes: [UInt8], firstLine: Int, path: String, room: Int?, earlierDeals: Int, inBackground: Bool
    ) {
        finishStep()
        guard inBackground else {
            addNow(load, bytes: bytes, firstLine: firstLine, path: path, room: room, earlierDeals: earlierDeals)
            return
        }
        step = BackgroundResult {
            self.addNow(load, bytes: bytes, firstLine: firstLine, path: path, room: room, earlierDeals: earlierDeals)
        }
    }

    /// The whole load (repeated subjects reported last) and the register.
    func finish() -> (FileLoad, SubjectRegister) {
        finishStep()
        var load = result
        load.diagnostics.append(contentsOf: duplicates)
        return (load, subjects)
    }

    private func finishStep() {
        _ = step?.wait()
        step = nil
    }

    private func addNow(_ load: FileLoad, bytes: [UInt8], firstLine: Int, path: String, room: Int?, earlierDeals: Int) {
        if let room {
            result.deals.reserveCapacity(room)
            subjects.reserve(earlierDeals + room)
        }
        result.deals.append(contentsOf: load.deals)
        result.diagnostics.append(contentsOf: load.diagnostics)
        duplicates.append(contentsOf: subjects.register(load.deals, path: path, bytes: bytes, firstLine: firstLine))
        result.nextPosition = load.nextPosition
        if load.stopped { result.stopped = true }
    }
}
