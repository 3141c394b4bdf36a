@preconcurrency import CEditLine

extension LineEditor {
    /// Whether the name a completion inserts is followed by a space. Call it
    /// from inside the completion provider: it applies to the completion
    /// being answered, and every completion starts with the space on. A
    /// folder (`Rules/`) is completed further, so a space would be in the way.
    public static func setSpaceAfterCompletion(_ flag: Bool) {
        rl_completion_append_character = flag ? 0x20 : 0
    }
}
