import SpreadsheetReading

/// Where each schema field sits in a submitted sheet.
struct ColumnMap: Sendable {
    /// The row number of the header row.
    var headerRow: Int
    /// For each schema field (in schema order), its column index, or nil when absent.
    var columns: [Int?]
    /// Each column's header text as the file has it, by column index.
    var headers: [Int: String]
    /// Columns that name no field: a warning, and ignored.
    var unknownColumns: [(index: Int, header: String)]
    /// Fields named by more than one column: the file is rejected.
    var repeatedFields: [(field: Int, indexes: [Int])]
}

/// Finds the header row and matches headers to fields by name, not position. Clerks' marks are
/// ignored: `姓名*`, `姓名（必填）`, `* 姓名`, stray and full-width spaces, letter case.
struct HeaderMatcher {
    let schema: TableSchema
    private let lookup: [String: Int]

    init(schema: TableSchema) {
        self.schema = schema
        var lookup: [String: Int] = [:]
        for (i, field) in schema.fields.enumerated() {
            for name in [field.title, field.name] + (field.aliases ?? []) {
                lookup[Self.key(name)] = i
            }
        }
        self.lookup = lookup
    }

    /// The field a header names, if any.
    func field(forHeader header: String) -> Int? { lookup[Self.key(header)] }

    /// Picks the header row among `rows` (the first lines of the sheet): the first row that names
    /// the most fields. Nil when no row names at least two fields (or one, for a one-field schema).
    func match(candidates rows: [SheetRow]) -> ColumnMap? {
        var best: (row: SheetRow, count: Int)?
        for row in rows {
            let count = Set(
                row.cells.compactMap { cell in headerText(cell).flatMap(field(forHeader:)) }
            )
            .count
            if count > (best?.count ?? 0) { best = (row, count) }
        }
        guard let best, best.count >= min(2, schema.fields.count) else { return nil }
        return map(headerRow: best.row)
    }

    private func map(headerRow row: SheetRow) -> ColumnMap {
        var columns = [Int?](repeating: nil, count: schema.fields.count)
        var headers: [Int: String] = [:]
        var unknown: [(Int, String)] = []
        var seen: [Int: [Int]] = [:]
        for (index, cell) in row.cells.enumerated() {
            guard let text = headerText(cell) else { continue }
            headers[index] = text
            if let f = field(forHeader: text) {
                seen[f, default: []].append(index)
                if columns[f] == nil { columns[f] = index }
            } else {
                unknown.append((index, text))
            }
        }
        let repeated = seen.filter { $0.value.count > 1 }.map { (field: $0.key, indexes: $0.value) }
            .sorted { $0.field < $1.field }
        return ColumnMap(
            headerRow: row.number, columns: columns, headers: headers, unknownColumns: unknown,
            repeatedFields: repeated)
    }

    private func headerText(_ cell: CellValue) -> String? {
        let text = TextNormalizer.clean(cell.displayText)
        return text.isEmpty ? nil : text
    }

    /// The comparable form of a header: marks, brackets' 必填/选填 notes and spaces removed.
    static func key(_ header: String) -> String {
        var s = TextNormalizer.clean(header).lowercased()
        for note in ["（必填）", "(必填)", "（选填）", "(选填)", "（可选）", "(可选)", "【必填】", "【选填】"] {
            s = s.replacingOccurrences(of: note, with: "")
        }
        s.removeAll { $0 == "*" || $0 == "＊" || $0 == " " || $0 == ":" || $0 == "：" }
        return s
    }
}
