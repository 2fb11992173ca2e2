/// Why a file could not be read. `detail` strings are English and meant for logs;
/// the caller turns the case into a message for the clerk. Codable so that the .xls reader child
/// (`XLSChildMain`) can hand its error to the daemon unchanged.
public enum SpreadsheetReadError: Error, Sendable, Equatable, Codable {
    /// The file has zero bytes.
    case empty
    /// Not a spreadsheet. `detected` names what it is when known: "pdf", "png", "jpeg", "gif",
    /// "zip" (a zip that is no workbook), "docx", "xlsb", "ods", "doc", "ole2-not-xls";
    /// nil when the content is unknown (including text not named .csv/.txt).
    case unrecognizedFormat(detected: String?)
    /// Truncated or damaged container or XML, CRC mismatch, bad BIFF.
    case corrupt(detail: String)
    /// A password-protected workbook.
    case encrypted
    /// A DTD, DOCTYPE or ENTITY declaration in an XML part (never expanded, always refused).
    case forbiddenXML(detail: String)
    case tooManyRows(limit: Int)
    case tooManyColumns(limit: Int)
    case tooManySharedStrings(limit: Int)
    /// Uncompressed size or compression ratio exceeded (zip bomb).
    case tooLarge(limitBytes: Int64)
    /// A CSV that is neither UTF-8, UTF-16 with BOM, nor GB18030.
    case unreadableText(detail: String)
    /// A workbook without any worksheet.
    case noSheets
}
