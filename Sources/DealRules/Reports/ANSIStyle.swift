import DealRulesModel

/// Terminal colouring for the text report; a no-op when colour is off, so
/// the plain output never contains escape sequences.
struct ANSIStyle: Sendable {
    let enabled: Bool

    enum Code: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case boldRed = "1;31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case magenta = "35"
        case cyan = "36"
    }

    func apply(_ code: Code, _ text: String) -> String {
        enabled ? "\u{1B}[\(code.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// critical/high red, medium yellow, low blue, info dim.
    func severity(_ level: Severity, _ text: String) -> String {
        switch level {
        case .critical: return apply(.boldRed, text)
        case .high: return apply(.red, text)
        case .medium: return apply(.yellow, text)
        case .low: return apply(.blue, text)
        case .info: return apply(.dim, text)
        }
    }
}
