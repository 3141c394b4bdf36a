import DealRulesModel

/// Literate rule files (`.rules.md`): only fenced blocks tagged `rules` are
/// program text. Everything else is blanked byte for byte, so offsets, line
/// numbers and columns of the program text are those of the Markdown file.
public enum Literate {
    public static func isLiterate(_ path: String) -> Bool { path.hasSuffix(".rules.md") }

    /// A fenced `rules` block: the byte range of its content lines.
    public struct Block: Sendable {
        public var contentStart: Int
        public var contentEnd: Int
    }

    /// The `rules` blocks of a Markdown text, in order. A block that is
    /// never closed runs to the end of the file, as in Markdown.
    public static func blocks(in bytes: [UInt8]) -> [Block] {
        var blocks: [Block] = []
        var open: (fence: UInt8, length: Int, isRules: Bool, contentStart: Int)?
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, bytes.count)
            var position = lineStart
            var indent = 0
            while position < lineEnd, bytes[position] == 0x20, indent < 4 { position += 1; indent += 1 }
            // Four spaces make an indented code block, never a fence.
            let fenceByte = position < lineEnd && indent < 4 ? bytes[position] : 0
            if fenceByte == UInt8(ascii: "`") || fenceByte == UInt8(ascii: "~") {
                var fenceEnd = position
                while fenceEnd < lineEnd, bytes[fenceEnd] == fenceByte { fenceEnd += 1 }
                let length = fenceEnd - position
                if length >= 3 {
                    let info = String(decoding: bytes[fenceEnd..<lineEnd], as: UTF8.self)
                        .trimmingCharacters(in: " \t\r")
                    if let current = open {
                        if fenceByte == current.fence, length >= current.length, info.isEmpty {
                            if current.isRules { blocks.append(Block(contentStart: current.contentStart, contentEnd: lineStart)) }
                            open = nil
                        }
                    } else {
                        let tag = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
                        open = (fenceByte, length, tag.lowercased() == "rules", next)
                    }
                }
            }
            lineStart = next
        }
        if let current = open, current.isRules {
            blocks.append(Block(contentStart: current.contentStart, contentEnd: bytes.count))
        }
        return blocks
    }

    /// The program text of a literate file: prose and fences become spaces,
    /// line breaks stay.
    public static func programText(of source: SourceFile) -> SourceFile {
        let bytes = source.bytes
        var blanked = [UInt8](repeating: 0x20, count: bytes.count)
        for (offset, byte) in bytes.enumerated() where byte == 0x0A || byte == 0x0D { blanked[offset] = byte }
        for block in blocks(in: bytes) {
            for offset in block.contentStart..<block.contentEnd { blanked[offset] = bytes[offset] }
        }
        return SourceFile(path: source.path, text: String(decoding: blanked, as: UTF8.self))
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
