import SpreadsheetWriting

/// 考生信息导出: every candidate of one school, in the batch-modify template's own format, so a
/// copy with its gaps filled in can be dropped straight into 批量修改考生信息.
///
/// Layout as the template (`TemplateWorkbook`): title in row 1, instructions in row 2, the
/// headers of the `candidate-updates` schema in row 3, one candidate per row from row 4,
/// 院校考生 first; one sheet for both populations, told apart by the 考生类别 column (a single
/// sheet is what batch modify reads, and the autofilter splits it either way). 照片 says 有 or
/// 无; 缺失信息 names the required fields a candidate lacks, and the photo when there is none.
/// Rows lacking a field are filled yellow, the missing cells red.
/// Text columns (证件号码, 手机号, ...) are text cells, so Excel and WPS never show an ID as
/// 1.10105E+17. Written in constant-memory mode: a 50,000-candidate school costs no more memory
/// than a small one.
public enum CandidateExport {
    /// The folder in `outbox/<school>/` and the file's name.
    public static let folder = "考生信息"
    public static let fileName = "考生信息.xlsx"
    /// The kind whose template the export follows.
    public static let templateKind = "candidate-updates"
    /// The field of `templateKind` that shows what a candidate lacks.
    static let missingField = "missing"
    /// The field of `templateKind` that shows whether a candidate has a photo (有/无).
    static let photoField = "photo"

    /// Writes the export of `school` to `path`, replacing any file there.
    ///
    /// - Parameter schema: the `candidate-updates` schema: its fields are the columns.
    /// - Throws: `XLSXError` when the file cannot be written, or the store's error when the
    ///   candidates cannot be read; no usable file is left at `path` then.
    public static func write(
        school: String, schema: TableSchema, store: KaowuStore, generatedAt: String,
        to path: String
    ) throws {
        let workbook = try XLSXWorkbook(path: path, constantMemory: true)
        let sheet = try workbook.addWorksheet(name: "考生信息")
        let styles = Styles(workbook)
        let fields = schema.fields
        let lastColumn = fields.count - 1
        try writeHead(schema, generatedAt: generatedAt, sheet, styles)

        // Per population, once: which columns it has, and the titles 缺失信息 lists.
        var own: [CandidatePopulation: [Bool]] = [:]
        for population in CandidatePopulation.allCases {
            let names = Set(population.fields + ["population"])
            own[population] = fields.map { names.contains($0.name) }
        }
        let titles = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.title) })
        let isText = fields.map { $0.type == .string }
        var row = TemplateWorkbook.firstDataRow
        try store.forEachCandidate(school: school) { candidate, hasPhoto in
            let missing = candidate.missingFields
            let lacks =
                missing.map { titles[$0] ?? $0 } + (hasPhoto ? [] : [titles[photoField] ?? "照片"])
            let has = own[candidate.population] ?? []
            try sheet.writeRow(row) { cells in
                for (column, field) in fields.enumerated() {
                    let name = field.name
                    if name == missingField {
                        try write(
                            lacks.joined(separator: "、"), column: column,
                            lacks.isEmpty ? styles.text : styles.missingList, &cells,
                            styles: styles)
                        continue
                    }
                    if name == photoField {
                        try write(
                            hasPhoto ? "有" : "无", column: column,
                            hasPhoto ? styles.text : styles.missingCell, &cells, styles: styles)
                        continue
                    }
                    let format =
                        missing.contains(name)
                        ? styles.missingCell
                        : styles.cell(text: isText[column], incomplete: !missing.isEmpty)
                    if name == "enrollmentYear", let year = candidate.enrollmentYear {
                        try cells.write(Double(year), column: column, format: format)
                    } else {
                        let value = has[column] ? candidate.text(of: name) : nil
                        try write(value ?? "", column: column, format, &cells, styles: styles)
                    }
                }
            }
            row += 1
        }
        let lastRow = max(row - 1, TemplateWorkbook.firstDataRow)
        let dataRows = TemplateWorkbook.firstDataRow...lastRow
        try sheet.setAutofilter(
            CellRange(rows: (TemplateWorkbook.firstDataRow - 1)...lastRow, columns: 0...lastColumn))
        try sheet.freezePanes(row: TemplateWorkbook.firstDataRow)
        try sheet.setPrintLayout(landscape: true, fitToWidth: true, repeatRows: 2...2)
        try TemplateWorkbook.addDropdowns(fields, rows: dataRows, sheet, workbook)
        try TemplateWorkbook.writeGuide(schema, try workbook.addWorksheet(name: "填写说明"), workbook)
        try workbook.close()
    }

    /// Title, instructions and headers, with column widths fitted to headers and examples.
    private static func writeHead(
        _ schema: TableSchema, generatedAt: String, _ sheet: XLSXWorksheet, _ styles: Styles
    ) throws {
        let fields = schema.fields
        var widths = ColumnWidthFitter(minimum: 10, maximum: 40)
        for (column, field) in fields.enumerated() {
            widths.fit(width: DisplayWidth.of(TemplateWorkbook.header(field)) + 2, column: column)
            let samples = [field.example].compactMap { $0 } + (field.constraints?.enum ?? [])
            for sample in samples { widths.fit(sample, column: column) }
            // IDs are 18 characters; the gap list is as long as a few column titles.
            if field.check == FieldCheck.documentNumber.rawValue {
                widths.fit(width: 20, column: column)
            }
            if field.name == missingField { widths.fit(width: 30, column: column) }
        }
        // Text columns are text by default: a blank cell of a complete row needs no cell of its
        // own (writing none keeps a 50,000-row sheet small) and still takes an ID as typed.
        let textColumns = fields.indices.filter { fields[$0].type == .string }
        try widths.apply(
            to: sheet,
            formats: Dictionary(uniqueKeysWithValues: textColumns.map { ($0, styles.text) }))
        let totalWidth = fields.indices.reduce(0) { $0 + widths.width(of: $1) }
        let range = { (row: Int) in CellRange(rows: row...row, columns: 0...(fields.count - 1)) }

        try sheet.setRowHeight(32, row: 0)
        try sheet.merge(range(0), text: "考生信息导出", format: styles.title)
        let instructions =
            ([
                "本表由系统于 \(generatedAt) 根据本校全部考生生成，每次导入或修改考生后自动更新。"
                    + "“缺失信息”不为空的行已标黄（缺的格子标红），可用筛选只看这些行。"
            ] + schema.kaowu.instructions).joined(separator: "\n")
        try sheet.setRowHeight(
            row: 1, lines: DisplayWidth.lines(instructions, width: max(totalWidth, 20)))
        try sheet.merge(range(1), text: instructions, format: styles.note)
        try sheet.setRowHeight(22, row: 2)
        for (column, field) in fields.enumerated() {
            try sheet.write(
                TemplateWorkbook.header(field), row: 2, column: column,
                format: field.isRequired ? styles.requiredHeader : styles.header)
        }
    }

    /// Writes `text`; when empty, a blank cell only if `format` fills it (otherwise the
    /// column's default format does).
    private static func write(
        _ text: String, column: Int, _ format: XLSXFormat, _ cells: inout XLSXRowCells,
        styles: Styles
    ) throws {
        if text.isEmpty {
            if format != styles.text && format != styles.plain {
                try cells.writeBlank(column: column, format: format)
            }
        } else {
            try cells.write(text, column: column, format: format)
        }
    }

    /// The export's formats, made once per workbook.
    private struct Styles {
        let title: XLSXFormat
        let note: XLSXFormat
        let header: XLSXFormat
        let requiredHeader: XLSXFormat
        let text: XLSXFormat
        let plain: XLSXFormat
        let incompleteText: XLSXFormat
        let incompletePlain: XLSXFormat
        let missingCell: XLSXFormat
        let missingList: XLSXFormat

        init(_ workbook: XLSXWorkbook) {
            let textFormat = CellStyle.textFormat
            title = workbook.addFormat(
                CellStyle(bold: true, fontSize: 16, horizontal: .center, vertical: .center))
            note = workbook.addFormat(
                CellStyle(fontColor: ClerkPalette.noteText, wrapText: true, vertical: .top))
            let head = CellStyle(
                bold: true, fillColor: ClerkPalette.headerFill, wrapText: true, horizontal: .center,
                vertical: .center, border: .thin)
            header = workbook.addFormat(head)
            var required = head
            required.fontColor = ClerkPalette.requiredText
            requiredHeader = workbook.addFormat(required)
            text = workbook.addFormat(CellStyle(numberFormat: textFormat))
            plain = workbook.addFormat(CellStyle())
            incompleteText = workbook.addFormat(
                CellStyle(fillColor: ClerkPalette.incompleteFill, numberFormat: textFormat))
            incompletePlain = workbook.addFormat(CellStyle(fillColor: ClerkPalette.incompleteFill))
            missingCell = workbook.addFormat(
                CellStyle(fillColor: ClerkPalette.errorFill, numberFormat: textFormat))
            missingList = workbook.addFormat(
                CellStyle(
                    bold: true, fontColor: ClerkPalette.errorText,
                    fillColor: ClerkPalette.incompleteFill,
                    numberFormat: textFormat))
        }

        func cell(text isText: Bool, incomplete: Bool) -> XLSXFormat {
            switch (isText, incomplete) {
            case (true, false): return text
            case (false, false): return plain
            case (true, true): return incompleteText
            case (false, true): return incompletePlain
            }
        }
    }
}
