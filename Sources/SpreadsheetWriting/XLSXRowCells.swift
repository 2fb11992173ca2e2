import CXlsxWriter
import Foundation

/// The cells of one row, serialized as they are added; filled inside
/// `XLSXWorksheet.writeRow(_:_:)`.
///
/// libxlsxwriter's cell path allocates, copies, escapes and `fprintf`s every cell on its own,
/// which is most of the time a report's copy of a 100,000-row sheet takes. This writes the
/// same XML (a test compares the two byte for byte) into one reused buffer. Text is made safe
/// as `XLSXWorksheet.write(_:row:column:format:)` makes it: see `CellText`.
public struct XLSXRowCells {
    let row: Int
    private let workbook: ObjectIdentifier
    /// The sheet, read for its column formats only.
    private let sheet: UnsafeMutablePointer<lxw_worksheet>
    /// `<row r="…">` and `<c …>…</c>` for every cell so far.
    private(set) var xml: [UInt8]
    private(set) var firstColumn = -1
    private(set) var lastColumn = -1
    private(set) var comments: [(column: Int, text: String, author: String?)] = []

    init(
        row: Int, sheet: UnsafeMutablePointer<lxw_worksheet>, workbook: ObjectIdentifier,
        reusing buffer: [UInt8]
    ) {
        self.row = row
        self.sheet = sheet
        self.workbook = workbook
        xml = buffer
        append("<row r=\"")
        appendDecimal(Int64(row) + 1)
        append("\">")
    }

    /// The row's whole XML, or nil when it has no cells (libxlsxwriter writes no element then).
    mutating func finishedXML() -> [UInt8]? {
        guard lastColumn >= 0 else { return nil }
        append("</row>")
        return xml
    }

    /// Writes `text` as a string cell. Empty text writes nothing, or a blank cell when it has
    /// a format.
    public mutating func write(_ text: String, column: Int, format: XLSXFormat? = nil) throws {
        var text = text
        if Self.mayNeedSanitizing(text) { text = CellText.sanitized(text) }
        guard !text.isEmpty else {
            if let format { try writeBlank(column: column, format: format) }
            return
        }
        try open(column, format, type: "inlineStr")
        text.withUTF8 { bytes in
            append("><is><t")
            if Self.staysSpace(bytes[0]) || Self.staysSpace(bytes[bytes.count - 1]) {
                append(" xml:space=\"preserve\"")
            }
            xml.append(UInt8(ascii: ">"))
            appendEscaped(bytes)
        }
        append("</t></is></c>")
    }

    /// Writes a number cell; non-finite numbers (NaN, ±∞), which Excel cannot hold, throw.
    public mutating func write(_ number: Double, column: Int, format: XLSXFormat? = nil) throws {
        guard number.isFinite else {
            throw XLSXError(
                operation: "write number at \(CellRange.name(row: row, column: column))",
                reason: "\(number) is not a finite number")
        }
        try open(column, format, type: nil)
        append("><v>")
        appendNumber(number)
        append("</v></c>")
    }

    /// Writes TRUE or FALSE.
    public mutating func write(_ value: Bool, column: Int, format: XLSXFormat? = nil) throws {
        try open(column, format, type: "b")
        append(value ? "><v>1</v></c>" : "><v>0</v></c>")
    }

    /// Writes a date-time cell from `date`'s year … second (missing fields count as 0);
    /// `format` needs a date number format.
    public mutating func write(_ date: DateComponents, column: Int, format: XLSXFormat) throws {
        var value = lxw_datetime(
            year: Int32(date.year ?? 0), month: Int32(date.month ?? 0), day: Int32(date.day ?? 0),
            hour: Int32(date.hour ?? 0), min: Int32(date.minute ?? 0),
            sec: Double(date.second ?? 0))
        try write(lxw_datetime_to_excel_datetime(&value), column: column, format: format)
    }

    /// Gives an empty cell a format.
    public mutating func writeBlank(column: Int, format: XLSXFormat) throws {
        try open(column, format, type: nil)
        append("/>")
    }

    /// Attaches a hidden note to the row's cell in `column`, as
    /// `XLSXWorksheet.writeComment(_:row:column:author:visible:)` does.
    public mutating func addComment(_ text: String, column: Int, author: String? = nil) {
        comments.append((column, text, author))
    }

    // MARK: Serializing

    /// `<c r="B7" s="3" t="…"` — the cell's start, without the closing `>`.
    private mutating func open(_ column: Int, _ format: XLSXFormat?, type: String?) throws {
        guard (0..<XLSXWorksheet.columnLimit).contains(column), column > lastColumn else {
            throw XLSXError(
                operation: "write cell \(CellRange.name(row: row, column: max(column, 0)))",
                reason: "cells of a row go left to right, each once, within the sheet")
        }
        if firstColumn < 0 { firstColumn = column }
        lastColumn = column
        append("<c r=\"")
        appendColumnName(column)
        appendDecimal(Int64(row) + 1)
        xml.append(UInt8(ascii: "\""))
        let style = styleIndex(format, column)
        if style != 0 {
            append(" s=\"")
            appendDecimal(Int64(style))
            xml.append(UInt8(ascii: "\""))
        }
        if let type {
            append(" t=\"")
            append(type)
            xml.append(UInt8(ascii: "\""))
        }
    }

    /// libxlsxwriter's choice: the cell's format, else its column's; 0 is the default.
    private func styleIndex(_ format: XLSXFormat?, _ column: Int) -> Int32 {
        if let format {
            precondition(
                format.workbook == workbook, "an XLSXFormat was used with a different workbook")
            return lxw_format_get_xf_index(format.pointer)
        }
        let columns = sheet.pointee
        guard column < columns.col_formats_max, let format = columns.col_formats[column] else {
            return 0
        }
        return lxw_format_get_xf_index(format)
    }

    /// Excel's letters for a column (A … XFD), written without building a string.
    private mutating func appendColumnName(_ column: Int) {
        let a = UInt8(ascii: "A")
        switch column {
        case ..<26:
            xml.append(a + UInt8(column))
        case ..<702:
            xml.append(a + UInt8((column - 26) / 26))
            xml.append(a + UInt8((column - 26) % 26))
        default:
            xml.append(a + UInt8((column - 702) / 676))
            xml.append(a + UInt8((column - 702) / 26 % 26))
            xml.append(a + UInt8((column - 702) % 26))
        }
    }

    private mutating func appendDecimal(_ value: Int64) {
        if value < 0 { xml.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = xml.count
        repeat {
            xml.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        xml[start...].reverse()
    }

    private mutating func append(_ ascii: String) {
        var ascii = ascii
        ascii.withUTF8 { xml.append(contentsOf: $0) }
    }

    /// Escaped as libxlsxwriter escapes text: `&`, `<` and `>` as entities, and the one
    /// control character `CellText` lets through besides tab and line feed, carriage return,
    /// as Excel's `_x000D_`.
    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<bytes.count {
            let entity: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case 0x0D: entity = "_x000D_"
            default: continue
            }
            xml.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            entity.withUTF8Buffer { xml.append(contentsOf: $0) }
            start = index + 1
        }
        xml.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// As C's `%.16G`, which libxlsxwriter uses; whole numbers the common way, digits only.
    private mutating func appendNumber(_ number: Double) {
        if number == number.rounded(), abs(number) < 1e15, number != 0 || number.sign == .plus {
            appendDecimal(Int64(number))
            return
        }
        var digits = [CChar](repeating: 0, count: 32)
        let count = digits.withUnsafeMutableBufferPointer { buffer in
            withVaList([number]) { vsnprintf(buffer.baseAddress, buffer.count, "%.16G", $0) }
        }
        digits.withUnsafeBytes { bytes in
            xml.append(contentsOf: bytes.prefix(Int(count)))
        }
    }

    /// Whether the escaped text starts or ends with what C's `isspace` calls space, which
    /// decides libxlsxwriter's `xml:space="preserve"` (a carriage return is escaped by then).
    private static func staysSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0C).contains(byte)
    }

    /// Whether `text` may hold what `CellText.sanitized` replaces or cuts: a C0 control other
    /// than tab, line feed and carriage return, U+FFFE/U+FFFF (UTF-8 EF BF BE/BF; full-width
    /// punctuation, EF BC/BD …, is common and fine), or more bytes than Excel's limit in UTF-16
    /// units (UTF-8 never has fewer bytes than UTF-16 units).
    private static func mayNeedSanitizing(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            if bytes.count > CellText.maximumLength { return true }
            for index in bytes.indices {
                switch bytes[index] {
                case 0x09, 0x0A, 0x0D: continue
                case ..<0x20: return true
                case 0xEF where index + 2 < bytes.count:
                    if bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE { return true }
                default: continue
                }
            }
            return false
        }
    }
}
