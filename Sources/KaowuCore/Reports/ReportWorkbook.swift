import Foundation
import SpreadsheetReading
import SpreadsheetWriting

/// The XLSX rendering of a `JobReport`: what a clerk opens to learn what happened to a file.
///
/// Sheets, in order: 汇总 (the outcome and what to do next), 照片 (only for photo ZIPs: one
/// row per entry, rejected photos shown as thumbnails beside their reason), 错误 (one row per
/// error), 警告 (only when there are warnings), 变更 (only when the file changed stored fields:
/// row, column, old and new value) and 原始数据 (only with a submitted sheet: a copy of it
/// at its original row numbers, problem cells filled red or yellow with the messages as
/// comments, so the clerk can fix the copy and drop it back).
///
/// The workbook of a sheet kind is written in constant-memory mode, so a million-row 原始数据
/// sheet and tens of thousands of problems stay cheap; every sheet is therefore written top to
/// bottom.
public enum ReportWorkbook {
    /// Writes the report to `path`, replacing any file there.
    ///
    /// - Parameters:
    ///   - submitted: the sheet that was validated, streamed once more for 原始数据;
    ///     nil for files with no sheet (ZIPs) or that could not be read.
    ///   - thumbnails: JPEG thumbnails by entry path, shown on the 照片 sheet; asked for once
    ///     the sheet's cells are written, so that they can be made meanwhile.
    /// - Throws: `XLSXError` when the file cannot be written, or whatever `submitted.rows`
    ///   throws; no usable file is left at `path` then.
    public static func write(
        _ report: JobReport, submitted: SubmittedSheet?,
        thumbnails: () throws -> [String: Data] = { [:] }, to path: String
    ) throws {
        // A picture's anchor is computed from the heights of the rows it covers, which
        // constant-memory mode forgets; photo reports (at most `maxEntries` rows) keep them.
        let workbook = try XLSXWorkbook(path: path, constantMemory: report.entries == nil)
        let styles = Styles(workbook)
        try writeSummary(report, hasCopy: submitted != nil, workbook, styles)
        if let entries = report.entries {
            try writeEntries(entries, report: report, thumbnails: thumbnails, workbook, styles)
        }
        try writeProblems(report.errors, sheetName: "错误", workbook, styles)
        if !report.warnings.isEmpty {
            try writeProblems(report.warnings, sheetName: "警告", workbook, styles)
        }
        if let changes = report.changes, !changes.isEmpty {
            try writeChanges(changes, workbook, styles)
        }
        if let submitted {
            try writeCopy(of: submitted, marks: ProblemMarks(report), workbook, styles)
        }
        try workbook.close()
    }

    // MARK: 汇总

    private static func writeSummary(
        _ report: JobReport, hasCopy: Bool, _ workbook: XLSXWorkbook, _ styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet(name: "汇总")
        try sheet.hideGridlines()
        try sheet.setPrintLayout(landscape: false, fitToWidth: true)
        let valueWidth = 60.0
        try sheet.setColumnWidth(12, columns: 0...0)
        try sheet.setColumnWidth(valueWidth, columns: 1...1)
        try sheet.write("文件处理结果", row: 0, column: 0, format: styles.title)

        var row = 2
        func pair(_ label: String, _ value: String, _ format: XLSXFormat? = nil) throws {
            try sheet.setRowHeight(row: row, lines: DisplayWidth.lines(value, width: valueWidth))
            try sheet.write(label, row: row, column: 0, format: styles.label)
            try sheet.write(value, row: row, column: 1, format: format ?? styles.value)
            row += 1
        }
        func count(_ label: String, _ value: Int) throws {
            try sheet.write(label, row: row, column: 0, format: styles.label)
            try sheet.write(Double(value), row: row, column: 1, format: styles.count)
            row += 1
        }
        try pair("文件", report.file)
        try pair("机构", "\(report.institution) \(report.institutionName)")
        try pair("类型", "\(report.kindTitle)（\(report.kind)）")
        try count("作业编号", Int(report.job))
        try pair("SHA-256", report.sha256)
        try pair("接收时间", report.receivedAt)
        try pair("完成时间", report.finishedAt)
        try pair("结果", resultLabel(report), styles.outcome(report.status))
        if let note = note(report) { try pair("备注", note) }
        let unit = report.entries == nil ? "行" : "照片"
        try count("总\(unit)数", report.rows.total)
        try count("导入\(unit)数", report.rows.applied)
        if let replaced = report.rows.replaced { try count("其中替换旧照片", replaced) }
        try count("错误\(unit)数", report.rows.error)
        try count("警告\(unit)数", report.rows.warning)
        if let changes = report.changes { try count("变更项数", changes.count) }
        row += 1
        try pair("下一步", nextStep(report, hasCopy: hasCopy), styles.advice)
    }

    private static func resultLabel(_ report: JobReport) -> String {
        // A dry run that passes applied nothing; "已导入" would be wrong.
        report.dryRun && report.status == .applied ? "校验通过" : report.status.chineseLabel
    }

    private static func note(_ report: JobReport) -> String? {
        if report.dryRun { return "试运行（未导入）" }
        if report.status == .duplicate, let job = report.duplicateOf {
            return "与作业 \(job) 内容相同，未重复导入"
        }
        return nil
    }

    /// One sentence telling the clerk what to do now.
    static func nextStep(_ report: JobReport, hasCopy: Bool) -> String {
        let fixHint =
            hasCopy
            ? "请按“错误”表逐条修改原文件（或直接修改“原始数据”表中标红的单元格）"
            : "请按“错误”表逐条修改原文件"
        switch (report.status, report.dryRun) {
        case (.rejected, false):
            return fixHint + "后重新放入收件箱；本文件未导入任何数据。"
        case (.rejected, true):
            return fixHint + "后再次检查；试运行未导入任何数据。"
        case (.applied, true):
            return "校验通过。把本文件放入收件箱即可正式导入。"
        case (.applied, false) where !report.warnings.isEmpty:
            return "数据已导入。请核对“警告”表中的内容（不影响导入）；如需更正，修改后重新放入收件箱。"
        case (.applied, false):
            return "数据已全部导入，无需其他操作。"
        case (.duplicate, _):
            return "本文件与之前导入的文件内容完全相同，无需其他操作；如要更新数据，请修改后重新放入收件箱。"
        }
    }

    // MARK: 照片

    private static func writeEntries(
        _ entries: [EntryResult], report: JobReport, thumbnails: () throws -> [String: Data],
        _ workbook: XLSXWorkbook, _ styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet(name: "照片")
        let headers = ["条目", "证件号码", "姓名", "格式", "像素", "大小", "背景", "结果", "原因", "照片"]
        let reasonColumn = 8
        var reasons: [String: [String]] = [:]
        for problem in report.errors + report.warnings {
            if let entry = problem.entry { reasons[entry, default: []].append(problem.message) }
        }
        let rows: [[String]] = entries.map { e in
            [
                e.entry, e.documentNumber ?? "", e.candidateName ?? "",
                e.format.map { f in
                    f.displayName
                        + (e.colorModel.map { $0 == .color ? "" : " " + $0.chineseName } ?? "")
                } ?? "",
                e.width.flatMap { w in e.height.map { "\(w)×\($0)" } } ?? "",
                e.bytes >= 1 << 20
                    ? PhotoCheck.megabytes(e.bytes) + " MB"
                    : "\((e.bytes + 1023) / 1024) KB",
                e.background?.chineseName ?? "", e.outcome.chineseLabel,
                (reasons[e.entry] ?? []).joined(separator: "\n"),
            ]
        }
        var widths = ColumnWidthFitter(minimum: 6, maximum: 50)
        for (column, header) in headers.enumerated() {
            widths.fit(width: DisplayWidth.of(header) + 2, column: column)
        }
        for row in rows {
            for (column, text) in row.enumerated() { widths.fit(text, column: column) }
        }
        // The thumbnail column holds a 64-pixel-wide picture.
        widths.fit(width: 10, column: headers.count - 1)
        try widths.apply(to: sheet)
        for (column, header) in headers.enumerated() {
            try sheet.write(header, row: 0, column: column, format: styles.header)
        }
        var textHeights: [Double] = []
        textHeights.reserveCapacity(rows.count)
        for (index, (entry, texts)) in zip(entries, rows).enumerated() {
            let row = index + 1
            let lines = DisplayWidth.lines(
                texts[reasonColumn], width: widths.width(of: reasonColumn))
            textHeights.append(max(15, Double(lines) * 15.5 + 2))
            try sheet.setRowHeight(textHeights[index], row: row)
            for (column, text) in texts.enumerated() where !text.isEmpty {
                let format =
                    column == headers.count - 2
                    ? styles.wrapped
                    : column == 7 && entry.outcome == .rejected ? styles.rejected : styles.top
                try sheet.write(text, row: row, column: column, format: format)
            }
        }
        // Pictures last: their anchors are worked out from the row heights when the file is
        // closed, so the rows they sit in grow now.
        let pictures = try thumbnails()
        for (index, entry) in entries.enumerated() {
            guard let thumbnail = pictures[entry.entry] else { continue }
            // 72 points hold a 90-pixel-high thumbnail.
            try sheet.setRowHeight(max(72, textHeights[index]), row: index + 1)
            try sheet.insertImage(data: thumbnail, row: index + 1, column: headers.count - 1)
        }
        try sheet.freezePanes(row: 1)
        try sheet.setAutofilter(
            CellRange(rows: 0...max(1, entries.count), columns: 0...headers.count - 2))
        try sheet.setPrintLayout(landscape: true, fitToWidth: true, repeatRows: 0...0)
    }

    // MARK: 错误 / 警告

    private static func writeProblems(
        _ problems: [Problem], sheetName: String, _ workbook: XLSXWorkbook, _ styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet(name: sheetName)
        let fromArchive = problems.contains { $0.entry != nil }
        let codeTitle = sheetName == "警告" ? "警告代码" : "错误代码"
        let headers = [fromArchive ? "条目" : "行号", "列名", "原值", codeTitle, "说明"]
        let messageColumn = 4
        // Widths first: in constant-memory mode a row's height must be set before its cells.
        var widths = ColumnWidthFitter(minimum: 8, maximum: 60)
        for (column, header) in headers.enumerated() {
            widths.fit(width: DisplayWidth.of(header) + 2, column: column)  // + filter button
        }
        for problem in problems {
            let texts = [
                problem.entry, problem.column, problem.value, problem.code, problem.message,
            ]
            for (column, text) in texts.enumerated() {
                if let text { widths.fit(text, column: column) }
            }
        }
        try widths.apply(to: sheet)
        let messageWidth = widths.width(of: messageColumn)

        for (column, header) in headers.enumerated() {
            try sheet.write(header, row: 0, column: column, format: styles.header)
        }
        for (index, problem) in problems.enumerated() {
            let row = index + 1
            try sheet.setRowHeight(
                row: row, lines: DisplayWidth.lines(problem.message, width: messageWidth))
            if fromArchive, let entry = problem.entry {
                try sheet.write(entry, row: row, column: 0, format: styles.top)
            } else if let number = problem.row {
                try sheet.write(Double(number), row: row, column: 0, format: styles.rowNumber)
            }
            for (column, text) in [(1, problem.column), (2, problem.value), (3, problem.code)] {
                if let text { try sheet.write(text, row: row, column: column, format: styles.top) }
            }
            try sheet.write(
                problem.message, row: row, column: messageColumn, format: styles.wrapped)
        }
        try sheet.freezePanes(row: 1)
        let lastRow = max(1, problems.count)
        try sheet.setAutofilter(CellRange(rows: 0...lastRow, columns: 0...headers.count - 1))
        try sheet.setPrintLayout(landscape: true, fitToWidth: true, repeatRows: 0...0)
    }

    // MARK: 变更

    private static func writeChanges(
        _ changes: [Change], _ workbook: XLSXWorkbook, _ styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet(name: "变更")
        let headers = ["行号", "列名", "原值", "新值"]
        var widths = ColumnWidthFitter(minimum: 8, maximum: 40)
        for (column, header) in headers.enumerated() {
            widths.fit(width: DisplayWidth.of(header) + 2, column: column)  // + filter button
        }
        for change in changes {
            for (column, text) in [
                (1, change.column ?? change.field), (2, change.from), (3, change.to),
            ] {
                widths.fit(text, column: column)
            }
        }
        try widths.apply(to: sheet)
        for (column, header) in headers.enumerated() {
            try sheet.write(header, row: 0, column: column, format: styles.header)
        }
        for (index, change) in changes.enumerated() {
            let row = index + 1
            try sheet.write(Double(change.row), row: row, column: 0, format: styles.rowNumber)
            // Values as text: an old ID or phone number must read as written.
            for (column, text) in [
                (1, change.column ?? change.field), (2, change.from), (3, change.to),
            ] {
                try sheet.write(text, row: row, column: column, format: styles.text)
            }
        }
        try sheet.freezePanes(row: 1)
        try sheet.setAutofilter(CellRange(rows: 0...changes.count, columns: 0...headers.count - 1))
        try sheet.setPrintLayout(landscape: true, fitToWidth: true, repeatRows: 0...0)
    }

    // MARK: 原始数据

    private static func writeCopy(
        of submitted: SubmittedSheet, marks: ProblemMarks, _ workbook: XLSXWorkbook,
        _ styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet(name: "原始数据")
        let headerRow = submitted.headerRowNumber - 1
        var widths = ColumnWidthFitter(minimum: 6, maximum: 60)
        var lastRow = headerRow
        var lastColumn = 0
        try submitted.rows { sheetRow in
            let row = sheetRow.number - 1
            let rowMarks = marks.byRow[sheetRow.number] ?? [:]
            // Marks may point past the row's last value (a required cell left blank).
            let columnCount = max(sheetRow.cells.count, (rowMarks.keys.max() ?? -1) + 1)
            try sheet.writeRow(row) { copy in
                for column in 0..<columnCount {
                    let value = column < sheetRow.cells.count ? sheetRow.cells[column] : .empty
                    let mark = rowMarks[column]
                    let cell = CopiedCell(
                        column: column, header: row == headerRow, severity: mark?.severity)
                    let shown = try write(value, at: cell, &copy, styles)
                    // Title rows above the header overflow into empty neighbours; they must
                    // not widen column A.
                    if row >= headerRow { widths.fit(width: shown, column: column) }
                    if let mark { copy.addComment(mark.text, column: column, author: "kaowu") }
                }
            }
            lastRow = max(lastRow, row)
            lastColumn = max(lastColumn, columnCount - 1)
        }
        try widths.apply(to: sheet)
        if headerRow >= 0 {
            try sheet.freezePanes(row: headerRow + 1)
            try sheet.setAutofilter(CellRange(rows: headerRow...lastRow, columns: 0...lastColumn))
        }
        try sheet.setPrintLayout(
            landscape: true, fitToWidth: true,
            repeatRows: headerRow >= 0 ? 0...headerRow : nil)
    }

    /// Writes one copied cell and returns how wide it shows.
    private static func write(
        _ value: CellValue, at cell: CopiedCell, _ copy: inout XLSXRowCells, _ styles: Styles
    ) throws -> Int {
        let column = cell.column
        switch value {
        case .empty:
            if let format = styles.copy(cell) {
                try copy.writeBlank(column: column, format: format)
            }
            return 0
        case .text(let text), .error(let text):
            try copy.write(text, column: column, format: styles.copy(cell))
            return DisplayWidth.of(text)
        case .number(let number):
            try copy.write(number, column: column, format: styles.copy(cell))
            // Excel's General format shows whole numbers without ".0", large ones as 1.1E+17.
            let shown =
                number == number.rounded() && abs(number) < 1e11
                ? String(Int64(number)) : String(number)
            return shown.count
        case .bool(let flag):
            try copy.write(flag, column: column, format: styles.copy(cell))
            return 5
        case .date(let date):
            let hasTime = date.hour != 0 || date.minute != 0 || date.second != 0
            let pattern = hasTime ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd"
            let components = DateComponents(
                year: date.year, month: date.month, day: date.day, hour: date.hour,
                minute: date.minute, second: date.second)
            try copy.write(
                components, column: column, format: styles.copyDate(cell, pattern: pattern))
            return pattern.count
        }
    }
}

/// Where a copied cell goes and how it must look.
private struct CopiedCell {
    var column: Int
    var header: Bool
    var severity: ProblemMarks.Severity?
}

/// The report's problems, gathered per cell of the submitted sheet.
private struct ProblemMarks {
    enum Severity { case warning, error }

    struct Mark {
        var severity: Severity
        var text: String
    }

    /// Row number as Excel shows it → 0-based column → mark.
    private(set) var byRow: [Int: [Int: Mark]] = [:]

    init(_ report: JobReport) {
        for problem in report.errors { add(problem, .error, "错误") }
        for problem in report.warnings { add(problem, .warning, "警告") }
    }

    /// Row-level problems (no column) mark the row's first cell, so the row still stands out.
    private mutating func add(_ problem: Problem, _ severity: Severity, _ label: String) {
        guard let row = problem.row else { return }
        let column = problem.columnIndex ?? 0
        let line = "\(label)：\(problem.message)"
        if var mark = byRow[row]?[column] {
            mark.severity = max(mark.severity, severity)
            mark.text += "\n" + line
            byRow[row, default: [:]][column] = mark
        } else {
            byRow[row, default: [:]][column] = Mark(severity: severity, text: line)
        }
    }
}

extension ProblemMarks.Severity: Comparable {}

/// The report's formats, made once per workbook.
private struct Styles {
    let workbook: XLSXWorkbook
    let title: XLSXFormat
    let label: XLSXFormat
    let value: XLSXFormat
    let count: XLSXFormat
    let advice: XLSXFormat
    let header: XLSXFormat
    let wrapped: XLSXFormat
    let top: XLSXFormat
    let rowNumber: XLSXFormat
    let rejected: XLSXFormat
    let text: XLSXFormat

    init(_ workbook: XLSXWorkbook) {
        self.workbook = workbook
        title = workbook.addFormat(CellStyle(bold: true, fontSize: 16))
        label = workbook.addFormat(
            CellStyle(bold: true, fillColor: ClerkPalette.headerFill, vertical: .top, border: .thin)
        )
        value = workbook.addFormat(
            CellStyle(wrapText: true, horizontal: .left, vertical: .top, border: .thin))
        count = workbook.addFormat(
            CellStyle(horizontal: .left, vertical: .top, border: .thin, numberFormat: "0"))
        advice = workbook.addFormat(
            CellStyle(bold: true, wrapText: true, vertical: .top, border: .thin))
        header = workbook.addFormat(
            CellStyle(bold: true, fillColor: ClerkPalette.headerFill, border: .thin))
        wrapped = workbook.addFormat(CellStyle(wrapText: true, vertical: .top))
        top = workbook.addFormat(CellStyle(vertical: .top))
        rowNumber = workbook.addFormat(CellStyle(horizontal: .center, vertical: .top))
        rejected = workbook.addFormat(
            CellStyle(
                bold: true, fontColor: ClerkPalette.errorText, fillColor: ClerkPalette.errorFill,
                vertical: .top))
        text = workbook.addFormat(CellStyle(vertical: .top, numberFormat: CellStyle.textFormat))
    }

    /// 结果: green applied, red rejected, amber duplicate (Excel's own good/bad/neutral).
    func outcome(_ status: JobOutcome) -> XLSXFormat {
        let (font, fill): (UInt32, UInt32) =
            switch status {
            case .applied: (ClerkPalette.goodText, ClerkPalette.goodFill)
            case .rejected: (ClerkPalette.errorText, ClerkPalette.errorFill)
            case .duplicate: (ClerkPalette.warningText, ClerkPalette.warningFill)
            }
        return workbook.addFormat(
            CellStyle(
                bold: true, fontColor: font, fillColor: fill, horizontal: .left,
                border: .thin))
    }

    /// The format of a copied non-date cell; nil for a plain one.
    func copy(_ cell: CopiedCell) -> XLSXFormat? {
        guard cell.header || cell.severity != nil else { return nil }
        return workbook.addFormat(style(cell, numberFormat: nil))
    }

    func copyDate(_ cell: CopiedCell, pattern: String) -> XLSXFormat {
        workbook.addFormat(style(cell, numberFormat: pattern))
    }

    private func style(_ cell: CopiedCell, numberFormat: String?) -> CellStyle {
        var style = CellStyle(bold: cell.header, numberFormat: numberFormat)
        switch cell.severity {
        case .error?: style.fillColor = ClerkPalette.errorFill
        case .warning?: style.fillColor = ClerkPalette.warningFill
        case nil: if cell.header { style.fillColor = ClerkPalette.headerFill }
        }
        // A marked cell is where the clerk will retype; as text, an ID stays an ID.
        if cell.severity != nil && numberFormat == nil && !cell.header {
            style.numberFormat = CellStyle.textFormat
        }
        return style
    }
}
