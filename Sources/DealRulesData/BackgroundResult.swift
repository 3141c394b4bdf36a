import Dispatch

/// A value worked out on another thread while the caller goes on; `wait()`
/// gives it. The value is written once, on that thread, and read only after
/// `DispatchGroup.wait()`, which orders the write before the read.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async(group: group) { self.value = work() }
    }

    /// The value, once the work is done.
    func wait() -> Value? {
        group.wait()
        return value
    }
}
