/// The colours every workbook kaowu writes (reports, templates, exports) gives the same meaning,
/// so that a clerk learns them once: Excel's own "good", "bad" and "neutral" cell styles for
/// what went through, a cell to fix and one to look at; grey headers, dark red for what is
/// required.
enum ClerkPalette {
    /// What went through (an applied file): light green, with `goodText`.
    static let goodFill: UInt32 = 0xC6EFCE
    static let goodText: UInt32 = 0x006100
    /// A cell to fix: light red, with `errorText`.
    static let errorFill: UInt32 = 0xFFC7CE
    static let errorText: UInt32 = 0x9C0006
    /// A cell to look at: light yellow, with `warningText`.
    static let warningFill: UInt32 = 0xFFEB9C
    static let warningText: UInt32 = 0x9C5700
    /// A row that is not complete yet (exports): paler than a warning.
    static let incompleteFill: UInt32 = 0xFFF2CC
    static let headerFill: UInt32 = 0xD9D9D9
    /// The title of a required column.
    static let requiredText: UInt32 = 0xC00000
    /// Notes and explanations above a table.
    static let noteText: UInt32 = 0x404040
}
