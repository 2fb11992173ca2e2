/// The container format a workbook was recognised as, decided by content (see `Workbook.open`).
public enum SpreadsheetFormat: String, Sendable {
    case xlsx, xls, csv
}
