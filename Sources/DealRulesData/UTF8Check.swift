/// UTF-8 validation on raw bytes (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
enum UTF8Check {
    /// Length of the valid scalar starting at `position`, or nil.
    static func scalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Int? {
        guard position < end, position < bytes.count else { return nil }
        let lead = bytes[position]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return nil
        }
        guard position + length <= min(end, bytes.count) else { return nil }
        let second = bytes[position + 1]
        guard second >= lower, second <= upper else { return nil }
        for offset in 2..<max(2, length) where bytes[position + offset] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// Offset of the first invalid byte, or nil when all of it is UTF-8.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            let end = buffer.count
            while position < end {
                // ASCII runs are the common case.
                if buffer[position] < 0x80 {
                    position += 1
                    continue
                }
                guard let length = scalarLength(buffer, at: position, end: end) else { return position }
                position += length
            }
            return nil
        }
    }
}
