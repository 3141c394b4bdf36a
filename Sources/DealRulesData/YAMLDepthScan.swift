/// A quick pass over YAML text that bounds how deeply it can nest, before
/// the YAML parser (which composes recursively) ever sees it. It
/// over-estimates — block levels count twice, every `- `, `? ` and `: ` on a
/// line counts once — so it is only a guard against hostile nesting; the
/// exact depth limit is applied while the parsed nodes are read.
enum YAMLDepthScan {
    /// The byte offset where the estimate first exceeds `limit`, or nil.
    static func firstOffsetBeyond(_ limit: Int, in bytes: [UInt8]) -> Int? {
        var state = State()
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if let offset = state.scanLine(bytes, from: lineStart, to: lineEnd, limit: limit) { return offset }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private struct State {
        var flowDepth = 0
        var indents: [Int] = []
        var blockScalarIndent: Int? = nil
        var inDouble = false
        var inSingle = false

        mutating func scanLine(_ bytes: [UInt8], from start: Int, to end: Int, limit: Int) -> Int? {
            var index = start
            if !inDouble && !inSingle {
                while index < end, bytes[index] == 0x20 { index += 1 }
                let indent = index - start
                let blank = index >= end || bytes[index] == UInt8(ascii: "#") || bytes[index] == 0x0D
                if blank { return nil }
                if let scalarIndent = blockScalarIndent {
                    if indent > scalarIndent { return nil }
                    blockScalarIndent = nil
                }
                if flowDepth == 0 {
                    while let last = indents.last, last > indent { indents.removeLast() }
                    if indents.last != indent { indents.append(indent) }
                }
            }
            let indent = index - start
            var indicators = 0
            var atStart = !inDouble && !inSingle
            func estimate() -> Int { 2 * indents.count + indicators + flowDepth }
            while index < end {
                let byte = bytes[index]
                let next: UInt8 = index + 1 < end ? bytes[index + 1] : 0x20
                let nextIsSpace = next == 0x20 || next == 0x09 || next == 0x0D
                if inDouble {
                    if byte == UInt8(ascii: "\\") { index += 2; continue }
                    if byte == UInt8(ascii: "\"") { inDouble = false }
                    index += 1
                    continue
                }
                if inSingle {
                    if byte == UInt8(ascii: "'") {
                        if next == UInt8(ascii: "'") { index += 2; continue }
                        inSingle = false
                    }
                    index += 1
                    continue
                }
                if byte == 0x20 || byte == 0x09 {
                    index += 1
                    if index < end, bytes[index] == UInt8(ascii: "#") { return nil } // comment
                    continue
                }
                if atStart {
                    switch byte {
                    case UInt8(ascii: "\""): inDouble = true; atStart = false
                    case UInt8(ascii: "'"): inSingle = true; atStart = false
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flowDepth += 1
                        if estimate() > limit { return index }
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
                    case UInt8(ascii: "-"), UInt8(ascii: "?"):
                        if nextIsSpace {
                            indicators += 1
                            if estimate() > limit { return index }
                        } else {
                            atStart = false
                        }
                    case UInt8(ascii: "|"), UInt8(ascii: ">"):
                        if flowDepth == 0 {
                            blockScalarIndent = indent
                            return nil
                        }
                        atStart = false
                    case UInt8(ascii: "&"), UInt8(ascii: "!"):
                        // anchor or tag: skip the token, a node still follows
                        while index + 1 < end, bytes[index + 1] != 0x20 { index += 1 }
                    case UInt8(ascii: ","): break
                    default: atStart = false
                    }
                    index += 1
                    continue
                }
                // Inside a plain scalar or after a value.
                if byte == UInt8(ascii: ":"), nextIsSpace || flowDepth > 0 {
                    indicators += 1
                    atStart = true
                    if estimate() > limit { return index }
                } else if flowDepth > 0 {
                    switch byte {
                    case UInt8(ascii: ","): atStart = true
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flowDepth += 1
                        if estimate() > limit { return index }
                    default: break
                    }
                }
                index += 1
            }
            return nil
        }
    }
}
