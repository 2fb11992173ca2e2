/// A legacy .xls read by the reader child (`XLSChild`, `XLSChildMain`): the same sheet names,
/// rows and errors as `XLSWorkbook` gives in process, with the parsing kept out of this one.
///
/// Whatever goes wrong in the child (a signal, a non-zero exit, output that breaks the
/// `XLSFrame` format or the row contract, no output within `XLSChild.waitLimit`) is
/// `.corrupt`; more output than `ReadLimits.maxUncompressedBytes` is `.tooLarge`. The child is
/// killed and reaped before any of these is thrown, and when the caller's `body` throws.
struct XLSChildWorkbook: Sendable {
    let path: String
    let limits: ReadLimits
    let child: XLSChild
    let sheetNames: [String]

    init(path: String, limits: ReadLimits, child: XLSChild) throws {
        self.path = path
        self.limits = limits
        self.child = child
        var names: [String]?
        try Self.stream(path: path, limits: limits, child: child, sheet: nil) { frame in
            guard case .sheetNames(let sent) = frame, names == nil else {
                throw XLSFrame.Malformed("expected the sheet names once")
            }
            names = sent
        }
        guard let names else {
            throw SpreadsheetReadError.corrupt(detail: "xls reader child sent no sheet names")
        }
        sheetNames = names
    }

    /// Streams the non-empty rows of sheet `index` (see `Workbook.forEachRow`).
    func forEachRow(sheet index: Int, _ body: (SheetRow) throws -> Void) throws {
        var delivered = 0
        try Self.stream(path: path, limits: limits, child: child, sheet: index) { frame in
            // The child is trusted no more than the file it read: the contract is checked here.
            guard case .row(let row) = frame, row.cells.count <= limits.maxColumns,
                row.cells.last != .empty, delivered < limits.maxRows
            else { throw XLSFrame.Malformed("not a row within the limits") }
            delivered += 1
            try body(row)
        }
    }

    /// Runs one child (sheet names when `sheet` is nil, else that sheet's rows) and hands each
    /// frame before the final one to `onFrame`.
    private static func stream(
        path: String, limits: ReadLimits, child: XLSChild, sheet: Int?,
        _ onFrame: (XLSFrame) throws -> Void
    ) throws {
        let arguments = XLSChildMain.arguments(
            path: path, sheet: sheet, limits: limits, child: child)
        let process = try XLSChildProcess(
            arguments: child.command + arguments, waitLimit: child.waitLimit)
        var reaped = false
        defer { if !reaped { _ = process.finish(kill: true) } }
        let reader = XLSFrameReader(
            maxBytes: Int(clamping: limits.maxUncompressedBytes), source: process.read(into:))
        do {
            while true {
                switch try XLSFrame.decode(from: reader) {
                case .done:
                    reaped = true
                    let end = process.finish(kill: false)
                    guard end == .exited(0) else {
                        throw SpreadsheetReadError.corrupt(detail: "xls reader child \(end)")
                    }
                    return
                case .failure(let error):
                    reaped = true
                    _ = process.finish(kill: false)
                    throw error
                case let frame:
                    try onFrame(frame)
                }
            }
        } catch is XLSFrameReader.TooMuch {
            throw SpreadsheetReadError.tooLarge(limitBytes: limits.maxUncompressedBytes)
        } catch let error
            where error is XLSFrameReader.Ended || error is XLSFrame.Malformed
            || error is XLSChildProcess.TimedOut
        {
            reaped = true
            // Ended: the child closed its output early, most likely it crashed; wait for it.
            let end = process.finish(kill: !(error is XLSFrameReader.Ended))
            throw SpreadsheetReadError.corrupt(detail: "xls reader child \(end): \(error)")
        }
    }
}
