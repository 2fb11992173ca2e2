import SpreadsheetWriting

/// The blank template a clerk fills in for one kind: what `outbox/<institution>/模板/` holds.
///
/// The first sheet, named after the kind, has the title in row 1, the instructions in row 2
/// and the headers in row 3 (required ones red with a trailing "*"); rows 4…1003 are ready
/// for data: text columns are preformatted as text so IDs and phone numbers never turn into
/// numbers, and enumerated columns get a dropdown. The second sheet, 填写说明, explains each
/// column.
public enum TemplateWorkbook {
    /// The first data row (0-based) and how many rows are prepared for data.
    static let firstDataRow = 3
    static let preparedRows = 1000

    /// Writes the template for `schema` to `path`, replacing any file there.
    ///
    /// - Throws: `XLSXError` when the file cannot be written or `schema.title` is not a valid
    ///   sheet name.
    public static func write(schema: TableSchema, to path: String) throws {
        let workbook = try XLSXWorkbook(path: path)
        let sheet = try workbook.addWorksheet(name: schema.title)
        let guide = try workbook.addWorksheet(name: "填写说明")
        try writeForm(schema, sheet, workbook)
        try writeGuide(schema, guide, workbook)
        try workbook.close()
    }

    // MARK: The form

    private static func writeForm(
        _ schema: TableSchema, _ sheet: XLSXWorksheet, _ workbook: XLSXWorkbook
    ) throws {
        let fields = schema.fields
        let lastColumn = max(0, fields.count - 1)
        let dataRows = firstDataRow...(firstDataRow + preparedRows - 1)
        let text = workbook.addFormat(CellStyle(numberFormat: CellStyle.textFormat))

        var widths = ColumnWidthFitter(minimum: 10, maximum: 40)
        var columnFormats: [Int: XLSXFormat] = [:]
        for (column, field) in fields.enumerated() {
            widths.fit(width: DisplayWidth.of(header(field)) + 2, column: column)
            let samples = [field.example].compactMap { $0 } + (field.constraints?.enum ?? [])
            for sample in samples { widths.fit(sample, column: column) }
            if field.type == .string { columnFormats[column] = text }
        }
        try widths.apply(to: sheet, formats: columnFormats)
        let totalWidth = fields.indices.reduce(0) { $0 + widths.width(of: $1) }

        let title = workbook.addFormat(
            CellStyle(bold: true, fontSize: 16, horizontal: .center, vertical: .center))
        try sheet.setRowHeight(32, row: 0)
        try span(schema.title + "模板", row: 0, lastColumn: lastColumn, title, sheet)

        let instructions = schema.kaowu.instructions.joined(separator: "\n")
        let note = workbook.addFormat(
            CellStyle(fontColor: ClerkPalette.noteText, wrapText: true, vertical: .top))
        try sheet.setRowHeight(
            row: 1, lines: DisplayWidth.lines(instructions, width: max(totalWidth, 20)))
        try span(instructions, row: 1, lastColumn: lastColumn, note, sheet)

        for (column, field) in fields.enumerated() {
            let style = CellStyle(
                bold: true, fontColor: field.isRequired ? ClerkPalette.requiredText : nil,
                fillColor: ClerkPalette.headerFill,
                wrapText: true, horizontal: .center, vertical: .center, border: .thin)
            try sheet.write(
                header(field), row: 2, column: column, format: workbook.addFormat(style))
        }
        try sheet.setRowHeight(22, row: 2)
        let textColumns = columnFormats.keys.sorted()
        for row in dataRows {
            for column in textColumns {
                try sheet.writeBlank(row: row, column: column, format: text)
            }
        }
        try addDropdowns(fields, rows: dataRows, sheet, workbook)
        try sheet.freezePanes(row: firstDataRow)
        try sheet.setPrintLayout(landscape: true, fitToWidth: true, repeatRows: 2...2)
    }

    /// The header a clerk sees: the field's title, with "*" when it must be filled.
    static func header(_ field: SchemaField) -> String {
        field.isRequired ? field.title + "*" : field.title
    }

    /// Merges across all columns when there are several; a single cell cannot be merged.
    private static func span(
        _ text: String, row: Int, lastColumn: Int, _ format: XLSXFormat, _ sheet: XLSXWorksheet
    ) throws {
        if lastColumn > 0 {
            try sheet.merge(
                CellRange(rows: row...row, columns: 0...lastColumn), text: text,
                format: format)
        } else {
            try sheet.write(text, row: row, column: 0, format: format)
        }
    }

    /// A dropdown for every enumerated column. Excel caps an inline list at 255 characters;
    /// longer lists go to a hidden sheet 选项 and the dropdown refers to its cells.
    static func addDropdowns(
        _ fields: [SchemaField], rows: ClosedRange<Int>, _ sheet: XLSXWorksheet,
        _ workbook: XLSXWorkbook
    ) throws {
        var options: XLSXWorksheet?
        var optionsColumn = 0
        for (column, field) in fields.enumerated() {
            guard let values = field.constraints?.enum, !values.isEmpty else { continue }
            let range = CellRange(rows: rows, columns: column...column)
            let message = "请从下拉列表中选择：" + values.joined(separator: "、")
            if values.joined(separator: ",").utf16.count <= 255 {
                try sheet.addListValidation(range, values: values, errorMessage: message)
                continue
            }
            if options == nil {
                options = try workbook.addWorksheet(name: "选项")
                try options?.hide()
            }
            guard let options else { continue }
            for (row, value) in values.enumerated() {
                try options.write(value, row: row, column: optionsColumn)
            }
            let letter = CellRange.columnName(optionsColumn)
            try sheet.addListValidation(
                range, source: "'选项'!$\(letter)$1:$\(letter)$\(values.count)",
                errorMessage: "请从下拉列表中选择")
            optionsColumn += 1
        }
    }

    // MARK: 填写说明

    static func writeGuide(
        _ schema: TableSchema, _ sheet: XLSXWorksheet, _ workbook: XLSXWorkbook
    ) throws {
        let headers = ["列名", "是否必填", "格式/取值", "说明", "示例"]
        let header = workbook.addFormat(
            CellStyle(
                bold: true, fillColor: ClerkPalette.headerFill, vertical: .center, border: .thin))
        let cell = workbook.addFormat(CellStyle(wrapText: true, vertical: .top, border: .thin))
        let required = workbook.addFormat(
            CellStyle(
                bold: true, fontColor: ClerkPalette.requiredText, vertical: .top, border: .thin))
        let rows = schema.fields.map { field in
            [
                field.title, field.isRequired ? "必填" : "选填", format(of: field),
                field.description ?? "", field.example ?? "",
            ]
        }
        var widths = ColumnWidthFitter(minimum: 8, maximum: 50)
        for (column, title) in headers.enumerated() { widths.fit(title, column: column) }
        for values in rows {
            for (column, value) in values.enumerated() { widths.fit(value, column: column) }
        }
        try widths.apply(to: sheet)
        for (column, title) in headers.enumerated() {
            try sheet.write(title, row: 0, column: column, format: header)
        }
        for (index, values) in rows.enumerated() {
            let row = index + 1
            let lines = values.indices.map {
                DisplayWidth.lines(values[$0], width: widths.width(of: $0))
            }
            try sheet.setRowHeight(row: row, lines: lines.max() ?? 1)
            for (column, value) in values.enumerated() {
                let isRequiredMark = column == 1 && value == "必填"
                try sheet.write(
                    value, row: row, column: column,
                    format: isRequiredMark ? required : cell)
            }
        }
        try sheet.freezePanes(row: 1)
        try sheet.setPrintLayout(landscape: true, fitToWidth: true, repeatRows: 0...0)
    }

    /// What a column accepts, in a clerk's words: 文本，最多 18 个字符; 可选：初级、中级、高级 ...
    static func format(of field: SchemaField) -> String {
        let constraints = field.constraints
        var parts: [String]
        if let values = constraints?.enum, !values.isEmpty {
            parts = ["从下拉列表选择：" + values.joined(separator: "、")]
        } else {
            parts = formatWords(field)
        }
        if let value = field.default, !value.isEmpty { parts.append("留空时为“\(value)”") }
        return parts.joined(separator: "，")
    }

    /// The type and limits of a free-form column.
    private static func formatWords(_ field: SchemaField) -> [String] {
        let constraints = field.constraints
        var parts: [String]
        switch field.type {
        case .string: parts = ["文本"]
        case .integer: parts = ["整数"]
        case .number: parts = ["数字"]
        case .year: parts = ["年份（如 2024）"]
        case .date: parts = ["日期（如 2024-09-01）"]
        case .datetime: parts = ["日期时间（如 2024-09-01 09:00）"]
        case .boolean: parts = ["是 或 否"]
        }
        switch (constraints?.minLength, constraints?.maxLength) {
        case let (min?, max?) where min == max: parts.append("\(min) 个字符")
        case let (min?, max?): parts.append("\(min)–\(max) 个字符")
        case let (nil, max?): parts.append("最多 \(max) 个字符")
        case let (min?, nil): parts.append("至少 \(min) 个字符")
        case (nil, nil): break
        }
        switch (constraints?.minimum, constraints?.maximum) {
        case let (min?, max?): parts.append("范围 \(plain(min))–\(plain(max))")
        case let (min?, nil): parts.append("不小于 \(plain(min))")
        case let (nil, max?): parts.append("不大于 \(plain(max))")
        case (nil, nil): break
        }
        return parts
    }

    /// 100 rather than 100.0.
    private static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
