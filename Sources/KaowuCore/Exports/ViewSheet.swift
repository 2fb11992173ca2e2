import SpreadsheetWriting

/// One read-only table of a view workbook: a title line, a bold header, then the rows, each
/// column as wide as its content. Codes and ID numbers are written as text, never as numbers.
enum ViewSheet {
    enum Cell {
        case text(String)
        case number(Double)
    }

    static func write(
        _ workbook: XLSXWorkbook, name: String, title: String, headers: [String],
        rows: [[Cell]]
    ) throws {
        let sheet = try workbook.addWorksheet(name: name)
        let header = workbook.addFormat(
            CellStyle(
                bold: true, fillColor: ClerkPalette.headerFill, horizontal: .center, border: .thin))
        let text = workbook.addFormat(CellStyle(numberFormat: CellStyle.textFormat))
        var widths = ColumnWidthFitter(minimum: 8, maximum: 48)
        try sheet.write(title, row: 0, column: 0, format: workbook.addFormat(CellStyle(bold: true)))
        for (column, title) in headers.enumerated() {
            try sheet.write(title, row: 1, column: column, format: header)
            widths.fit(width: DisplayWidth.of(title) + 2, column: column)
        }
        for (index, cells) in rows.enumerated() {
            for (column, cell) in cells.enumerated() {
                switch cell {
                case .text(let s):
                    try sheet.write(s, row: index + 2, column: column, format: text)
                    widths.fit(s, column: column)
                case .number(let d):
                    try sheet.write(d, row: index + 2, column: column)
                }
            }
        }
        try widths.apply(to: sheet)
        try sheet.freezePanes(row: 2)
    }
}
