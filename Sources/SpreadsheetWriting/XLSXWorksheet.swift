import CXlsxWriter
import Foundation

/// One sheet of an `XLSXWorkbook`. Rows and columns are 0-based (row 0, column 0 is A1).
///
/// Every call throws `XLSXError` when libxlsxwriter refuses it (index out of range, a row
/// already flushed in constant-memory mode) or when the workbook is already closed.
/// Text is always stored as text: a string that starts with "=" is never a formula, because
/// this wrapper never writes formulas. Text is made safe first: characters XML forbids become
/// U+FFFD and anything past Excel's 32,767 characters is cut at a character boundary.
public final class XLSXWorksheet {
    /// Excel's sheet size.
    public static let rowLimit = 1_048_576
    public static let columnLimit = 16_384

    public let name: String
    private let pointer: UnsafeMutablePointer<lxw_worksheet>
    /// Kept so the C worksheet (owned by the workbook) outlives this object.
    private let workbook: XLSXWorkbook
    /// `writeRow`'s buffer, kept between rows so its capacity is reused.
    private var rowBuffer: [UInt8] = []
    /// The last row `writeRow` wrote. libxlsxwriter's cursor stays on it (an autofilter or a
    /// note may still name it), so this wrapper refuses what would write the row a second time.
    private var lastWholeRow = -1

    init(pointer: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: XLSXWorkbook) {
        self.pointer = pointer
        self.name = name
        self.workbook = workbook
    }

    // MARK: Cells

    /// Writes `text` as a string cell (never as a formula, even when it starts with "=").
    public func write(_ text: String, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let sheet = try unwritten(row, column, "write text")
        try XLSXError.check(
            worksheet_write_string(
                sheet, lxw_row_t(row), lxw_col_t(column), CellText.sanitized(text),
                check(format)),
            operation("write text", row, column))
    }

    /// Writes a number cell; non-finite numbers (NaN, ±∞), which Excel cannot hold, throw.
    public func write(_ number: Double, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let sheet = try unwritten(row, column, "write number")
        guard number.isFinite else {
            throw XLSXError(
                operation: operation("write number", row, column),
                reason: "\(number) is not a finite number")
        }
        try XLSXError.check(
            worksheet_write_number(
                sheet, lxw_row_t(row), lxw_col_t(column), number,
                check(format)),
            operation("write number", row, column))
    }

    /// Writes TRUE or FALSE.
    public func write(_ value: Bool, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let sheet = try unwritten(row, column, "write boolean")
        try XLSXError.check(
            worksheet_write_boolean(
                sheet, lxw_row_t(row), lxw_col_t(column), value ? 1 : 0,
                check(format)),
            operation("write boolean", row, column))
    }

    /// Writes a date-time cell from `date`'s year … second (missing fields count as 0).
    /// `format` needs a date number format such as `yyyy-mm-dd`, or Excel shows the serial.
    public func write(_ date: DateComponents, row: Int, column: Int, format: XLSXFormat) throws {
        let sheet = try unwritten(row, column, "write date")
        var value = lxw_datetime(
            year: Int32(date.year ?? 0), month: Int32(date.month ?? 0), day: Int32(date.day ?? 0),
            hour: Int32(date.hour ?? 0), min: Int32(date.minute ?? 0),
            sec: Double(date.second ?? 0))
        try XLSXError.check(
            worksheet_write_datetime(
                sheet, lxw_row_t(row), lxw_col_t(column), &value,
                check(format)),
            operation("write date", row, column))
    }

    /// Gives an empty cell a format (e.g. text, so what a clerk types stays text).
    public func writeBlank(row: Int, column: Int, format: XLSXFormat) throws {
        let sheet = try unwritten(row, column, "write blank")
        try XLSXError.check(
            worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), check(format)),
            operation("write blank", row, column))
    }

    /// Merges `range` into one cell showing `text`. Not available in constant-memory mode.
    public func merge(_ range: CellRange, text: String, format: XLSXFormat? = nil) throws {
        let sheet = try checked(range, "merge")
        try XLSXError.check(
            worksheet_merge_range(
                sheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn),
                CellText.sanitized(text), check(format)),
            "merge \(range) on sheet \"\(name)\"")
    }

    /// Attaches a hidden note (Excel's red corner triangle) sized to fit `text`, Chinese
    /// included. In constant-memory mode only the current or a later row can get one.
    public func writeComment(
        _ text: String, row: Int, column: Int, author: String? = nil, visible: Bool = false
    ) throws {
        let sheet = try cell(row, column, "write comment")
        let text = CellText.sanitized(text)
        let size = CommentSize(fitting: text)
        let authorCopy = author.map { strdup($0) } ?? nil
        defer { free(authorCopy) }
        var options = lxw_comment_options()
        options.visible = UInt8(
            visible ? LXW_COMMENT_DISPLAY_VISIBLE.rawValue : LXW_COMMENT_DISPLAY_HIDDEN.rawValue)
        options.author = authorCopy
        options.width = size.width
        options.height = size.height
        options.font_size = CommentSize.fontSize
        try XLSXError.check(
            worksheet_write_comment_opt(sheet, lxw_row_t(row), lxw_col_t(column), text, &options),
            operation("write comment", row, column))
    }

    // MARK: Whole rows

    /// Writes row `row` at once: `fill` adds its cells left to right, and its notes, and the
    /// row goes straight to the sheet's data as libxlsxwriter would write it, without its
    /// per-cell allocations. For constant-memory workbooks, whose rows go top to bottom anyway;
    /// afterwards only later rows get cells, written one by one or whole. Notes, freeze panes
    /// and an autofilter may still name the row.
    ///
    /// - Throws: when the workbook is not in constant-memory mode, when `row` is above a row
    ///   already written, or when a cell cannot be written (see `XLSXRowCells`).
    public func writeRow(_ row: Int, _ fill: (inout XLSXRowCells) throws -> Void) throws {
        let sheet = try unwritten(row, 0, "write row")
        guard sheet.pointee.optimize != 0, let cursor = sheet.pointee.optimize_row else {
            throw XLSXError(
                operation: operation("write row", row, 0),
                reason: "only a constant-memory workbook writes whole rows")
        }
        // libxlsxwriter keeps the row it is filling as `optimize_row` until a later one comes.
        let pending = cursor.pointee.data_changed != 0 || cursor.pointee.row_changed != 0
        guard row > cursor.pointee.row_num || (row == cursor.pointee.row_num && !pending) else {
            throw XLSXError(
                operation: operation("write row", row, 0),
                reason: "the row is at or above one already written")
        }
        // Its pending row goes first, and before this row's formats get their style numbers,
        // so styles are numbered in the order libxlsxwriter would number them.
        lxw_worksheet_write_single_row(sheet)
        cursor.pointee.row_num = lxw_row_t(row)
        var buffer: [UInt8] = []
        swap(&buffer, &rowBuffer)
        buffer.removeAll(keepingCapacity: true)
        var cells = XLSXRowCells(
            row: row, sheet: sheet, workbook: ObjectIdentifier(workbook), reusing: buffer)
        try fill(&cells)
        if let xml = cells.finishedXML() {
            let written = xml.withUnsafeBytes {
                fwrite($0.baseAddress, 1, $0.count, sheet.pointee.file)
            }
            guard written == xml.count else {
                throw XLSXError(
                    operation: operation("write row", row, 0),
                    reason: "the sheet's temporary file cannot be written (disk full?)")
            }
            // What libxlsxwriter's own writes would have recorded, for `<dimension>`.
            sheet.pointee.dim_rowmin = min(sheet.pointee.dim_rowmin, lxw_row_t(row))
            sheet.pointee.dim_rowmax = max(sheet.pointee.dim_rowmax, lxw_row_t(row))
            sheet.pointee.dim_colmin = min(sheet.pointee.dim_colmin, lxw_col_t(cells.firstColumn))
            sheet.pointee.dim_colmax = max(sheet.pointee.dim_colmax, lxw_col_t(cells.lastColumn))
            rowBuffer = xml
        }
        lastWholeRow = row
        // Notes go to their own table; libxlsxwriter takes them for the current row only.
        for comment in cells.comments {
            try writeComment(comment.text, row: row, column: comment.column, author: comment.author)
        }
    }

    // MARK: Layout

    /// Sets the width (in characters of the default font) of `columns`, and optionally the
    /// format cells of those columns get when nothing else is written there.
    public func setColumnWidth(
        _ width: Double, columns: ClosedRange<Int>, format: XLSXFormat? = nil
    ) throws {
        let sheet = try checked(CellRange(rows: 0...0, columns: columns), "set column width")
        try XLSXError.check(
            worksheet_set_column(
                sheet, lxw_col_t(columns.lowerBound),
                lxw_col_t(columns.upperBound), width, check(format)),
            "set width of columns \(columns) on sheet \"\(name)\"")
    }

    /// Sets a row's height in points (15 is Excel's default).
    public func setRowHeight(_ height: Double, row: Int, format: XLSXFormat? = nil) throws {
        let sheet = try unwritten(row, 0, "set row height")
        try XLSXError.check(
            worksheet_set_row(sheet, lxw_row_t(row), height, check(format)),
            "set height of row \(row + 1) on sheet \"\(name)\"")
    }

    /// Makes `row` tall enough for `lines` lines of default-size text, since LibreOffice and
    /// WPS do not grow a row for wrapped text by themselves. One line keeps the default height.
    /// In constant-memory mode call it before writing the row's cells.
    public func setRowHeight(row: Int, lines: Int) throws {
        guard lines > 1 else { return }
        try setRowHeight(Double(lines) * 15.5 + 2, row: row)
    }

    /// Keeps rows above `row` and columns left of `column` in view while scrolling.
    public func freezePanes(row: Int, column: Int = 0) throws {
        let sheet = try cell(row, column, "freeze panes")
        worksheet_freeze_panes(sheet, lxw_row_t(row), lxw_col_t(column))
    }

    /// Puts filter buttons on the first row of `range`.
    public func setAutofilter(_ range: CellRange) throws {
        let sheet = try checked(range, "set autofilter")
        try XLSXError.check(
            worksheet_autofilter(
                sheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn)),
            "set autofilter \(range) on sheet \"\(name)\"")
    }

    /// Turns off gridlines on screen and on paper.
    public func hideGridlines() throws {
        worksheet_gridlines(try live("hide gridlines"), UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    /// Hides the sheet's tab (its cells can still be referenced, e.g. by a dropdown).
    public func hide() throws {
        worksheet_hide(try live("hide sheet"))
    }

    /// Prints on A4, optionally landscape, scaled to one page wide, with `repeatRows` printed
    /// at the top of every page.
    public func setPrintLayout(
        landscape: Bool, fitToWidth: Bool, repeatRows: ClosedRange<Int>? = nil
    ) throws {
        let sheet = try live("set print layout")
        worksheet_set_paper(sheet, 9)  // 9 is A4 in Excel's paper table.
        if landscape { worksheet_set_landscape(sheet) }
        if fitToWidth { worksheet_fit_to_pages(sheet, 1, 0) }  // 0 pages tall: as many as needed
        if let rows = repeatRows {
            _ = try checked(CellRange(rows: rows, columns: 0...0), "repeat rows")
            try XLSXError.check(
                worksheet_repeat_rows(
                    sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                "repeat rows \(rows) on sheet \"\(name)\"")
        }
    }

    // MARK: Data validation

    /// Gives every cell of `range` a dropdown of `values`; anything else typed is refused
    /// with `errorMessage`.
    ///
    /// - Throws: when the values, joined by commas, exceed Excel's 255 characters; put them
    ///   in cells and use `addListValidation(_:source:errorMessage:)` instead.
    public func addListValidation(
        _ range: CellRange, values: [String], errorMessage: String? = nil
    ) throws {
        let joinedLength = values.reduce(0) { $0 + $1.utf16.count } + max(0, values.count - 1)
        guard !values.isEmpty, joinedLength <= 255 else {
            throw XLSXError(
                operation: "add dropdown \(range) on sheet \"\(name)\"",
                reason: "a dropdown list must have 1 to 255 characters, has \(joinedLength)")
        }
        var list: [UnsafeMutablePointer<CChar>?] = values.map { strdup(CellText.sanitized($0)) }
        list.append(nil)
        defer { list.forEach { free($0) } }
        try list.withUnsafeMutableBufferPointer { pointers in
            var validation = lxw_data_validation()
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            validation.value_list = pointers.baseAddress
            try add(validation, range, errorMessage)
        }
    }

    /// Gives every cell of `range` a dropdown of the cells `source` names, written as a
    /// formula reference such as `'选项'!$A$1:$A$40`.
    public func addListValidation(
        _ range: CellRange, source: String, errorMessage: String? = nil
    ) throws {
        let formula = strdup("=" + source)
        defer { free(formula) }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
        validation.value_formula = formula
        try add(validation, range, errorMessage)
    }

    private func add(
        _ validation: lxw_data_validation, _ range: CellRange, _ errorMessage: String?
    ) throws {
        let sheet = try checked(range, "add dropdown")
        var validation = validation
        let message = errorMessage.map { strdup(String($0.prefix(255))) } ?? nil
        defer { free(message) }
        validation.error_message = message
        try XLSXError.check(
            worksheet_data_validation_range(
                sheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn), &validation),
            "add dropdown \(range) on sheet \"\(name)\"")
    }

    // MARK: Images

    /// Places the PNG/JPEG/GIF/BMP file at `path` with its top-left corner in the cell,
    /// scaled by `scale`. The file is read now; it may be deleted afterwards.
    public func insertImage(path: String, row: Int, column: Int, scale: Double = 1) throws {
        let sheet = try cell(row, column, "insert image")
        var options = imageOptions(scale)
        try XLSXError.check(
            worksheet_insert_image_opt(sheet, lxw_row_t(row), lxw_col_t(column), path, &options),
            operation("insert image \(path)", row, column))
    }

    /// Places an image held in memory (PNG/JPEG/GIF/BMP bytes); the bytes are copied.
    public func insertImage(data: Data, row: Int, column: Int, scale: Double = 1) throws {
        let sheet = try cell(row, column, "insert image")
        var options = imageOptions(scale)
        let code = data.withUnsafeBytes { bytes -> lxw_error in
            guard let base = bytes.bindMemory(to: UInt8.self).baseAddress else {
                return LXW_ERROR_NULL_PARAMETER_IGNORED
            }
            return worksheet_insert_image_buffer_opt(
                sheet, lxw_row_t(row), lxw_col_t(column), base, bytes.count, &options)
        }
        try XLSXError.check(code, operation("insert image (\(data.count) bytes)", row, column))
    }

    private func imageOptions(_ scale: Double) -> lxw_image_options {
        var options = lxw_image_options()
        options.x_scale = scale
        options.y_scale = scale
        return options
    }

    // MARK: Checks

    private func live(_ what: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try workbook.open("\(what) on sheet \"\(name)\"")
        return pointer
    }

    /// As `cell`, for writing a value or a row's height: refused on a row `writeRow` wrote.
    private func unwritten(_ row: Int, _ column: Int, _ what: String) throws
        -> UnsafeMutablePointer<lxw_worksheet>
    {
        guard row > lastWholeRow else {
            throw XLSXError(
                operation: operation(what, row, column),
                reason: "the row was written whole already")
        }
        return try cell(row, column, what)
    }

    /// The live sheet, after checking that the cell lies on Excel's grid (negative or too
    /// large indexes would otherwise wrap around when converted for C).
    private func cell(_ row: Int, _ column: Int, _ what: String) throws
        -> UnsafeMutablePointer<lxw_worksheet>
    {
        try checked(
            CellRange(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column),
            what)
    }

    private func checked(_ range: CellRange, _ what: String) throws
        -> UnsafeMutablePointer<lxw_worksheet>
    {
        let rows = 0..<Self.rowLimit
        let columns = 0..<Self.columnLimit
        guard rows.contains(range.firstRow), rows.contains(range.lastRow),
            columns.contains(range.firstColumn), columns.contains(range.lastColumn),
            range.firstRow <= range.lastRow, range.firstColumn <= range.lastColumn
        else {
            throw XLSXError(
                operation: "\(what) on sheet \"\(name)\"",
                reason: "row \(range.firstRow)…\(range.lastRow), column "
                    + "\(range.firstColumn)…\(range.lastColumn) is outside the sheet")
        }
        return try live(what)
    }

    /// The C format for `format`, which must come from this sheet's workbook.
    private func check(_ format: XLSXFormat?) -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        precondition(
            format.workbook == ObjectIdentifier(workbook),
            "an XLSXFormat was used with a different workbook")
        return format.pointer
    }

    private func operation(_ what: String, _ row: Int, _ column: Int) -> String {
        "\(what) at \(CellRange.name(row: row, column: column)) on sheet \"\(name)\""
    }
}
