@testable import DealRulesData
import DealRulesModel
import Testing

/// The loaders' table from input bytes to what reading them gave, and the
/// word-at-a-time scan of JSON strings: both are checked against the plain
/// byte-by-byte definition of what they find.
@Suite("Byte-keyed cache and string scanning")
struct ByteKeyedCacheTests {
    private static func insert(_ cache: inout ByteKeyedCache<Int>, _ key: [UInt8], _ value: Int, hash: UInt64? = nil) {
        key.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            cache.insert(base, bytes.count, hash: hash ?? ByteKeyedCache<Int>.hash(base, bytes.count), value: value)
        }
    }

    private static func find(_ cache: ByteKeyedCache<Int>, _ key: [UInt8], hash: UInt64? = nil) -> Int? {
        key.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            return cache.find(base, bytes.count, hash: hash ?? ByteKeyedCache<Int>.hash(base, bytes.count))
        }
    }

    @Test func everyKeyReadsBackAndNoOtherIsFound() {
        var generator = SystemRandomNumberGenerator()
        var cache = ByteKeyedCache<Int>(maxEntries: 10_000, maxKeyLength: 80)
        var keys: [[UInt8]] = []
        var known = Set<[UInt8]>()
        while keys.count < 3_000 {
            let length = Int.random(in: 0...80, using: &generator)
            let key = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            guard known.insert(key).inserted else { continue }
            keys.append(key)
        }
        for (value, key) in keys.enumerated() { Self.insert(&cache, key, value) }
        #expect(cache.count == keys.count)
        for (value, key) in keys.enumerated() {
            #expect(Self.find(cache, key) == value, "\(key)")
            // One byte more, one fewer, one changed: none of them was stored.
            for variant in [key + [0], Array(key.dropLast()), key.isEmpty ? [1] : [key[0] ^ 1] + key.dropFirst()] where !known.contains(variant) {
                #expect(Self.find(cache, variant) == nil, "\(variant)")
            }
        }
        // Longer than the table keeps: ignored.
        Self.insert(&cache, [UInt8](repeating: 7, count: 81), -1)
        #expect(Self.find(cache, [UInt8](repeating: 7, count: 81)) == nil)
    }

    @Test func keysOfOneHashAreToldApartByTheirBytes() {
        var cache = ByteKeyedCache<Int>()
        // One hash for all: every slot they take has the same tag.
        let shared: UInt64 = 0xDEAD_BEEF_0000_0005
        let keys: [[UInt8]] = (0..<40).map { Array("key \($0)".utf8) }
        for (value, key) in keys.enumerated() { Self.insert(&cache, key, value, hash: shared) }
        for (value, key) in keys.enumerated() { #expect(Self.find(cache, key, hash: shared) == value) }
        #expect(Self.find(cache, Array("key 40".utf8), hash: shared) == nil)
        // Same slot, other tag: not found though the bytes are stored.
        #expect(Self.find(cache, keys[0], hash: 0x1234_5678_0000_0005) == nil)
    }

    @Test func aFullTableStartsAgain() {
        var cache = ByteKeyedCache<Int>(maxEntries: 4, maxKeyLength: 8)
        for value in 0..<4 { Self.insert(&cache, [UInt8(value)], value) }
        #expect((0..<4).map { Self.find(cache, [UInt8($0)]) } == [0, 1, 2, 3])
        Self.insert(&cache, [9], 9)
        #expect(cache.count == 1)
        #expect(Self.find(cache, [9]) == 9)
        #expect((0..<4).compactMap { Self.find(cache, [UInt8($0)]) }.isEmpty)
    }

    /// The first byte a JSON string cannot hold plainly, one at a time.
    private static func firstSpecial(_ bytes: [UInt8]) -> Int? {
        bytes.firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || $0 >= 0x80 }
    }

    @Test func specialByteMaskFindsTheFirstSpecialByte() {
        var generator = SystemRandomNumberGenerator()
        // Bytes at every edge of the classes: controls, quote, backslash, high bit.
        let edges: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xA2, 0xDC, 0xFF, 0x41, 0x61]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &generator) ? edges.randomElement(using: &generator)! : UInt8.random(in: 0x20...0x7E, using: &generator)
            }
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            let mask = JSONReader.specialByteMask(word)
            if let first = Self.firstSpecial(bytes) {
                #expect(mask != 0 && mask.trailingZeroBitCount / 8 == first, "\(bytes)")
            } else {
                #expect(mask == 0, "\(bytes)")
            }
        }
    }

    @Test func stringsReadAlikeWhereverTheirSpecialBytesFall() {
        // A special byte at every offset from the word boundaries, in keys,
        // values and figure objects (which are also scanned for the cache).
        for length in 0...20 {
            for offset in 0...length {
                let plain = String(repeating: "a", count: length)
                let index = plain.index(plain.startIndex, offsetBy: offset)
                for (insert, expected) in [("é", "é"), ("\\\"", "\""), ("\\\\", "\\"), ("\\u0041", "A"), ("€x", "€x")] {
                    var text = plain
                    text.insert(contentsOf: insert, at: index)
                    var want = plain
                    want.insert(contentsOf: expected, at: want.index(want.startIndex, offsetBy: offset))
                    let json = """
                    {"id": "d", "k\(text)": "\(text)", "capacity": {"value": "5 GW", "source": "\(text)"}}
                    {"id": "e", "k\(text)": "\(text)", "capacity": {"value": "5 GW", "source": "\(text)"}}
                    """
                    let data = DataFixtures.load(json, .ndjson)
                    #expect(data.diagnostics.isEmpty, "\(json): \(data.diagnostics)")
                    for deal in data.deals {
                        guard case .text(let read)? = deal.record.entries.first(where: { $0.originalKey == "k" + want })?.value else {
                            Issue.record("no text under k\(want) in \(json)")
                            continue
                        }
                        #expect(read == want)
                        #expect(deal.record.entry("capacity")?.provenance?.source == want)
                    }
                }
            }
        }
    }

    @Test func controlBytesInStringsAreReportedWhereverTheyFall() {
        for offset in 0...17 {
            let before = String(repeating: "b", count: offset)
            let json = "{\"id\": \"\(before)\u{01}tail\"}\n"
            let data = DataFixtures.load(json, .ndjson, path: "ctl.ndjson")
            let diagnostic = data.diagnostics.first
            #expect(diagnostic?.message == "control character in a string (escape it)", "\(offset)")
            // The column of the control byte: `{"id": "` is 8 bytes.
            #expect(diagnostic?.location?.column == 9 + offset, "\(offset): \(String(describing: diagnostic?.location))")
            let open = DataFixtures.load("{\"id\": \"\(before)\n\"}\n", .json, path: "open.json")
            #expect(open.diagnostics.first?.message == "the string opened here is not closed on its line", "\(offset)")
            #expect(open.diagnostics.first?.location?.column == 8, "\(offset)")
        }
    }

    @Test func aCacheSaysWhetherAHashWasSeenBefore() {
        var cache = ByteKeyedCache<Int>()
        let first = ByteKeyedCache<Int>.hash([1, 2, 3], 3)
        let second = ByteKeyedCache<Int>.hash([4, 5, 6, 7], 4)
        let answers = [first, first, second, second].map { cache.wasSeenBefore(hash: $0) }
        #expect(answers == [false, true, false, true])
        #expect(cache.count == 0, "marking a hash stores nothing")
    }

    /// A reader's memory is handed over once: the reader that takes it is
    /// then its only holder.
    @Test func aHandedOverMemoryIsTakenOnce() throws {
        let bytes = Array(#"{"id": "a", "kind": "power"}"#.utf8)
        let memory = bytes.withUnsafeBufferPointer { buffer in
            JSONReader(buffer: buffer, limits: .standard, sink: DataDiagnosticSink(path: "m.json", bytes: bytes, firstLine: 1)).memory
        }
        let handoff = ReaderMemoryHandoff(memory)
        #expect(handoff.take() != nil)
        #expect(handoff.take() == nil)
        #expect(ReaderMemoryHandoff(nil).take() == nil)
    }
}
