import SpreadsheetReading

/// A submitted sheet whose header row has been found and matched to the kind's schema.
struct OpenedSheet {
    var workbook: Workbook
    var sheet: Int
    var sheetName: String
    var columns: ColumnMap
    /// Unknown columns: reported as warnings, ignored.
    var warnings: [Problem]
}

/// Why a file was rejected before any row was looked at.
struct FileRejection: Error {
    var problems: [Problem]
}

/// The read stage: opens the file, picks the sheet that holds the kind's template and finds its
/// header row. Every way the file can fail becomes a file-level problem with a Chinese
/// explanation; an error that is not the file's (no .xls reader child could be started) is
/// thrown, so the job stays claimed and is retried.
enum SheetOpening {
    private struct EnoughRows: Error {}

    static func open(path: String, schema: TableSchema, config: KaowuConfig, xls: XLSReading)
        throws -> Result<OpenedSheet, FileRejection>
    {
        let workbook: Workbook
        do {
            workbook = try Workbook.open(path: path, limits: config.readLimits, xls: xls)
        } catch let error as SpreadsheetReadError {
            return .failure(FileRejection(problems: [ReadFailure.problem(for: error)]))
        }
        let matcher = HeaderMatcher(schema: schema)
        // The sheet named like the kind first, then the others in workbook order.
        let order = workbook.sheetNames.indices.sorted { a, b in
            (workbook.sheetNames[a] == schema.title ? 0 : 1, a)
                < (workbook.sheetNames[b] == schema.title ? 0 : 1, b)
        }
        for sheet in order {
            var head: [SheetRow] = []
            do {
                try workbook.forEachRow(sheet: sheet) { row in
                    head.append(row)
                    if head.count >= config.headerSearchRows { throw EnoughRows() }
                }
            } catch is EnoughRows {
            } catch let error as SpreadsheetReadError {
                return .failure(FileRejection(problems: [ReadFailure.problem(for: error)]))
            }
            guard let columns = matcher.match(candidates: head) else { continue }
            return check(columns, schema: schema).map {
                OpenedSheet(
                    workbook: workbook, sheet: sheet, sheetName: workbook.sheetNames[sheet],
                    columns: columns, warnings: $0)
            }
        }
        let expected = schema.fields.filter(\.isRequired).map(\.title).joined(separator: "、")
        return .failure(
            FileRejection(problems: [
                Problem(
                    code: ProblemCode.fileNoHeader.rawValue,
                    message:
                        "找不到表头：文件前 \(config.headerSearchRows) 行里没有“\(expected)”这些列。请确认用的是“\(schema.kaowu.templateName ?? schema.title)”（发件箱“模板”文件夹里有空白模板），并放在了正确的文件夹"
                )
            ]))
    }

    /// Missing required columns and repeated columns reject the file; unknown ones are warnings.
    private static func check(_ columns: ColumnMap, schema: TableSchema) -> Result<
        [Problem], FileRejection
    > {
        var errors: [Problem] = []
        for (i, field) in schema.fields.enumerated()
        where field.isRequired && columns.columns[i] == nil {
            errors.append(
                Problem(
                    row: columns.headerRow, column: field.title,
                    code: ProblemCode.fileMissingColumn.rawValue,
                    message: "缺少必填列“\(field.title)”；请在第 \(columns.headerRow) 行的表头中加上这一列"))
        }
        for repeated in columns.repeatedFields {
            let title = schema.fields[repeated.field].title
            errors.append(
                Problem(
                    row: columns.headerRow, column: title, columnIndex: repeated.indexes[1],
                    code: ProblemCode.fileRepeatedColumn.rawValue,
                    message: "“\(title)”这一列出现了 \(repeated.indexes.count) 次；请只保留一列"))
        }
        guard errors.isEmpty else { return .failure(FileRejection(problems: errors)) }
        return .success(
            columns.unknownColumns.map { column in
                Problem(
                    row: columns.headerRow, column: column.header, columnIndex: column.index,
                    value: column.header, code: ProblemCode.columnUnknown.rawValue,
                    message: "模板里没有“\(column.header)”这一列，已忽略")
            })
    }
}
