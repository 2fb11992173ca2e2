/// A comment box big enough to show its text without scrolling, in pixels.
struct CommentSize {
    /// Points; Excel's default (8) is hard to read for Chinese.
    static let fontSize = 10.0
    /// Pixels per width unit (half a Chinese character) at `fontSize`.
    private static let unitPixels = 7.0
    private static let lineHeight = 17.0
    private static let padding = 16.0

    let width: UInt16
    let height: UInt16

    init(fitting text: String) {
        let units = Double(DisplayWidth.of(text))
        let width = min(360, max(140, units * Self.unitPixels + Self.padding))
        let lines = DisplayWidth.lines(text, width: (width - Self.padding) / Self.unitPixels)
        let height = min(600, Double(lines) * Self.lineHeight + Self.padding)
        self.width = UInt16(width)
        self.height = UInt16(height)
    }
}
