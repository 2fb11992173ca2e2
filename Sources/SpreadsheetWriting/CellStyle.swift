/// How a cell looks, as a value: equal styles share one libxlsxwriter format
/// (see `XLSXWorkbook.addFormat(_:)`).
public struct CellStyle: Hashable, Sendable {
    public enum HorizontalAlignment: Hashable, Sendable { case left, center, right }
    public enum VerticalAlignment: Hashable, Sendable { case top, center, bottom }
    public enum Border: Hashable, Sendable { case thin, medium }

    public var bold: Bool
    /// Points; nil keeps the workbook default (11).
    public var fontSize: Double?
    /// 0xRRGGBB.
    public var fontColor: UInt32?
    public var fontName: String?
    /// 0xRRGGBB, filled solid.
    public var fillColor: UInt32?
    public var wrapText: Bool
    public var horizontal: HorizontalAlignment?
    public var vertical: VerticalAlignment?
    /// The same line on all four sides.
    public var border: Border?
    /// An Excel number format: `@` (text), `yyyy-mm-dd`, `0.00`, ...
    public var numberFormat: String?

    public init(
        bold: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
        fontName: String? = nil, fillColor: UInt32? = nil, wrapText: Bool = false,
        horizontal: HorizontalAlignment? = nil, vertical: VerticalAlignment? = nil,
        border: Border? = nil, numberFormat: String? = nil
    ) {
        self.bold = bold
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fontName = fontName
        self.fillColor = fillColor
        self.wrapText = wrapText
        self.horizontal = horizontal
        self.vertical = vertical
        self.border = border
        self.numberFormat = numberFormat
    }

    /// The number format that makes Excel and WPS keep what is typed as text
    /// (IDs and phone numbers never turn into 1.10105E+17).
    public static let textFormat = "@"
}
