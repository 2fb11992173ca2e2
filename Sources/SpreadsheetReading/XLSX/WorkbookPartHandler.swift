/// Collects the sheet list and the date system from `xl/workbook.xml`.
struct WorkbookPartHandler: XMLEventHandler {
    struct SheetEntry {
        var name: String
        var relationshipID: String
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var date1904 = false

    mutating func startElement(
        _ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes, selfClosing: Bool
    ) throws {
        if XMLText.equals(name, "sheet") {
            guard let sheetName = try attributes.string("name"),
                let id = try attributes.string("id")
            else {
                throw SpreadsheetReadError.corrupt(
                    detail: "workbook.xml: <sheet> without name or r:id")
            }
            sheets.append(SheetEntry(name: sheetName, relationshipID: id))
        } else if XMLText.equals(name, "workbookPr") {
            let value = try attributes.string("date1904")
            date1904 = value == "1" || value == "true"
        }
    }

    mutating func endElement(_ name: UnsafeBufferPointer<UInt8>) throws {}

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws {}
}
