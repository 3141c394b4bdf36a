import DealRulesModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a JSON reader stopped early; the diagnostic is already reported.
struct JSONStop: Error {}

/// What a `JSONReader` has learned of a file — its keys, the values and
/// figures that repeat — handed from the reader of one piece of an NDJSON
/// file to the reader of the next, so that deals of every piece share them
/// as deals of one whole read do (about 15 MB over 100,000 deals).
struct JSONReaderMemory: Sendable {
    fileprivate var assembler: RecordAssembler
    fileprivate var values: ByteKeyedCache<Value>
    fileprivate var flats: ByteKeyedCache<JSONReader.FlatValue>
    fileprivate var flatRecords: ByteKeyedCache<[JSONReader.FlatRecordEntry]>
    fileprivate var flatKeys: [Bool]
    fileprivate var keyGuesses: JSONReader.KeyGuesses
}

/// A byte-level JSON reader that builds values directly, tracking line and
/// column as it goes so every error and every key has a `path:line:col`.
///
/// It reads from an unsafe buffer for speed; every access is guarded by an
/// explicit `index < end` check. Nesting is bounded by `DataLimits.maxDepth`,
/// so recursion depth is too.
struct JSONReader {
    let buffer: UnsafeBufferPointer<UInt8>
    var index: Int
    var end: Int
    let limits: DataLimits
    var sink: DataDiagnosticSink
    var assembler = RecordAssembler()
    /// Packs the locations of this file's entries (see `LocationPacker`).
    var locations = LocationPacker()
    /// The id of this file's path (`SourcePaths`), looked up at the first
    /// entry: packing a location then touches no string.
    private var pathID: UInt32? = nil
    /// Key ids of the objects being read, innermost last (reused scratch).
    private let idStack = ScratchStack<Int>()
    /// Entries and list items being read, innermost last; each mapping or
    /// list moves its own into an array of exactly their number on closing.
    private let entryStack = ScratchStack<RecordEntry>()
    private let itemStack = ScratchStack<Value>()
    /// What strings and numbers read so far gave, by their bytes (a string
    /// with its quotes): repeated data is read once and its value shared.
    var values = ByteKeyedCache<Value>(maxKeyLength: 64)
    /// The same for figure objects and lists of scalars on one line.
    var flats = ByteKeyedCache<FlatValue>(maxKeyLength: 256)
    /// Other mappings on one line with only scalars in them, met at least
    /// twice (the parties of a deal): their entries, rebuilt at each place
    /// they recur. Fewer than `flats`, as each holds an array.
    var flatRecords = ByteKeyedCache<[FlatRecordEntry]>(maxEntries: 1 << 13, maxKeyLength: 256)

    /// An entry of a flat mapping read before, with its key's distance in
    /// bytes from the mapping's `{` (the mapping is plain ASCII, so that is
    /// also the distance in columns).
    struct FlatRecordEntry: Sendable {
        var name: EntryName
        var value: Value
        var offset: Int
    }

    struct FlatValue: Sendable {
        var value: Value
        /// One box for every entry the cached figure fills.
        var provenance: ProvenanceBox?
        /// Whether its bytes have non-ASCII ones (columns are counted in scalars).
        var nonASCII: Bool
    }
    /// Key ids whose values were flat figure objects or lists of scalars,
    /// which the value cache is then tried for (a byte per key id).
    private var flatKeys: [Bool] = []
    /// For each key (by id), the key that followed it last time; for the
    /// first key of a mapping, by depth. See `parseKey(guess:)`.
    var keyGuesses = KeyGuesses()

    /// Guessed keys by slot, as arrays of their parts (reading one copies
    /// no struct and retains only the strings it returns).
    ///
    /// Each slot holds two guesses, the newer first: where a key is
    /// sometimes missing, both of the keys that can follow stay guessed.
    struct KeyGuesses: Sendable {
        static let width = 64
        static let ways = 2
        /// `width` bytes per guess; a slot's guesses are `ways` in a row.
        var bytes: [UInt8] = []
        /// 0 for no guess.
        var lengths: [Int] = []
        var names: [EntryName] = []
        var ids: [Int] = []
        private static let blank = EntryName(key: "", originalKey: "")

        /// Makes `key` the slot's newer guess, the newer one before it the older.
        mutating func set(_ slot: Int, _ key: UnsafeBufferPointer<UInt8>, name: EntryName, id: Int) {
            let newer = slot * KeyGuesses.ways
            let older = newer + 1
            while ids.count <= older {
                bytes.append(contentsOf: repeatElement(0, count: KeyGuesses.width))
                lengths.append(0)
                names.append(KeyGuesses.blank)
                ids.append(-1)
            }
            bytes.withUnsafeMutableBufferPointer { bytes in
                let newerBytes = UnsafeMutableRawPointer(bytes.baseAddress! + newer * KeyGuesses.width)
                (newerBytes + KeyGuesses.width).copyMemory(from: newerBytes, byteCount: lengths[newer])
                newerBytes.copyMemory(from: key.baseAddress!, byteCount: key.count)
            }
            lengths[older] = lengths[newer]
            names[older] = names[newer]
            ids[older] = ids[newer]
            lengths[newer] = key.count
            names[newer] = name
            ids[newer] = id
        }
    }

    private let trueValue = Value.boolean(true)
    private let falseValue = Value.boolean(false)

    private(set) var line = 1
    private var lineStart = 0
    /// Whether the current line has a non-ASCII byte before `index`; until
    /// it does, a column is a subtraction.
    var lineHasNonASCII = false
    private var columnMarkOffset = 0
    private var columnMarkValue = 1
    /// Lists and mappings open around `index`; the list of deals is level 1.
    var depth = 0

    init(buffer: UnsafeBufferPointer<UInt8>, limits: DataLimits, sink: DataDiagnosticSink, memory: JSONReaderMemory? = nil) {
        self.buffer = buffer
        self.index = 0
        self.end = buffer.count
        self.limits = limits
        self.sink = sink.withOwnPath()
        if let memory {
            assembler = memory.assembler
            values = memory.values
            flats = memory.flats
            flatRecords = memory.flatRecords
            flatKeys = memory.flatKeys
            keyGuesses = memory.keyGuesses
        }
    }

    /// What this reader has learned of its data, for the reader of the
    /// next piece of the same file.
    var memory: JSONReaderMemory {
        JSONReaderMemory(assembler: assembler, values: values, flats: flats, flatRecords: flatRecords, flatKeys: flatKeys, keyGuesses: keyGuesses)
    }

    /// Restricts reading to `start..<stop`, which begins line `line`.
    /// `lineStart` is where that line begins when `start` is mid-line.
    mutating func reposition(start: Int, stop: Int, line: Int, lineStart: Int? = nil) {
        index = start
        end = min(stop, buffer.count)
        self.line = line
        self.lineStart = lineStart ?? start
        lineHasNonASCII = false
        var position = self.lineStart
        while position < start, position < buffer.count, !lineHasNonASCII {
            lineHasNonASCII = buffer[position] >= 0x80
            position += 1
        }
        columnMarkOffset = self.lineStart
        columnMarkValue = 1
        depth = 1 // an NDJSON line is one item of the list of deals
        idStack.truncate(to: 0)
        entryStack.truncate(to: 0)
        itemStack.truncate(to: 0)
    }

    // MARK: Positions

    mutating func location(at offset: Int) -> SourceLocation {
        // Errors can point back at an opening bracket on an earlier line.
        if offset < lineStart { return sink.location(ofOffset: offset) }
        return sink.location(line: line, column: column(at: offset))
    }

    /// `locations.pack(location(at: offset))`, without making the
    /// location on the way: the loaders pack one for every entry.
    /// The common case (this line, its path known, ASCII so far) is inline.
    @inline(__always)
    mutating func packedLocation(at offset: Int) -> PackedLocation {
        if let pathID, offset >= lineStart, !lineHasNonASCII {
            return PackedLocation(pathID: pathID, line: line, column: offset - lineStart + 1)
        }
        return packedLocationSlowly(at: offset)
    }

    private mutating func packedLocationSlowly(at offset: Int) -> PackedLocation {
        guard offset >= lineStart else { return locations.pack(location(at: offset)) }
        let id: UInt32
        if let pathID {
            id = pathID
        } else {
            id = SourcePaths.shared.id(of: sink.path)
            pathID = id
        }
        return PackedLocation(pathID: id, line: line, column: column(at: offset))
    }

    private mutating func column(at offset: Int) -> Int {
        guard lineHasNonASCII else { return offset - lineStart + 1 }
        if offset < columnMarkOffset {
            columnMarkOffset = lineStart
            columnMarkValue = 1
        }
        var position = columnMarkOffset
        var column = columnMarkValue
        while position < offset, position < buffer.count {
            if buffer[position] & 0xC0 != 0x80 { column += 1 }
            position += 1
        }
        columnMarkOffset = offset
        columnMarkValue = column
        return column
    }

    /// Reports a syntax error at `offset` and stops.
    mutating func fail(_ message: String, at offset: Int, code: DataDiagnosticCode = .jsonSyntax) -> JSONStop {
        sink.report(code, message, at: location(at: offset))
        return JSONStop()
    }

    /// Skips spaces, tabs and line breaks (counting lines); most calls find
    /// none, or one space, so that case is checked inline.
    @inline(__always)
    mutating func skipWhitespace() {
        if index < end {
            let byte = buffer[index]
            if byte > 0x20 { return }
            if byte == 0x20, index + 1 < end, buffer[index + 1] > 0x20 {
                index += 1
                return
            }
        }
        skipWhitespaceRun()
    }

    private mutating func skipWhitespaceRun() {
        while index < end {
            let byte = buffer[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                index += 1
            } else if byte == 0x0A {
                index += 1
                line += 1
                lineStart = index
                lineHasNonASCII = false
                columnMarkOffset = index
                columnMarkValue = 1
            } else {
                return
            }
        }
    }

    var current: UInt8? { index < end ? buffer[index] : nil }

    /// What an error message calls the byte at `index`.
    func describeCurrent() -> String {
        guard index < end else { return "the end of the data" }
        let byte = buffer[index]
        if byte >= 0x21 && byte < 0x7F { return "`\(Character(Unicode.Scalar(byte)))`" }
        return hexName(byte)
    }

    private func hexName(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "byte 0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }

    // MARK: Values

    /// Any JSON value; a figure object comes back with its provenance.
    /// `keyID` is the interned id of the key the value belongs to (-1 for
    /// list items), which decides whether a mapping or list is looked up
    /// in the value cache.
    mutating func parseValue(keyID: Int = -1) throws(JSONStop) -> (Value, ProvenanceBox?) {
        guard index < end else { throw fail("expected a value, found the end of the data", at: index) }
        switch buffer[index] {
        case UInt8(ascii: "{"):
            return try parseObjectValue(keyID: keyID)
        case UInt8(ascii: "["):
            return try parseListValue(keyID: keyID)
        case UInt8(ascii: "\""):
            return (try parseStringValue(), nil)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return (trueValue, nil)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return (falseValue, nil)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return (.unknown, nil)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return (try parseNumber(), nil)
        default:
            throw fail("expected a value, found \(describeCurrent())", at: index)
        }
    }

    private mutating func enter(at offset: Int) throws(JSONStop) {
        depth += 1
        if depth > limits.maxDepth {
            throw fail("data nests deeper than \(limits.maxDepth) levels", at: offset, code: .tooDeep)
        }
    }

    // MARK: Flat mappings and lists

    /// The end (after the closing bracket) of the mapping or list at
    /// `open` when it is on one line, holds no mapping or list, and is
    /// short enough to cache; whether it has non-ASCII bytes. Reading such
    /// bytes gives the same value wherever they are (only the line, the
    /// column and the depth depend on where, and those it leaves alone).
    ///
    /// Inlined, like `flatCandidate`: called from a mutating method, a
    /// function that only reads the reader is handed a copy of all of it.
    @inline(__always)
    private func flatExtent(from open: Int) -> (end: Int, nonASCII: Bool)? {
        let closer: UInt8 = buffer[open] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let limit = min(end, open + flats.maxKeyLength)
        var position = open + 1
        var inString = false
        var nonASCII = false
        while position < limit {
            if inString {
                // Most of a figure object's bytes are inside its strings.
                position = skipPlainWords(from: position, before: limit)
                guard position < limit else { break }
            }
            let byte = buffer[position]
            if inString {
                if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte == UInt8(ascii: "\\") {
                    position += 1
                } else if byte < 0x20 {
                    return nil
                } else if byte >= 0x80 {
                    nonASCII = true
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case closer: return (position + 1, nonASCII)
                case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x0A: return nil
                default: if byte >= 0x80 { nonASCII = true }
                }
            }
            position += 1
        }
        return nil
    }

    private func wantsCache(_ keyID: Int) -> Bool {
        keyID >= 0 && keyID < flatKeys.count && flatKeys[keyID] && depth < limits.maxDepth
    }

    /// Where the bytes at `index` would end if they were a cached flat
    /// mapping or list: at the first closing brace (or bracket). Only
    /// bytes a `remember…` call checked are in the caches, so if these
    /// equal some, they are a whole flat mapping (or list).
    @inline(__always)
    private func flatCandidate() -> (base: UnsafePointer<UInt8>, count: Int)? {
        let closer: UInt8 = buffer[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let base = buffer.baseAddress! + index
        guard let found = memchr(base, Int32(closer), min(end - index, flats.maxKeyLength)) else { return nil }
        return (base, UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1)
    }

    /// A flat mapping at `index` read before, made again with this place's
    /// locations and skipped over.
    private mutating func cachedRecord() -> Record? {
        guard depth < limits.maxDepth, let (base, count) = flatCandidate(),
              let entries = flatRecords.find(base, count, hash: ByteKeyedCache<[FlatRecordEntry]>.hash(base, count)) else { return nil }
        let open = index
        let place = packedLocation(at: open)
        let first = entryStack.count
        // No closure around this loop: one that packs locations (mutating
        // the reader) would copy the whole reader in and out.
        for slot in entries.indices {
            let location = packedLocation(at: open + entries[slot].offset)
            entryStack.pushSlot().initialize(to: RecordEntry(name: entries[slot].name, value: entries[slot].value, packedLocation: location))
        }
        index += count
        return Record(entries: entryStack.popArray(from: first), packedLocation: place)
    }

    /// Remembers a mapping just read from `start..<index` once the same
    /// bytes have been met before, if it is flat, plain ASCII, reported
    /// nothing and every location it holds is on its line.
    private mutating func rememberRecord(_ record: Record, from start: Int, diagnosticsBefore: Int) {
        guard sink.items.count == diagnosticsBefore, let (stop, nonASCII) = flatExtent(from: start), stop == index, !nonASCII else { return }
        let base = buffer.baseAddress! + start
        let count = stop - start
        let hash = ByteKeyedCache<[FlatRecordEntry]>.hash(base, count)
        guard flatRecords.wasSeenBefore(hash: hash), let place = record.packedLocation.offset(from: record.packedLocation) else { return }
        var entries: [FlatRecordEntry] = []
        entries.reserveCapacity(record.entries.count)
        for entry in record.entries {
            // Lines below the mapping's and the entry's column, read from the
            // packed words (no location, with its path, made for either).
            guard let at = entry.packedLocation.offset(from: record.packedLocation), at.lines == 0,
                  at.column >= place.column, at.column - place.column < count else { return }
            entries.append(FlatRecordEntry(name: entry.name, value: entry.value, offset: at.column - place.column))
        }
        flatRecords.insert(base, count, hash: hash, value: entries)
    }

    /// A cached flat mapping or list at `index`, skipped over. Its bytes
    /// run to the first closing brace (or bracket): only bytes that
    /// `rememberFlat` checked are in the cache, so if these equal some, they
    /// are a whole flat mapping (or list), and nothing needs checking again.
    private mutating func cachedFlat() -> (Value, ProvenanceBox?)? {
        guard let (base, count) = flatCandidate(), let hit = flats.find(base, count, hash: ByteKeyedCache<FlatValue>.hash(base, count)) else { return nil }
        if hit.nonASCII { lineHasNonASCII = true }
        index += count
        return (hit.value, hit.provenance)
    }

    /// Remembers what the flat mapping or list in `start..<index` gave, if
    /// reading it reported nothing.
    private mutating func rememberFlat(_ result: (Value, ProvenanceBox?), from start: Int, keyID: Int, diagnosticsBefore: Int) {
        guard keyID >= 0, sink.items.count == diagnosticsBefore, let (stop, nonASCII) = flatExtent(from: start), stop == index else { return }
        let base = buffer.baseAddress! + start
        let count = stop - start
        let flat = FlatValue(value: result.0, provenance: result.1, nonASCII: nonASCII)
        flats.insert(base, count, hash: ByteKeyedCache<FlatValue>.hash(base, count), value: flat)
        while flatKeys.count <= keyID { flatKeys.append(false) }
        flatKeys[keyID] = true
    }

    // MARK: Mappings

    /// A nested mapping: a figure object becomes its value, anything else a record.
    private mutating func parseObjectValue(keyID: Int) throws(JSONStop) -> (Value, ProvenanceBox?) {
        let figureKey = wantsCache(keyID)
        if figureKey, let hit = cachedFlat() { return hit }
        if !figureKey, let record = cachedRecord() { return (.record(record), nil) }
        let open = index
        let diagnosticsBefore = sink.items.count
        let place = packedLocation(at: index)
        let first = try parseMembers()
        let members = entryStack.elements(from: first)
        if FigureReader.isFigure(members) {
            // Read on the stack: the figure's entries are dropped after.
            let figure = assembler.readFigure(members, at: place.location, sink: &sink)
            entryStack.truncate(to: first)
            let result = (figure.0, figure.1.map { assembler.sharedBox($0) })
            rememberFlat(result, from: open, keyID: keyID, diagnosticsBefore: diagnosticsBefore)
            return result
        }
        let record = Record(entries: entryStack.popArray(from: first), packedLocation: place)
        if !figureKey { rememberRecord(record, from: open, diagnosticsBefore: diagnosticsBefore) }
        return (.record(record), nil)
    }

    /// An object's entries, keys folded and collisions removed; `index`
    /// is at its `{`.
    mutating func parseEntries() throws(JSONStop) -> [RecordEntry] {
        let first = try parseMembers()
        return entryStack.popArray(from: first)
    }

    /// Reads an object onto the entry stack, keys folded and collisions
    /// removed; where its entries start on the stack. `index` is at its `{`.
    private mutating func parseMembers() throws(JSONStop) -> Int {
        let open = index
        let start = idStack.count
        let first = entryStack.count
        try enter(at: open)
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return first
        }
        var guessSlot = min(depth, 64)
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw fail("expected a key in double quotes, found \(describeCurrent())", at: index)
            }
            let keyLocation = packedLocation(at: index)
            let (keyName, keyID) = try parseKey(guess: guessSlot)
            guessSlot = keyID >= 0 ? 65 + keyID : min(depth, 64)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw fail("expected `:` after the key `\(keyName.originalKey)`, found \(describeCurrent())", at: index)
            }
            index += 1
            skipWhitespace()
            let (value, provenance) = try parseValue(keyID: keyID)
            idStack.push(keyID)
            // Without a provenance the key's name moves into the entry,
            // with no retain and release on the way.
            let name = if let provenance { assembler.name(keyName, with: provenance) } else { consume keyName }
            entryStack.pushSlot().initialize(to: RecordEntry(name: name, value: value, packedLocation: keyLocation))
            skipWhitespace()
            guard let byte = current else {
                throw fail("the object opened here is not closed", at: open)
            }
            index += 1
            if byte == UInt8(ascii: "}") { break }
            guard byte == UInt8(ascii: ",") else {
                index -= 1
                throw fail("expected `,` or `}` after a value, found \(describeCurrent())", at: index)
            }
        }
        depth -= 1
        let ids = idStack.elements(from: start)
        if assembler.mayCollide(ids: ids) {
            var entries = entryStack.popArray(from: first)
            assembler.removeCollisions(&entries, ids: ids, sink: &sink)
            for entry in entries { entryStack.push(entry) }
        }
        idStack.truncate(to: start)
        return first
    }

    // MARK: Lists

    private mutating func parseListValue(keyID: Int) throws(JSONStop) -> (Value, ProvenanceBox?) {
        if wantsCache(keyID), let hit = cachedFlat() { return hit }
        let open = index
        let diagnosticsBefore = sink.items.count
        let result = (try parseList(), ProvenanceBox?.none)
        if keyID >= 0, index - open <= flats.maxKeyLength {
            rememberFlat(result, from: open, keyID: keyID, diagnosticsBefore: diagnosticsBefore)
        }
        return result
    }

    private mutating func parseList() throws(JSONStop) -> Value {
        let open = index
        let first = itemStack.count
        try enter(at: open)
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .list([])
        }
        while true {
            skipWhitespace()
            let (value, _) = try parseValue()
            itemStack.push(value)
            skipWhitespace()
            if try closesOrContinues(UInt8(ascii: "]"), container: "list", element: "a list item", open: open) { break }
        }
        depth -= 1
        return .list(itemStack.popArray(from: first))
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONStop) {
        let start = index
        let count = word.utf8CodeUnitCount
        let pointer = word.utf8Start
        guard end - index >= count else { throw fail("expected a value, found \(describeCurrent())", at: start) }
        for offset in 0..<count where buffer[index + offset] != pointer[offset] {
            throw fail("expected a value, found \(describeCurrent())", at: start)
        }
        index += count
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONStop) -> Value {
        let start = index
        var negative = false
        if buffer[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var significand: Int64 = 0
        var digitCount = 0
        var fractionDigits = 0
        guard let first = current, isDigit(first) else { throw fail("a number needs digits after `-`", at: start) }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = current, isDigit(next) { throw fail("numbers cannot start with 0 (write `\(next - 48)` or `0.\(next - 48)`)", at: start) }
        } else {
            while let byte = current, isDigit(byte) {
                if digitCount < 18 { significand = significand * 10 + Int64(byte - 48) }
                digitCount += 1
                index += 1
            }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, isDigit(byte) else { throw fail("a number needs digits after `.`", at: index) }
            while let byte = current, isDigit(byte) {
                if digitCount < 18 {
                    significand = significand * 10 + Int64(byte - 48)
                    fractionDigits += 1
                }
                digitCount += 1
                index += 1
            }
        }
        var hasExponent = false
        if let byte = current, byte | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let digit = current, isDigit(digit) else { throw fail("a number needs digits in its exponent", at: index) }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        if !hasExponent, digitCount <= 18 {
            let base = buffer.baseAddress! + start
            let count = index - start
            let hash = ByteKeyedCache<Value>.hash(base, count)
            if let cached = values.find(base, count, hash: hash) { return cached }
            let value = Value.number(DecimalNumber(significand: negative ? -significand : significand, exponent: Int32(-fractionDigits)))
            values.insert(base, count, hash: hash, value: value)
            return value
        }
        // Long or exponent forms take the exact (slower) route.
        let text = Swift.String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        guard let value = DecimalNumber(parsing: text) else {
            sink.report(.numberOutOfRange, "the number \(text.prefix(40)) is too large or too small to hold", at: location(at: start))
            return .unknown
        }
        return .number(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}

extension JSONReader {
    /// After an element of an array or object opened at `open`: true at
    /// `closer`, false after a comma (the reader is then past either).
    mutating func closesOrContinues(_ closer: UInt8, container: String, element: String, open: Int) throws(JSONStop) -> Bool {
        guard let byte = current else { throw fail("the \(container) opened here is not closed", at: open) }
        index += 1
        if byte == closer { return true }
        guard byte == UInt8(ascii: ",") else {
            index -= 1
            throw fail("expected `,` or `\(Character(Unicode.Scalar(closer)))` after \(element), found \(describeCurrent())", at: index)
        }
        return false
    }
}
