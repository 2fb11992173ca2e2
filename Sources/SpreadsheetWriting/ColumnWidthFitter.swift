/// Collects the widest text seen per column while a sheet is written, then sets column widths
/// that fit it, so streamed sheets need no second pass.
public struct ColumnWidthFitter: Sendable {
    private var widths: [Int] = []
    public var minimum: Double
    public var maximum: Double

    /// Widths end up within `minimum...maximum` units (Excel's default column is 8.43).
    public init(minimum: Double = 6, maximum: Double = 60) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Notes that `text` is shown in `column` (0-based).
    public mutating func fit(_ text: String, column: Int) {
        fit(width: DisplayWidth.of(text), column: column)
    }

    /// Notes that something `width` units wide is shown in `column` (0-based).
    public mutating func fit(width: Int, column: Int) {
        if column >= widths.count {
            widths.append(contentsOf: repeatElement(0, count: column - widths.count + 1))
        }
        widths[column] = max(widths[column], width)
    }

    /// The width `column` will get: its widest text plus a little padding, within the bounds.
    public func width(of column: Int) -> Double {
        let seen = column < widths.count ? Double(widths[column]) : 0
        return min(maximum, max(minimum, seen + 2))
    }

    /// Sets every column seen so far on `sheet`; `formats` gives a column's default format.
    ///
    /// Throws when libxlsxwriter refuses a column.
    public func apply(to sheet: XLSXWorksheet, formats: [Int: XLSXFormat] = [:]) throws {
        for column in widths.indices {
            try sheet.setColumnWidth(
                width(of: column), columns: column...column,
                format: formats[column])
        }
    }
}
