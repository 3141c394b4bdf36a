#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Line breaks found with `memchr`: line numbers and line tables are
/// worked out over whole pieces of large files (megabytes), where a byte
/// at a time was a tenth of reading a piece.
enum LineBreaks {
    /// Calls `body` with the offset just after each line break before
    /// `stop`, in order.
    static func forEach(in bytes: [UInt8], before stop: Int, _ body: (Int) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let stop = min(stop, buffer.count)
            var position = 0
            while position < stop, let found = memchr(base + position, 0x0A, stop - position) {
                position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
                body(position)
            }
        }
    }
}
