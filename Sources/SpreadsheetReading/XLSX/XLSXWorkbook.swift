import Foundation

/// An xlsx package's metadata, read once at open: sheet list, shared strings, date styles.
///
/// Sheets are streamed on demand by reopening the zip, so no file stays open between reads.
struct XLSXWorkbook: Sendable {
    private struct Sheet: Sendable {
        var name: String
        var partPath: String
        /// Inflated size as the zip declares it.
        var declaredSize: Int64
    }

    /// Sheets from this size up are read on a thread of their own (`BackgroundProducer`); below,
    /// starting a thread costs more than it saves.
    static let backgroundReadBytes: Int64 = 4 << 20

    private static let workbookPath = "xl/workbook.xml"

    let path: String
    let limits: ReadLimits
    private let sheets: [Sheet]
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool
    /// Uncompressed bytes of the metadata parts, charged against every sheet read's budget.
    private let metadataBytes: Int64

    var sheetNames: [String] { sheets.map(\.name) }

    /// Reads the package metadata. Throws `.unrecognizedFormat` for a zip that is no xlsx,
    /// `.noSheets` for a workbook without worksheets, and the limit and corruption errors.
    init(path: String, limits: ReadLimits) throws {
        let zip = try ZipPartReader(path: path, limits: limits, budget: limits.maxUncompressedBytes)
        guard zip.contains(Self.workbookPath) else {
            throw SpreadsheetReadError.unrecognizedFormat(detected: Self.classifyOtherZip(zip))
        }
        var workbook = WorkbookPartHandler()
        try zip.scan(Self.workbookPath, with: &workbook)
        var relationships = RelationshipsPartHandler(baseFolder: "xl")
        try zip.scan("xl/_rels/workbook.xml.rels", with: &relationships)

        sheets = try workbook.sheets.map { entry in
            guard let relationship = relationships.byID[entry.relationshipID] else {
                throw SpreadsheetReadError.corrupt(
                    detail: "sheet \(entry.name): no relationship \(entry.relationshipID)")
            }
            return Sheet(
                name: entry.name, partPath: relationship.partPath,
                declaredSize: zip.declaredSize(of: relationship.partPath))
        }
        guard !sheets.isEmpty else { throw SpreadsheetReadError.noSheets }

        var strings = SharedStringsPartHandler(limit: limits.maxSharedStrings)
        if let part = relationships.firstPart(ofType: "sharedStrings"), zip.contains(part) {
            try zip.scan(part, with: &strings)
        }
        var styles = StylesPartHandler()
        if let part = relationships.firstPart(ofType: "styles"), zip.contains(part) {
            try zip.scan(part, with: &styles)
        }
        self.path = path
        self.limits = limits
        sharedStrings = strings.strings
        dateStyles = styles.dateStyles
        date1904 = workbook.date1904
        metadataBytes = limits.maxUncompressedBytes - zip.remainingBytes
    }

    /// Streams the non-empty rows of sheet `index` (see `Workbook.forEachRow(sheet:_:)`). A
    /// large sheet is inflated and scanned on another thread while `body` runs on this one.
    func forEachRow(sheet index: Int, _ body: (SheetRow) throws -> Void) throws {
        guard sheets[index].declaredSize >= Self.backgroundReadBytes else {
            return try scanRows(sheet: index, body)
        }
        try BackgroundProducer.forEach(produce: { try self.scanRows(sheet: index, $0) }, body)
    }

    /// Streams the non-empty rows of sheet `index`, each through `prepare` (see
    /// `Workbook.forEachRow(sheet:prepare:_:)`). A large sheet is inflated and scanned on one
    /// thread and prepared on one per core (`BackgroundProducer.workerThreads`) while `body`
    /// runs on this one, so that every core stays busy whichever stage is the longest.
    func forEachRow<Prepared: Sendable>(
        sheet index: Int, prepare: @escaping @Sendable (SheetRow) throws -> Prepared,
        _ body: (Prepared) throws -> Void
    ) throws {
        guard sheets[index].declaredSize >= Self.backgroundReadBytes else {
            return try scanRows(sheet: index) { try body(prepare($0)) }
        }
        // Four batches a queue: enough slack for the workers, and a million-row sheet's peak
        // memory (a target of the benchmarks) stays a few MB lower than with the default eight.
        try BackgroundProducer.forEach(
            queuedBatches: 4, workers: BackgroundProducer.workerThreads,
            produce: { try self.scanRows(sheet: index, $0) }, transform: prepare, body)
    }

    private func scanRows(sheet index: Int, _ body: (SheetRow) throws -> Void) throws {
        let zip = try ZipPartReader(
            path: path, limits: limits,
            budget: limits.maxUncompressedBytes - metadataBytes)
        try withoutActuallyEscaping(body) { emit in
            var handler = SheetPartHandler(
                sharedStrings: sharedStrings, dateStyles: dateStyles,
                date1904: date1904, limits: limits, emit: emit)
            try zip.scan(sheets[index].partPath, with: &handler)
        }
    }

    /// What a zip without `xl/workbook.xml` is, for the clerk's message.
    private static func classifyOtherZip(_ zip: ZipPartReader) -> String {
        if zip.contains("word/document.xml") { return "docx" }
        if zip.contains("xl/workbook.bin") { return "xlsb" }
        if zip.contains("content.xml") { return "ods" }
        return "zip"
    }
}
