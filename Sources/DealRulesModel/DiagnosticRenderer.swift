/// Renders diagnostics for a terminal (CLI.md, "Exit codes"):
///
///     rules/x.rules:3:33: error[E111]: expected a condition after `and`, found `,`
///       3 | if capacity is at least 5 GW and, flag big.
///         |                                 ^
///     help: …
///
/// ANSI colour only when asked for.
public enum DiagnosticRenderer {
    public static func render(_ diagnostics: [Diagnostic], color: Bool) -> String {
        diagnostics.map { render($0, color: color) }.joined(separator: "\n")
    }

    public static func render(_ diagnostic: Diagnostic, color: Bool) -> String {
        let paint = Paint(enabled: color)
        var lines: [String] = []
        let label = paint.severity(diagnostic.severity, "\(diagnostic.severity.rawValue)[\(diagnostic.code)]")
        let prefix = diagnostic.resolvedLocation.map { paint.bold("\($0):") + " " } ?? ""
        lines.append(prefix + label + paint.bold(": " + diagnostic.message))
        if let excerpt = excerpt(for: diagnostic) {
            let number = String(excerpt.line)
            let gutter = String(repeating: " ", count: number.count)
            lines.append(paint.gutter(" \(number) |") + (excerpt.text.isEmpty ? "" : " " + excerpt.text))
            lines.append(paint.gutter(" \(gutter) |") + " " + excerpt.padding + paint.severity(diagnostic.severity, excerpt.carets))
        }
        for note in diagnostic.notes { lines.append(paint.note("note:") + " " + note) }
        for help in diagnostic.help { lines.append(paint.help("help:") + " " + help) }
        return lines.joined(separator: "\n")
    }

    struct Excerpt {
        var line: Int
        var text: String
        var padding: String
        var carets: String
    }

    /// Longest stretch of a source line shown; longer lines are cut around the caret.
    static let window = 120

    static func excerpt(for diagnostic: Diagnostic) -> Excerpt? {
        if let span = diagnostic.span {
            let location = span.location
            let lineText = span.source.lineText(location.line)
            let endLocation = span.source.location(ofOffset: span.end)
            let lineLength = lineText.unicodeScalars.count
            let width: Int
            if endLocation.line == location.line {
                width = max(1, endLocation.column - location.column)
            } else {
                width = max(1, lineLength - (location.column - 1))
            }
            return excerpt(line: location.line, text: lineText, column: location.column, width: width)
        }
        if let location = diagnostic.location, let lineText = diagnostic.sourceLine {
            return excerpt(line: location.line, text: lineText, column: location.column, width: 1)
        }
        return nil
    }

    /// Cuts the line to the window around the caret and builds the caret
    /// line; tabs before the caret are kept so it lines up.
    static func excerpt(line: Int, text: String, column: Int, width: Int) -> Excerpt {
        let scalars = Array(text.unicodeScalars)
        var first = 0
        var last = scalars.count
        var caretColumn = max(0, min(column - 1, scalars.count))
        var caretWidth = max(1, min(width, window))
        var lead = ""
        if scalars.count > window {
            first = max(0, caretColumn - window / 2)
            last = min(scalars.count, first + window)
            lead = first > 0 ? "…" : ""
            caretColumn -= first
            caretWidth = max(1, min(caretWidth, last - first - caretColumn))
        }
        var shown = String(String.UnicodeScalarView(scalars[first..<last].map(printable)))
        if last < scalars.count { shown += "…" }
        var padding = lead.isEmpty ? "" : " "
        for scalar in scalars[first..<min(first + caretColumn, scalars.count)] {
            padding.append(scalar == "\t" ? "\t" : " ")
        }
        return Excerpt(line: line, text: lead + shown, padding: padding, carets: String(repeating: "^", count: caretWidth))
    }

    /// Control characters would garble the terminal; show them as `�`.
    static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\t" { return scalar }
        if scalar.value < 0x20 || scalar.value == 0x7F { return "\u{FFFD}" }
        return scalar
    }

    struct Paint {
        var enabled: Bool

        func wrap(_ code: String, _ text: String) -> String {
            enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }

        func bold(_ text: String) -> String { wrap("1", text) }
        func gutter(_ text: String) -> String { wrap("1;34", text) }
        func note(_ text: String) -> String { wrap("1;36", text) }
        func help(_ text: String) -> String { wrap("1;32", text) }

        func severity(_ severity: Diagnostic.Severity, _ text: String) -> String {
            switch severity {
            case .error: return wrap("1;31", text)
            case .warning: return wrap("1;33", text)
            case .note: return wrap("1;36", text)
            }
        }
    }
}
