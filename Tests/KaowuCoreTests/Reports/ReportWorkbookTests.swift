import Foundation
import KaowuCore
import SpreadsheetReading
import XCTest

@testable import KaowuTestSupport

final class ReportWorkbookTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func report(
        _ status: JobOutcome, errors: [Problem] = [], warnings: [Problem] = [],
        duplicateOf: Int64? = nil, dryRun: Bool = false
    ) -> JobReport {
        JobReport(
            status: status, kind: "school-candidates", kindTitle: "院校考生导入",
            institution: "S001", institutionName: "某某职业技术学院", job: 42,
            file: "2024级考生.xlsx", sha256: String(repeating: "ab", count: 32),
            receivedAt: "2024-09-01 08:00:00", finishedAt: "2024-09-01 08:00:03",
            duplicateOf: duplicateOf, dryRun: dryRun,
            rows: RowCounts(
                total: 33, applied: status == .applied ? 33 : 0,
                error: errors.count, warning: warnings.count),
            errors: errors, warnings: warnings)
    }

    func testRejectedReportMarksTheOriginalCellsAtTheirRowNumbers() throws {
        let submitted = try SubmittedFixture.make(at: path("submitted.xlsx"))
        let errors =
            [
                Problem(code: "missing-column", message: "缺少必填列“手机号”。"),
                Problem(
                    row: 5, column: "证件号码*", columnIndex: 2, value: "1.10105200001012E+17",
                    code: "id-number-stored-as-number",
                    message: "证件号码被 Excel 存成了数字，末尾几位已丢失；请把该列设为文本格式后重新填写"),
                Problem(
                    row: 5, column: "手机号", columnIndex: 3, value: "1380013800",
                    code: "mobile-invalid", message: "手机号应为 11 位数字。"),
                Problem(
                    row: 7, column: "手机号", columnIndex: 3, code: "required",
                    message: "手机号必须填写。"),
                Problem(row: 8, code: "duplicate-row", message: "与第 9 行重复。"),
            ]
            + (9...30).map {
                Problem(
                    row: $0, column: "证件号码*", columnIndex: 2, value: "x", code: "id-checksum",
                    message: "证件号码校验位不正确。")
            }
        let warnings = [
            Problem(
                row: 5, column: "手机号", columnIndex: 3, code: "mobile-unusual",
                message: "号段少见，请核对。"),
            Problem(
                row: 4, column: "姓名*", columnIndex: 0, code: "pinyin-filled",
                message: "姓名拼音已自动补全。"),
        ]
        let file = path("report.xlsx")
        try ReportWorkbook.write(
            report(.rejected, errors: errors, warnings: warnings),
            submitted: submitted, to: file)
        let dump = try WorkbookDump.read(file)
        XCTAssertEqual(dump.sheets, ["汇总", "错误", "警告", "原始数据"])

        let summary = dump["汇总"].cells
        XCTAssertEqual(summary["A3"]?.value, .text("文件"))
        XCTAssertEqual(summary["B3"]?.value, .text("2024级考生.xlsx"))
        XCTAssertEqual(summary["B4"]?.value, .text("S001 某某职业技术学院"))
        XCTAssertEqual(summary["B5"]?.value, .text("院校考生导入（school-candidates）"))
        XCTAssertEqual(summary["B6"]?.value, .number(42))
        XCTAssertEqual(summary["A10"]?.value, .text("结果"))
        XCTAssertEqual(summary["B10"]?.value, .text("已拒绝"))
        XCTAssertEqual(summary["B10"]?.fill, "FFC7CE")
        XCTAssertEqual(summary["A11"]?.value, .text("总行数"))
        XCTAssertEqual(summary["B13"]?.value, .number(Double(errors.count)))
        XCTAssertEqual(summary["A16"]?.value, .text("下一步"))
        XCTAssertEqual(
            summary["B16"]?.value,
            .text(
                "请按“错误”表逐条修改原文件（或直接修改“原始数据”表中标红的单元格）后重新放入收件箱；本文件未导入任何数据。"))

        let errorSheet = dump["错误"]
        XCTAssertEqual(errorSheet.cells["A1"]?.value, .text("行号"))
        XCTAssertEqual(errorSheet.cells["E1"]?.value, .text("说明"))
        XCTAssertNil(errorSheet.cells["A2"]?.value, "a file-level error has no row")
        XCTAssertEqual(errorSheet.cells["E2"]?.value, .text("缺少必填列“手机号”。"))
        XCTAssertEqual(errorSheet.cells["A3"]?.value, .number(5))
        XCTAssertEqual(errorSheet.cells["B3"]?.value, .text("证件号码*"))
        XCTAssertEqual(errorSheet.cells["C3"]?.value, .text("1.10105200001012E+17"))
        XCTAssertEqual(errorSheet.cells["D3"]?.value, .text("id-number-stored-as-number"))
        XCTAssertEqual(errorSheet.cells["E3"]?.wrap, true)
        XCTAssertEqual(errorSheet.cells["A28"]?.value, .number(30))
        XCTAssertEqual(errorSheet.freeze, "A2")
        XCTAssertEqual(errorSheet.filter, "A1:E28")
        XCTAssertLessThanOrEqual(errorSheet.widths["E"] ?? 99, 61)  // 60 plus Excel's padding
        XCTAssertEqual(dump["警告"].cells["E3"]?.value, .text("姓名拼音已自动补全。"))

        let copy = dump["原始数据"]
        XCTAssertEqual(copy.cells["A1"]?.value, .text("院校考生导入模板"))
        XCTAssertEqual(copy.cells["A3"]?.value, .text("姓名*"))
        XCTAssertEqual(copy.cells["A3"]?.bold, true)
        XCTAssertEqual(copy.freeze, "A4")
        XCTAssertEqual(copy.filter, "A3:G37")
        // Row 4: untouched values keep their types; formula-looking text stays text.
        XCTAssertEqual(copy.cells["C4"]?.value, .text("11010519491231002X"))
        XCTAssertEqual(copy.cells["E4"]?.value, .text("2023-09-01T00:00:00"))
        XCTAssertEqual(copy.cells["E4"]?.numberFormat, "yyyy-mm-dd")
        XCTAssertEqual(copy.cells["F4"]?.value, .bool(true))
        XCTAssertEqual(copy.cells["G4"]?.value, .text("=不是公式"))
        XCTAssertEqual(copy.cells["G4"]?.type, "s")
        XCTAssertEqual(copy.cells["A4"]?.fill, "FFEB9C")
        XCTAssertEqual(copy.cells["A4"]?.comment, "警告：姓名拼音已自动补全。")
        XCTAssertNil(copy.cells["B4"]?.fill)
        // Row 5: the damaged ID is still the number it was; both problems of D5 in one note.
        // (Written with 16 significant digits; Excel itself keeps only 15.)
        guard case .number(let damaged)? = copy.cells["C5"]?.value else {
            return XCTFail("C5 should stay a number")
        }
        XCTAssertEqual(damaged, 1.10105200001011e17, accuracy: 1e3)
        XCTAssertEqual(copy.cells["C5"]?.fill, "FFC7CE")
        XCTAssertEqual(copy.cells["C5"]?.numberFormat, "@")
        XCTAssertEqual(copy.cells["E5"]?.value, .text("2023-09-01T08:30:00"))
        XCTAssertEqual(copy.cells["E5"]?.numberFormat, "yyyy-mm-dd hh:mm:ss")
        XCTAssertEqual(copy.cells["D5"]?.fill, "FFC7CE")
        XCTAssertEqual(copy.cells["D5"]?.comment, "错误：手机号应为 11 位数字。\n警告：号段少见，请核对。")
        XCTAssertEqual(copy.cells["D5"]?.author, "kaowu")
        // Row 6 was blank in the file and stays blank; row 7 is still row 7.
        XCTAssertFalse(copy.cells.keys.contains { $0.hasPrefix("A6") || $0 == "B6" })
        XCTAssertEqual(copy.cells["A7"]?.value, .text("阿卜杜·热合曼"))
        XCTAssertEqual(copy.cells["G7"]?.value, .text("#N/A"))
        XCTAssertNil(copy.cells["D7"]?.value)
        XCTAssertEqual(copy.cells["D7"]?.fill, "FFC7CE", "a blank required cell is marked too")
        XCTAssertEqual(copy.cells["A8"]?.fill, "FFC7CE", "a row-level problem marks column A")
        XCTAssertEqual(copy.cells["C30"]?.comment, "错误：证件号码校验位不正确。")
        XCTAssertEqual(copy.cells["A37"]?.value, .text("考生37"))
        XCTAssertNil(copy.cells["C31"]?.fill)
    }

    func testDuplicateReportSaysWhichJobAndHasNoOptionalSheets() throws {
        let file = path("duplicate.xlsx")
        try ReportWorkbook.write(report(.duplicate, duplicateOf: 7), submitted: nil, to: file)
        let dump = try WorkbookDump.read(file)
        XCTAssertEqual(dump.sheets, ["汇总", "错误"])
        let summary = dump["汇总"].cells
        XCTAssertEqual(summary["B10"]?.value, .text("重复文件"))
        XCTAssertEqual(summary["B10"]?.fill, "FFEB9C")
        XCTAssertEqual(summary["A11"]?.value, .text("备注"))
        XCTAssertEqual(summary["B11"]?.value, .text("与作业 7 内容相同，未重复导入"))
        XCTAssertEqual(dump["错误"].cells["A1"]?.value, .text("行号"))
        XCTAssertEqual(dump["错误"].filter, "A1:E2")
    }

    func testDryRunAndAppliedOutcomes() throws {
        let dry = path("dry.xlsx")
        try ReportWorkbook.write(report(.applied, dryRun: true), submitted: nil, to: dry)
        let drySummary = try WorkbookDump.read(dry)["汇总"].cells
        XCTAssertEqual(drySummary["B10"]?.value, .text("校验通过"))
        XCTAssertEqual(drySummary["B10"]?.fill, "C6EFCE")
        XCTAssertEqual(drySummary["B11"]?.value, .text("试运行（未导入）"))

        let applied = path("applied.xlsx")
        try ReportWorkbook.write(report(.applied), submitted: nil, to: applied)
        let summary = try WorkbookDump.read(applied)["汇总"].cells
        XCTAssertEqual(summary["B10"]?.value, .text("已导入"))
        XCTAssertEqual(summary["A11"]?.value, .text("总行数"))
        XCTAssertEqual(summary["B16"]?.value, .text("数据已全部导入，无需其他操作。"))
    }

    func testArchiveReportsNameEntriesInsteadOfRows() throws {
        let file = path("photos.xlsx")
        let errors = [
            Problem(
                entry: "照片/11010519491231002X.jpg", code: "photo-size",
                message: "照片应为 295×413 像素，实际为 600×800。")
        ]
        try ReportWorkbook.write(report(.rejected, errors: errors), submitted: nil, to: file)
        let cells = try WorkbookDump.read(file)["错误"].cells
        XCTAssertEqual(cells["A1"]?.value, .text("条目"))
        XCTAssertEqual(cells["A2"]?.value, .text("照片/11010519491231002X.jpg"))
        XCTAssertEqual(cells["D2"]?.value, .text("photo-size"))
    }

    func testManyErrorsOnALargeSheet() throws {
        let rowCount = 12_000
        let errors = (0..<rowCount).map {
            Problem(
                row: $0 + 2, column: "证件号码", columnIndex: 1, value: "\($0)",
                code: "id-checksum", message: "证件号码校验位不正确。")
        }
        let submitted = SubmittedSheet(name: "S", headerRowNumber: 1) { body in
            try body(SheetRow(number: 1, cells: [.text("姓名"), .text("证件号码")]))
            for index in 0..<rowCount {
                try body(
                    SheetRow(
                        number: index + 2, cells: [.text("考生\(index)"), .number(Double(index))]))
            }
        }
        let file = path("large.xlsx")
        try ReportWorkbook.write(report(.rejected, errors: errors), submitted: submitted, to: file)
        let dump = try WorkbookDump.read(file)
        XCTAssertEqual(dump["错误"].cells["A\(rowCount + 1)"]?.value, .number(Double(rowCount + 1)))
        XCTAssertEqual(dump["原始数据"].cells["B\(rowCount + 1)"]?.fill, "FFC7CE")
        XCTAssertEqual(dump["原始数据"].filter, "A1:B\(rowCount + 1)")
    }
}
