/// Text put together from pieces: their bytes are copied into one buffer
/// and made a string once, at the end.
///
/// Appending to a `String` costs a few hundred instructions a piece, even
/// with room reserved (checks for small and shared storage, the count and
/// flags kept up to date); writing a report's findings appends half a
/// dozen pieces for each, and those appends were a fifth of the work.
public struct TextBuilder {
    private var bytes: [UInt8] = []

    /// Room for `capacity` bytes, so the buffer need not grow.
    public init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func append(_ piece: String) {
        var piece = piece
        piece.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ piece: StaticString) {
        piece.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// The text so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
