/// Stable codes of the REPL's own diagnostics.
enum ReplCode {
    static let unknownCommand = "E701"
    static let badArgument = "E702"
    static let unknownDeal = "E703"
    static let unknownRule = "E704"
    static let badDate = "E705"
    static let cannotSave = "E706"
    static let cannotUse = "E707"
}
