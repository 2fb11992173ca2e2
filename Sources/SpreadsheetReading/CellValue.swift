/// One cell as the producer stored it, before any interpretation by a schema.
///
/// Numbers stay numbers (an ID typed into a number cell arrives as `.number(1.10105e17)`,
/// which validation must recognise as Excel damage); dates arrive as calendar fields
/// because the reader knows the cell's style, the schema does not.
public enum CellValue: Sendable, Equatable {
    case empty
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A cell formatted as a date or time (xlsx/xls), converted from the workbook's date system.
    case date(SheetDate)
    /// An error value such as `#N/A` or `#REF!`.
    case error(String)
}

/// A date-time without a time zone, as a spreadsheet holds it.
public struct SheetDate: Sendable, Equatable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }
}

/// One non-empty row. `number` is the row number Excel shows (1-based, title rows included);
/// `cells[i]` is column i (0 = A), padded with `.empty` where the row is sparse.
public struct SheetRow: Sendable, Equatable {
    public var number: Int
    public var cells: [CellValue]

    public init(number: Int, cells: [CellValue]) {
        self.number = number
        self.cells = cells
    }
}
