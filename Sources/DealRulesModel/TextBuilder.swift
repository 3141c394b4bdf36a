/// Text put together from pieces: their bytes are copied into one buffer
/// and made a string once, at the end.
///
/// Appending to a `String` costs a few hundred instructions a piece, even
/// with room reserved (checks for small and shared storage, the count and
/// flags kept up to date), and appending to a byte array over a hundred
/// (it goes through the general sequence path); writing a report's
/// findings appends half a dozen pieces for each, and those appends were
/// a fifth of the work. Here a piece is one copy of its bytes.
///
/// Not copyable: it owns its buffer and frees it when it goes.
public struct TextBuilder: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// Room for `capacity` bytes before the buffer must grow.
    public init(capacity: Int = 64) {
        self.capacity = max(capacity, 16)
        start = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    public mutating func append(_ piece: String) {
        piece.withUTF8Bytes { append(bytes: $0) }
    }

    public mutating func append(_ piece: StaticString) {
        piece.withUTF8Buffer { append(bytes: $0) }
    }

    /// One scalar, as its UTF-8 bytes.
    public mutating func append(_ scalar: Unicode.Scalar) {
        guard let encoded = UTF8.encode(scalar) else { return }
        if encoded.count > capacity - count { grow(toHold: count + encoded.count) }
        for byte in encoded {
            (start + count).initialize(to: byte)
            count += 1
        }
    }

    private mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if bytes.count > capacity - count { grow(toHold: count + bytes.count) }
        (start + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Doubles the buffer (at least) until `needed` bytes fit.
    private mutating func grow(toHold needed: Int) {
        var larger = capacity
        while larger < needed { larger = larger > Int.max / 2 ? needed : larger * 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }

    /// The text so far.
    public var text: String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }
}
