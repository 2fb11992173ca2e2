import SpreadsheetReading

/// Reads a workbook the way the daemon does: open, then every row of every sheet.
public enum WorkbookReadThrough {
    /// Opens `path` and streams all its sheets, checking what `Workbook` promises of every row.
    /// An .xls is parsed in process, so that AddressSanitizer sees libfreexl's memory errors at
    /// its `memcpy` (the daemon parses .xls in a child, where such an error is a rejected file).
    ///
    /// Returns quietly when the reader throws a `SpreadsheetReadError`, the clean rejection.
    /// Any other error, or a row that breaks the contract (trailing empty cell, more columns than
    /// the limit allows), stops the process: libFuzzer then keeps the input as a crash.
    public static func run(path: String, limits: ReadLimits = ReadLimits()) {
        do {
            let workbook = try Workbook.open(path: path, limits: limits, xls: .inProcess)
            for sheet in workbook.sheetNames.indices {
                try workbook.forEachRow(sheet: sheet) { row in
                    precondition(row.cells.last != .empty, "row \(row.number): trailing empty cell")
                    precondition(
                        row.cells.count <= limits.maxColumns, "row \(row.number): too many cells")
                }
            }
        } catch is SpreadsheetReadError {
            return
        } catch {
            fatalError("not a SpreadsheetReadError: \(error)")
        }
    }
}
