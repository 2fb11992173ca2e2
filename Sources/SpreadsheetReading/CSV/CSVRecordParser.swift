/// An RFC 4180 record splitter fed byte chunks (quotes, doubled quotes, line breaks in quotes).
///
/// Works on bytes because the delimiters, quotes and line breaks are ASCII and never occur
/// inside a UTF-8 or GB18030 multi-byte character. Lenient where Excel is: text after a closing
/// quote is kept, an unterminated quote runs to the end of the file, CR, LF and CRLF end lines.
struct CSVRecordParser {
    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    let delimiter: UInt8
    let encoding: CSVTextEncoding
    let limits: ReadLimits
    private var state = State.fieldStart
    private var skipLineFeed = false
    private var field: [UInt8] = []
    private var cells: [CellValue] = []
    private var recordNumber = 0
    private var emittedRows = 0

    init(delimiter: UInt8, encoding: CSVTextEncoding, limits: ReadLimits) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.limits = limits
    }

    /// The delimiter the first line uses: comma, unless it has none but a tab or semicolon.
    static func detectDelimiter(_ head: some Collection<UInt8>) -> UInt8 {
        let firstLine = head.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        if firstLine.contains(UInt8(ascii: ",")) { return UInt8(ascii: ",") }
        if firstLine.contains(UInt8(ascii: "\t")) { return UInt8(ascii: "\t") }
        if firstLine.contains(UInt8(ascii: ";")) { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }

    mutating func feed(_ bytes: some Collection<UInt8>, emit: (SheetRow) throws -> Void) throws {
        for byte in bytes {
            if skipLineFeed {
                skipLineFeed = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch state {
            case .quoted:
                if byte == UInt8(ascii: "\"") { state = .quoteInQuoted } else { field.append(byte) }
            case .quoteInQuoted where byte == UInt8(ascii: "\""):
                field.append(byte)
                state = .quoted
            case .fieldStart where byte == UInt8(ascii: "\""):
                state = .quoted
            default:
                if byte == delimiter {
                    try endField()
                } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    skipLineFeed = byte == UInt8(ascii: "\r")
                    try endField()
                    try endRecord(emit)
                } else {
                    field.append(byte)
                    state = .unquoted
                }
            }
        }
    }

    /// Ends the input: a last record without a final line break is still emitted.
    mutating func finish(emit: (SheetRow) throws -> Void) throws {
        if state != .fieldStart || !field.isEmpty || !cells.isEmpty {
            try endField()
            try endRecord(emit)
        }
    }

    private mutating func endField() throws {
        state = .fieldStart
        defer { field.removeAll(keepingCapacity: true) }
        guard !field.isEmpty else {
            cells.append(.empty)
            return
        }
        guard cells.count < limits.maxColumns else {
            throw SpreadsheetReadError.tooManyColumns(limit: limits.maxColumns)
        }
        cells.append(.text(try encoding.decode(field)))
    }

    private mutating func endRecord(_ emit: (SheetRow) throws -> Void) throws {
        recordNumber += 1
        defer { cells.removeAll(keepingCapacity: true) }
        while cells.last == .empty { cells.removeLast() }
        guard !cells.isEmpty else { return }
        emittedRows += 1
        guard emittedRows <= limits.maxRows else {
            throw SpreadsheetReadError.tooManyRows(limit: limits.maxRows)
        }
        try emit(SheetRow(number: recordNumber, cells: cells))
    }
}
