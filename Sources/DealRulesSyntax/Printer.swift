import DealRulesModel

/// `fmt`: the canonical layout of a parsed file. Comments stay beside the
/// line they were on (own-line comments before it, trailing ones after);
/// blank lines between statements are kept (runs become one) and always
/// surround multi-line statements. Printing is idempotent and keeps the
/// meaning: `SyntaxDump` of the output equals that of the input.
public enum Printer {
    public static func format(_ file: ParsedFile) -> String {
        guard Literate.isLiterate(file.source.path) else {
            return layout(statements: file.statements, comments: file.comments, source: spanSource(file))
        }
        return formatLiterate(file)
    }

    public static func render(_ expr: Expr) -> String {
        ExpressionPrinter.render(expr)
    }

    public static func render(_ statement: Statement) -> String {
        StatementPrinter.lines(statement).map { String(repeating: " ", count: $0.indent) + $0.text }.joined(separator: "\n")
    }

    /// The text spans point into (the program text for literate files).
    private static func spanSource(_ file: ParsedFile) -> SourceFile {
        file.statements.first?.span.source ?? file.comments.first?.span.source ?? file.source
    }

    /// Only the `rules` blocks are re-laid; prose and fences are untouched.
    private static func formatLiterate(_ file: ParsedFile) -> String {
        let bytes = file.source.bytes
        let program = spanSource(file)
        var output: [UInt8] = []
        var copied = 0
        for block in Literate.blocks(in: bytes) {
            output.append(contentsOf: bytes[copied..<block.contentStart])
            let range = block.contentStart..<block.contentEnd
            let statements = file.statements.filter { range.contains($0.span.start) }
            let comments = file.comments.filter { range.contains($0.span.start) }
            let text = layout(statements: statements, comments: comments, source: program)
            output.append(contentsOf: Array(text.utf8))
            if block.contentEnd == bytes.count, !text.isEmpty, bytes.last != 0x0A {
                output.removeLast() // an unclosed block at the end keeps the file's own ending
            }
            copied = block.contentEnd
        }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Layout

    private struct Group {
        var leading: [Comment] = []
        var lines: [PrintedLine] = []
        /// Comments put before line `index` of the statement (index ≥ 1).
        var inner: [Int: [Comment]] = [:]
        var trailing: [Int: [Comment]] = [:]
        var span: (start: Int, end: Int)?
    }

    static func layout(statements: [Statement], comments: [Comment], source: SourceFile) -> String {
        var groups = statements.map { statement in
            Group(lines: StatementPrinter.lines(statement), span: (statement.span.start, statement.span.end))
        }
        var endComments: [Comment] = []
        // Output lines sorted by the source offset they stand for, so each
        // comment finds its neighbour by binary search.
        let byAnchor = groups.indices.flatMap { group in
            groups[group].lines.indices.map { (anchor: groups[group].lines[$0].anchor, group: group, line: $0) }
        }.sorted { ($0.anchor, $0.group, $0.line) < ($1.anchor, $1.group, $1.line) }
        let anchors = byAnchor.map(\.anchor)
        for comment in comments.sorted(by: { $0.span.start < $1.span.start }) {
            let offset = comment.span.start
            let after = firstIndex(in: anchors, above: offset)
            if !comment.ownLine, after > 0 {
                let target = byAnchor[after - 1]
                groups[target.group].trailing[target.line, default: []].append(comment)
                continue
            }
            guard after < byAnchor.count else {
                endComments.append(comment)
                continue
            }
            let target = byAnchor[after]
            if target.line == 0 {
                groups[target.group].leading.append(comment)
            } else {
                groups[target.group].inner[target.line, default: []].append(comment)
            }
        }

        var out: [String] = []
        var previousEnd: Int?
        var previousMultiLine = false
        for group in groups {
            let firstStart = group.leading.first?.span.start ?? group.span?.start ?? 0
            if let end = previousEnd,
               previousMultiLine || group.lines.count > 1 || hasBlankLine(source, from: end, to: firstStart) {
                out.append("")
            }
            var cursor = firstStart
            for comment in group.leading {
                if comment.span.start != firstStart, hasBlankLine(source, from: cursor, to: comment.span.start) { out.append("") }
                out.append(commentText(comment))
                cursor = comment.span.end
            }
            if !group.leading.isEmpty, let start = group.span?.start, hasBlankLine(source, from: cursor, to: start) {
                out.append("")
            }
            for (index, line) in group.lines.enumerated() {
                for comment in group.inner[index] ?? [] {
                    out.append(String(repeating: " ", count: line.indent) + commentText(comment))
                }
                var text = String(repeating: " ", count: line.indent) + line.text
                for comment in group.trailing[index] ?? [] { text += " " + commentText(comment) }
                out.append(text)
            }
            previousEnd = group.span?.end ?? previousEnd
            previousMultiLine = group.lines.count > 1
        }
        var cursor = previousEnd
        for comment in endComments {
            if let end = cursor, hasBlankLine(source, from: end, to: comment.span.start) { out.append("") }
            out.append(commentText(comment))
            cursor = comment.span.end
        }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }

    /// Index of the first anchor greater than `offset` (anchors sorted).
    private static func firstIndex(in anchors: [Int], above offset: Int) -> Int {
        var low = 0
        var high = anchors.count
        while low < high {
            let mid = (low + high) / 2
            if anchors[mid] > offset { high = mid } else { low = mid + 1 }
        }
        return low
    }

    private static func commentText(_ comment: Comment) -> String {
        var text = comment.text
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return "#" + text
    }

    /// Two or more line breaks between the offsets.
    private static func hasBlankLine(_ source: SourceFile, from start: Int, to end: Int) -> Bool {
        guard start < end else { return false }
        var breaks = 0
        let bytes = source.bytes
        var index = max(0, start)
        while index < min(end, bytes.count) {
            if bytes[index] == 0x0A {
                breaks += 1
                if breaks >= 2 { return true }
            }
            index += 1
        }
        return false
    }
}
