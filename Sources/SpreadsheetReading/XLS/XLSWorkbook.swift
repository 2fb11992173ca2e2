import CFreeXL
import Foundation

/// A legacy .xls (BIFF in an OLE2 container) read through libfreexl.
///
/// freexl loads the whole file; that is fine for .xls, which holds at most 65,536 rows.
/// Each read opens and closes its own freexl handle, so no C state outlives a call.
struct XLSWorkbook: Sendable {
    let path: String
    let limits: ReadLimits
    let sheetNames: [String]

    /// Throws `.encrypted` for password-protected files, `.unrecognizedFormat` for OLE2 files
    /// that hold no workbook (a Word .doc, others), `.corrupt` for damaged BIFF.
    init(path: String, limits: ReadLimits) throws {
        self.path = path
        self.limits = limits
        sheetNames = try Self.withHandle(path) { handle in
            var count: UInt32 = 0
            try Self.check(freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &count))
            guard count > 0 else { throw SpreadsheetReadError.noSheets }
            return try (0..<count).map { index in
                var name: UnsafePointer<CChar>?
                try Self.check(freexl_get_worksheet_name(handle, UInt16(index), &name))
                return name.map { String(cString: $0) } ?? ""
            }
        }
    }

    /// Streams the non-empty rows of sheet `index` (see `Workbook.forEachRow`).
    func forEachRow(sheet index: Int, _ body: (SheetRow) throws -> Void) throws {
        try Self.withHandle(path) { handle in
            try Self.check(freexl_select_active_worksheet(handle, UInt16(index)))
            var rowCount: UInt32 = 0
            var columnCount: UInt16 = 0
            try Self.check(freexl_worksheet_dimensions(handle, &rowCount, &columnCount))
            var emitted = 0
            var cells: [CellValue] = []
            for row in 0..<rowCount {
                cells.removeAll(keepingCapacity: true)
                for column in 0..<columnCount {
                    var raw = FreeXL_CellValue()
                    try Self.check(freexl_get_cell_value(handle, row, column, &raw))
                    guard let value = Self.cellValue(raw) else { continue }
                    guard Int(column) < limits.maxColumns else {
                        throw SpreadsheetReadError.tooManyColumns(limit: limits.maxColumns)
                    }
                    while cells.count < Int(column) { cells.append(.empty) }
                    cells.append(value)
                }
                guard !cells.isEmpty else { continue }
                emitted += 1
                guard emitted <= limits.maxRows else {
                    throw SpreadsheetReadError.tooManyRows(limit: limits.maxRows)
                }
                try body(SheetRow(number: Int(row) + 1, cells: cells))
            }
        }
    }

    /// The cell's value; nil for an empty cell or an empty string.
    private static func cellValue(_ raw: FreeXL_CellValue) -> CellValue? {
        switch Int32(raw.type) {
        case FREEXL_CELL_INT:
            return .number(Double(raw.value.int_value))
        case FREEXL_CELL_DOUBLE:
            return .number(raw.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT:
            guard let text = raw.value.text_value.map(String.init(cString:)), !text.isEmpty else {
                return nil
            }
            return .text(text)
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
            let text = raw.value.text_value.map(String.init(cString:)) ?? ""
            return SheetDate(iso: text).map(CellValue.date) ?? .text(text)
        case FREEXL_CELL_TIME:
            // A bare time is a serial below 1: day 0 of the 1900 system, as the xlsx reader gives.
            let text = raw.value.text_value.map(String.init(cString:)) ?? ""
            return SheetDate(iso: "1899-12-31 " + text).map(CellValue.date) ?? .text(text)
        default:
            return nil
        }
    }

    /// Opens `path` with freexl, runs `body`, and always closes the handle.
    private static func withHandle<T>(
        _ path: String, _ body: (UnsafeRawPointer) throws -> T
    ) throws -> T {
        var handle: UnsafeRawPointer?
        let status = freexl_open(path, &handle)
        defer { if let handle { freexl_close(handle) } }
        guard status == FREEXL_OK, let handle else {
            throw OLE2Inspector.whyNotReadable(path: path, freexlStatus: status)
        }
        var password: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK,
            password == FREEXL_BIFF_OBFUSCATED
        {
            throw SpreadsheetReadError.encrypted
        }
        return try body(handle)
    }

    private static func check(_ status: Int32) throws {
        guard status == FREEXL_OK else {
            throw SpreadsheetReadError.corrupt(detail: "freexl error \(status)")
        }
    }
}
