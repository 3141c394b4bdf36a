import Synchronization

/// What one piece's JSON reader learned, on its way to the reader of the
/// next piece, which takes it (`take()`) as it starts.
///
/// The reader must then be the only holder of the tables' storage: a table
/// whose storage another value still holds is copied in full — every
/// entry retained — at its first new entry, which was a copy of each table
/// on each piece and each half. Handed over in this box, nothing else
/// holds the memory once it is taken.
final class ReaderMemoryHandoff: Sendable {
    private let memory: Mutex<JSONReaderMemory?>

    init(_ memory: consuming JSONReaderMemory?) {
        self.memory = Mutex(memory)
    }

    /// The memory, the first time; nil after.
    func take() -> JSONReaderMemory? {
        memory.withLock { held in
            let taken = held
            held = nil
            return taken
        }
    }
}
