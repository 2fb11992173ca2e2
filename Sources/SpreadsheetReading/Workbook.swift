/// An opened workbook (.xlsx, .xls or .csv) whose sheets can be streamed row by row.
///
/// Reading is streaming: memory does not grow with the number of rows (an xlsx shared strings
/// table is kept, rows are not). Opening reads only metadata; every `forEachRow` call reads
/// the file again, so no file handle stays open and the value may be shared across tasks.
public final class Workbook: Sendable {
    private enum Source: Sendable {
        case xlsx(XLSXWorkbook)
        case xls(XLSWorkbook)
        case xlsChild(XLSChildWorkbook)
        case csv(CSVWorkbook)
    }

    public let format: SpreadsheetFormat
    private let source: Source

    private init(format: SpreadsheetFormat, source: Source) {
        self.format = format
        self.source = source
    }

    /// Opens the file at `path`, recognising its format by content, not by extension (the
    /// extension only lets text count as csv: .csv or .txt). Throws a `SpreadsheetReadError`
    /// when the file is no readable workbook or crosses a limit while its metadata is read.
    ///
    /// `xls` says where a legacy .xls is parsed; every caller chooses, so the daemon's choice
    /// (a child process) is never silently replaced by this process. With `.child`, a child
    /// that cannot be started throws an error that is not a `SpreadsheetReadError` (the file
    /// is not to blame).
    public static func open(path: String, limits: ReadLimits = ReadLimits(), xls: XLSReading)
        throws -> Workbook
    {
        switch try FormatSniffer.sniff(path: path) {
        case .zip:
            return Workbook(
                format: .xlsx, source: .xlsx(try XLSXWorkbook(path: path, limits: limits)))
        case .ole2:
            switch xls {
            case .inProcess:
                return Workbook(
                    format: .xls, source: .xls(try XLSWorkbook(path: path, limits: limits)))
            case .child(let child):
                return Workbook(
                    format: .xls,
                    source: .xlsChild(
                        try XLSChildWorkbook(path: path, limits: limits, child: child)))
            }
        case .text:
            return Workbook(format: .csv, source: .csv(CSVWorkbook(path: path, limits: limits)))
        }
    }

    /// Sheet names in workbook order (hidden sheets included); a csv has one, its file stem.
    public var sheetNames: [String] {
        switch source {
        case .xlsx(let workbook): workbook.sheetNames
        case .xls(let workbook): workbook.sheetNames
        case .xlsChild(let workbook): workbook.sheetNames
        case .csv(let workbook): [workbook.sheetName]
        }
    }

    /// Streams every non-empty row of sheet `index` (0-based, < `sheetNames.count`) in order.
    ///
    /// Row numbers are Excel's (1-based, title rows counted); rows whose cells are all empty
    /// are skipped and trailing empty cells are trimmed. Callable any number of times; each
    /// call re-reads the file. Throws a `SpreadsheetReadError` (after the rows before the
    /// problem were delivered) or whatever `body` throws, which ends the read.
    public func forEachRow(sheet index: Int, _ body: (SheetRow) throws -> Void) throws {
        // A plain read of a large sheet needs no preparing thread between reader and body.
        if case .xlsx(let workbook) = source, sheetNames.indices.contains(index) {
            return try workbook.forEachRow(sheet: index, body)
        }
        try forEachRow(sheet: index, prepare: { $0 }, body)
    }

    /// `forEachRow(sheet:_:)` with every row passed through `prepare` before `body` gets it.
    ///
    /// For a large .xlsx sheet, `prepare` runs on threads of its own, so that work on a row
    /// that needs nothing from `body` (validating it, say) uses the other cores while `body`
    /// (storing it, say) runs on this thread. `prepare` may therefore be called on several
    /// threads at once, for different rows in any order, and must be safe to call so; `body`
    /// gets its results in row order. Every call has returned when this does; an error
    /// `prepare` throws ends the read (after the rows before it) like an error of `body`.
    public func forEachRow<Prepared: Sendable>(
        sheet index: Int, prepare: @escaping @Sendable (SheetRow) throws -> Prepared,
        _ body: (Prepared) throws -> Void
    ) throws {
        precondition(sheetNames.indices.contains(index), "sheet index \(index) out of range")
        switch source {
        case .xlsx(let workbook): try workbook.forEachRow(sheet: index, prepare: prepare, body)
        case .xls(let workbook): try workbook.forEachRow(sheet: index) { try body(prepare($0)) }
        case .xlsChild(let workbook):
            try workbook.forEachRow(sheet: index) { try body(prepare($0)) }
        case .csv(let workbook): try workbook.forEachRow { try body(prepare($0)) }
        }
    }
}
