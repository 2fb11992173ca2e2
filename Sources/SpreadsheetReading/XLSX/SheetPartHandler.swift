/// Turns worksheet XML into `SheetRow`s as it streams past, keeping only the current row.
///
/// Cell values: the cached result of formulas is used, formulas are never evaluated. A cell
/// without a value, or whose string is empty, counts as empty (a template's `=IF(…,"",…)`
/// column must not turn blank rows into data rows).
struct SheetPartHandler: XMLEventHandler {
    private enum CellKind {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    private enum Capture {
        case none, value, inlineText
    }

    let sharedStrings: [String]
    let dateStyles: [Bool]
    let date1904: Bool
    let limits: ReadLimits
    let emit: (SheetRow) throws -> Void

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [CellValue] = []
    private var column = -1
    private var kind = CellKind.number
    private var style = 0
    private var capture = Capture.none
    private var inInlineString = false
    private var phoneticDepth = 0
    private var valueBytes: [UInt8] = []
    private var emittedRows = 0

    init(
        sharedStrings: [String], dateStyles: [Bool], date1904: Bool, limits: ReadLimits,
        emit: @escaping (SheetRow) throws -> Void
    ) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.limits = limits
        self.emit = emit
    }

    mutating func startElement(
        _ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes, selfClosing: Bool
    ) throws {
        switch name.count {
        case 1 where name[0] == UInt8(ascii: "c") && inSheetData:
            try startCell(attributes)
            if selfClosing { try endCell() }
        case 1 where name[0] == UInt8(ascii: "v"):
            capture = selfClosing ? .none : .value
        case 1 where name[0] == UInt8(ascii: "t"):
            capture = inInlineString && phoneticDepth == 0 && !selfClosing ? .inlineText : .none
        case 2 where XMLText.equals(name, "is"):
            inInlineString = !selfClosing
        case 3 where XMLText.equals(name, "row") && inSheetData:
            rowNumber = attributes.raw("r").flatMap(XMLText.parseInt) ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            column = -1
        case 3 where XMLText.equals(name, "rPh"):
            if !selfClosing { phoneticDepth += 1 }
        case 9 where XMLText.equals(name, "sheetData"):
            inSheetData = !selfClosing
        default:
            break
        }
    }

    mutating func endElement(_ name: UnsafeBufferPointer<UInt8>) throws {
        switch name.count {
        case 1 where name[0] == UInt8(ascii: "c") && inSheetData:
            try endCell()
        case 1 where name[0] == UInt8(ascii: "v") || name[0] == UInt8(ascii: "t"):
            capture = .none
        case 2 where XMLText.equals(name, "is"):
            inInlineString = false
        case 3 where XMLText.equals(name, "row") && inSheetData:
            try endRow()
        case 3 where XMLText.equals(name, "rPh"):
            phoneticDepth = max(0, phoneticDepth - 1)
        case 9 where XMLText.equals(name, "sheetData"):
            inSheetData = false
        default:
            break
        }
    }

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws {
        guard capture != .none else { return }
        try XMLText.appendCharacterData(raw, isCDATA: isCDATA, to: &valueBytes)
    }

    private mutating func startCell(_ attributes: XMLAttributes) throws {
        var reference: Int?
        style = 0
        kind = .number
        attributes.forEach { name, value in
            if XMLText.equals(name, "r") {
                reference = Self.columnIndex(value)
            } else if XMLText.equals(name, "s") {
                style = XMLText.parseInt(value) ?? 0
            } else if XMLText.equals(name, "t") {
                kind = Self.cellKind(value)
            }
            return true
        }
        column = reference ?? column + 1
        capture = .none
        valueBytes.removeAll(keepingCapacity: true)
    }

    private mutating func endCell() throws {
        capture = .none
        inInlineString = false
        guard !valueBytes.isEmpty, let value = try cellValue() else { return }
        // A `</c>` with no `<c>` before it in the row has no column to go to.
        guard column >= 0 else {
            throw SpreadsheetReadError.corrupt(detail: "row \(rowNumber): cell end without a cell")
        }
        guard column < limits.maxColumns else {
            throw SpreadsheetReadError.tooManyColumns(limit: limits.maxColumns)
        }
        if column < cells.count {
            cells[column] = value
        } else {
            while cells.count < column { cells.append(.empty) }
            cells.append(value)
        }
    }

    private mutating func endRow() throws {
        guard !cells.isEmpty else { return }
        emittedRows += 1
        guard emittedRows <= limits.maxRows else {
            throw SpreadsheetReadError.tooManyRows(limit: limits.maxRows)
        }
        try emit(SheetRow(number: rowNumber, cells: cells))
        cells.removeAll(keepingCapacity: true)
    }

    /// The value of the finished cell; nil when it is effectively empty.
    private func cellValue() throws -> CellValue? {
        switch kind {
        case .number:
            guard let number = XMLText.parseDouble(valueBytes) else {
                throw SpreadsheetReadError.corrupt(detail: "row \(rowNumber): bad number")
            }
            if style < dateStyles.count, dateStyles[style],
                let date = SheetDate(serial: number, date1904: date1904)
            {
                return .date(date)
            }
            return .number(number)
        case .sharedString:
            guard let index = valueBytes.withUnsafeBufferPointer(XMLText.parseInt),
                index < sharedStrings.count
            else {
                throw SpreadsheetReadError.corrupt(
                    detail: "row \(rowNumber): bad shared string index")
            }
            let text = sharedStrings[index]
            return text.isEmpty ? nil : .text(text)
        case .inlineString, .formulaString:
            return .text(XMLText.ooxmlString(valueBytes))
        case .boolean:
            return .bool(valueBytes == [UInt8(ascii: "1")] || valueBytes == Array("true".utf8))
        case .error:
            return .error(String(decoding: valueBytes, as: UTF8.self))
        case .isoDate:
            let text = String(decoding: valueBytes, as: UTF8.self)
            return SheetDate(iso: text).map(CellValue.date) ?? .text(text)
        }
    }

    private static func cellKind(_ type: UnsafeBufferPointer<UInt8>) -> CellKind {
        if XMLText.equals(type, "s") { return .sharedString }
        if XMLText.equals(type, "inlineStr") { return .inlineString }
        if XMLText.equals(type, "str") { return .formulaString }
        if XMLText.equals(type, "b") { return .boolean }
        if XMLText.equals(type, "e") { return .error }
        if XMLText.equals(type, "d") { return .isoDate }
        return .number
    }

    /// 0-based column of a reference like `AB12`; nil when it has no leading letters.
    private static func columnIndex(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference {
            let upper = byte & 0xDF
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z"), letters < 7 else { break }
            index = index * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}
