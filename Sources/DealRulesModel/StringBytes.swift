extension String {
    /// Calls `body` with the text's UTF-8 bytes: where they lie for a
    /// native string (no copy, no retain), else from a native copy (small
    /// strings are copied to the stack). The loaders look texts up by their
    /// bytes for every cell and key they read, and reports check and copy
    /// every string they write.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var native = self
        return try native.withUTF8(body)
    }
}
