/// Hands a report's text on in pieces while it is being written, so that a
/// report of hundreds of thousands of outcomes is never held as one string:
/// `dealrules check` writes each piece to standard output or to the
/// `--output` file as soon as it is big enough. Without a receiver the text
/// simply keeps growing, which is how `ReportRenderer.render` gets all of it.
struct ReportChunks {
    /// About this many bytes are handed on at a time.
    static let size = 1 << 20

    private let receiver: ((String) -> Void)?
    private let size: Int

    init(_ receiver: ((String) -> Void)?, size: Int = ReportChunks.size) {
        self.receiver = receiver
        self.size = size
    }

    /// Hands the text on and empties it, once it has grown past `size`.
    func drain(_ text: inout String) {
        guard let receiver, text.utf8.count >= size else { return }
        receiver(text)
        text.removeAll(keepingCapacity: true)
    }

    /// Hands on whatever is left.
    func finish(_ text: inout String) {
        guard let receiver, !text.isEmpty else { return }
        receiver(text)
        text.removeAll()
    }
}
