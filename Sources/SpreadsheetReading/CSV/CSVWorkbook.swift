import Foundation

/// A CSV file seen as a workbook with one sheet named after the file stem.
struct CSVWorkbook: Sendable {
    private static let chunkSize = 1 << 20

    let path: String
    let limits: ReadLimits
    let sheetName: String

    init(path: String, limits: ReadLimits) {
        self.path = path
        self.limits = limits
        sheetName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// Streams the non-empty records; every non-empty field is `.text` (CSV has no types).
    /// Throws `.unreadableText` when the bytes fit none of the supported encodings.
    func forEachRow(_ body: (SheetRow) throws -> Void) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw SpreadsheetReadError.corrupt(detail: "cannot open \(path)")
        }
        defer { try? file.close() }
        let (encoding, bomLength) = try CSVTextEncoding.detect(file, chunkSize: Self.chunkSize)
        try file.seek(toOffset: UInt64(bomLength))
        if encoding == .utf16 {
            // Excel's "Unicode text" exports are small; convert whole, then split as UTF-8.
            let data = try file.readToEnd() ?? Data()
            guard let text = String(data: data, encoding: .utf16) else {
                throw SpreadsheetReadError.unreadableText(detail: "invalid UTF-16")
            }
            var parser = CSVRecordParser(
                delimiter: CSVRecordParser.detectDelimiter(text.utf8), encoding: .utf8,
                limits: limits)
            try parser.feed(text.utf8, emit: body)
            try parser.finish(emit: body)
            return
        }
        var chunk = try file.read(upToCount: Self.chunkSize) ?? Data()
        var parser = CSVRecordParser(
            delimiter: CSVRecordParser.detectDelimiter(chunk), encoding: encoding, limits: limits)
        while !chunk.isEmpty {
            try parser.feed(chunk, emit: body)
            chunk = try file.read(upToCount: Self.chunkSize) ?? Data()
        }
        try parser.finish(emit: body)
    }
}
