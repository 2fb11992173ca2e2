import CXlsxWriter

/// An .xlsx file being written with libxlsxwriter. Nothing reaches disk until `close()`.
///
/// Not `Sendable`: libxlsxwriter keeps unsynchronised state per workbook, so one workbook (and
/// its worksheets and formats) belongs to one task at a time.
///
/// In constant-memory mode each worksheet's rows must be written top to bottom: once a cell
/// of a later row is written, earlier rows are on disk and writing to them (cells, comments)
/// throws. Comments, data validation, column widths, freeze panes and autofilter all work in
/// this mode (comments only on the current or a later row); merged ranges do not.
public final class XLSXWorkbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [CellStyle: XLSXFormat] = [:]
    /// The file `close()` writes.
    public let path: String

    /// Prepares a workbook to be written to `path` (created or replaced on `close()`).
    ///
    /// - Parameter constantMemory: keep only the current row of each worksheet in memory, for
    ///   sheets of up to a million rows; see the type's notes for what that rules out.
    /// - Throws: `XLSXError` when libxlsxwriter cannot allocate the workbook.
    public init(path: String, constantMemory: Bool = false) throws {
        self.path = path
        var options = lxw_workbook_options(
            constant_memory: constantMemory ? 1 : 0, tmpdir: nil, use_zip64: 0)
        handle = workbook_new_opt(path, &options)
        guard handle != nil else {
            throw XLSXError(operation: "create workbook \(path)", reason: "out of memory")
        }
    }

    deinit {
        // Abandoned without close(): free everything and write nothing.
        if let handle { lxw_workbook_free(handle) }
    }

    /// Appends a worksheet; tabs appear in the order they are added.
    ///
    /// - Throws: `XLSXError` when the name is not a valid Excel sheet name (more than 31
    ///   characters, one of `[]:*?/\`, starts or ends with an apostrophe, already used).
    public func addWorksheet(name: String) throws -> XLSXWorksheet {
        let workbook = try open("add worksheet \"\(name)\"")
        try XLSXError.check(
            workbook_validate_sheet_name(workbook, name), "add worksheet \"\(name)\"")
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw XLSXError(operation: "add worksheet \"\(name)\"", reason: "refused")
        }
        return XLSXWorksheet(pointer: sheet, name: name, workbook: self)
    }

    /// The format for `style`, created on first use; equal styles return the same format.
    ///
    /// Calling this after `close()` is a programming error.
    public func addFormat(_ style: CellStyle) -> XLSXFormat {
        if let known = formats[style] { return known }
        guard let handle, let pointer = workbook_add_format(handle) else {
            preconditionFailure("addFormat on a closed workbook")
        }
        apply(style, to: pointer)
        let format = XLSXFormat(pointer: pointer, workbook: ObjectIdentifier(self))
        formats[style] = format
        return format
    }

    /// Writes the file and frees the workbook. Afterwards every call on it, its worksheets
    /// and its formats throws (or, for `addFormat`, traps).
    ///
    /// - Throws: `XLSXError` with libxlsxwriter's reason when the file cannot be written
    ///   (directory missing, no permission, disk full); the workbook is freed either way.
    public func close() throws {
        let workbook = try open("close \(path)")
        handle = nil
        formats = [:]
        try XLSXError.check(workbook_close(workbook), "write \(path)")
    }

    /// The live handle, or a thrown error saying what could not be done after `close()`.
    func open(_ operation: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else {
            throw XLSXError(operation: operation(), reason: "the workbook is already closed")
        }
        return handle
    }

    private func apply(_ style: CellStyle, to format: UnsafeMutablePointer<lxw_format>) {
        if style.bold { format_set_bold(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let color = style.fontColor { format_set_font_color(format, lxw_color_t(color)) }
        if let name = style.fontName { format_set_font_name(format, name) }
        if let fill = style.fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fill))
        }
        if style.wrapText { format_set_text_wrap(format) }
        switch style.horizontal {
        case .left?: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        switch style.vertical {
        case .top?: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center?: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom?: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        case nil: break
        }
        switch style.border {
        case .thin?: format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .medium?: format_set_border(format, UInt8(LXW_BORDER_MEDIUM.rawValue))
        case nil: break
        }
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
    }
}
