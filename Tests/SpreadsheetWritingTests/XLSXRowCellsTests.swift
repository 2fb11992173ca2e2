import Foundation
import SpreadsheetWriting
import XCTest

@testable import KaowuTestSupport

/// `writeRow` must write what libxlsxwriter writes for the same cells, byte for byte, so the
/// fast path can never make a report that opens differently.
final class XLSXRowCellsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("xlsx-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// One cell of the sample sheet; `nil` format means none.
    private enum Value {
        case text(String)
        case number(Double)
        case flag(Bool)
        case date(DateComponents)
        case blank
    }

    private struct Cell {
        var column: Int
        var value: Value
        var styled: Bool
        var comment: String?
    }

    private static let texts = [
        "张三", " leading", "trailing ", "\tTab", "line\nbreak", "\nfirst", "carriage\r",
        "a & b < c > d", "\"quoted\" 'single'", "_x0041_ literal", "bad\u{01}control",
        "noncharacter\u{FFFE}", "\u{FFFF}", "全角：（标点），", "😀 emoji", "",
        String(repeating: "汉", count: 40_000),
        "=1+1", "   ", "110105200001011234",
    ]
    private static let numbers: [Double] = [
        2023, -5, 0, -0.0, 0.5, 1e-5, 1.1e17, 123_456_789_012_345_680, 1e15, 999_999_999_999_999,
        3.141592653589793, 1e300, -2.5e-300,
    ]

    /// Rows with gaps, sparse and far columns (AB, AAA), every value type, formats from the
    /// cell and from the column, and notes.
    private func sampleRows() -> [(row: Int, cells: [Cell])] {
        var rows: [(Int, [Cell])] = []
        var number = 1
        for (index, text) in Self.texts.enumerated() {
            rows.append(
                (
                    number,
                    [
                        Cell(column: 0, value: .text(text), styled: index % 3 == 0, comment: nil),
                        Cell(
                            column: 2, value: .number(Self.numbers[index % Self.numbers.count]),
                            styled: index % 4 == 1,
                            comment: index % 5 == 0 ? "错误：第\(index)行 & <注>" : nil),
                        Cell(column: 3, value: .flag(index % 2 == 0), styled: index % 2 == 1),
                        Cell(
                            column: 27,
                            value: .date(
                                DateComponents(
                                    year: 2000 + index, month: 1 + index % 12, day: 1 + index,
                                    hour: index % 3 == 0 ? 0 : index, minute: index, second: 7)),
                            styled: true),
                        Cell(column: 28, value: .blank, styled: true),
                        Cell(column: 702, value: .text("far \(index)"), styled: false),
                    ]
                ))
            number += index % 4 == 0 ? 3 : 1
        }
        for (index, value) in Self.numbers.enumerated() {
            rows.append((number + index, [Cell(column: 1, value: .number(value), styled: false)]))
        }
        return rows
    }

    private func makeSheet(_ name: String, wholeRows: Bool) throws -> String {
        let file = path(name)
        let workbook = try XLSXWorkbook(path: file, constantMemory: true)
        let sheet = try workbook.addWorksheet(name: "原始数据")
        let marked = workbook.addFormat(CellStyle(fillColor: 0xFFC7CE, numberFormat: "@"))
        let date = workbook.addFormat(CellStyle(numberFormat: "yyyy-mm-dd hh:mm:ss"))
        let column = workbook.addFormat(CellStyle(bold: true))
        try sheet.setColumnWidth(12, columns: 1...1, format: column)
        // The title row goes cell by cell in both: a whole row after it must flush it first.
        try sheet.write("标题", row: 0, column: 0, format: column)
        for (row, cells) in sampleRows() {
            if wholeRows {
                try sheet.writeRow(row) { writer in
                    for cell in cells {
                        let format = cell.styled ? marked : nil
                        switch cell.value {
                        case .text(let text):
                            try writer.write(text, column: cell.column, format: format)
                        case .number(let number):
                            try writer.write(number, column: cell.column, format: format)
                        case .flag(let flag):
                            try writer.write(flag, column: cell.column, format: format)
                        case .date(let value):
                            try writer.write(value, column: cell.column, format: date)
                        case .blank: try writer.writeBlank(column: cell.column, format: marked)
                        }
                        if let note = cell.comment {
                            writer.addComment(note, column: cell.column, author: "kaowu")
                        }
                    }
                }
            } else {
                for cell in cells {
                    let format = cell.styled ? marked : nil
                    switch cell.value {
                    case .text(let text):
                        try sheet.write(text, row: row, column: cell.column, format: format)
                    case .number(let number):
                        try sheet.write(number, row: row, column: cell.column, format: format)
                    case .flag(let flag):
                        try sheet.write(flag, row: row, column: cell.column, format: format)
                    case .date(let value):
                        try sheet.write(value, row: row, column: cell.column, format: date)
                    case .blank: try sheet.writeBlank(row: row, column: cell.column, format: marked)
                    }
                    if let note = cell.comment {
                        try sheet.writeComment(note, row: row, column: cell.column, author: "kaowu")
                    }
                }
            }
        }
        // Both name the last row written, which libxlsxwriter checks against its cursor.
        let lastRow = sampleRows().last!.row
        try sheet.freezePanes(row: 1)
        try sheet.setAutofilter(CellRange(rows: 0...lastRow, columns: 0...702))
        try sheet.writeComment("最后一行", row: lastRow, column: 5)
        try workbook.close()
        return file
    }

    func testWholeRowsWriteWhatLibxlsxwriterWrites() throws {
        let byCell = try makeSheet("by-cell.xlsx", wholeRows: false)
        let byRow = try makeSheet("by-row.xlsx", wholeRows: true)
        let script = """
            import sys, zipfile
            a, b = sys.argv[1].split("|")
            za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
            assert za.namelist() == zb.namelist(), (za.namelist(), zb.namelist())
            for name in za.namelist():
                x, y = za.read(name), zb.read(name)
                if x != y:
                    at = next(i for i in range(min(len(x), len(y))) if x[i] != y[i]) if x[:min(len(x), len(y))] != y[:min(len(x), len(y))] else min(len(x), len(y))
                    print(name, "differs at", at, x[max(0, at - 80):at + 120], "|||", y[max(0, at - 80):at + 120])
            print("sheet bytes", len(za.read("xl/worksheets/sheet1.xml")))
            """
        let output = String(decoding: try runPython(script, byCell + "|" + byRow), as: UTF8.self)
        XCTAssertFalse(output.contains("differs"), output)
        // The comparison covered a real sheet, not two empty ones.
        let cells = try WorkbookDump.read(byRow)["原始数据"].cells
        XCTAssertEqual(cells["A2"]?.value, .text("张三"))
        XCTAssertEqual(cells["A5"]?.value, .text(" leading"))
        XCTAssertEqual(cells["A13"]?.value, .text("a & b < c > d"))
        XCTAssertNotNil(cells["C2"]?.comment)
        XCTAssertNotNil(cells["AAA2"]?.value)
    }

    func testWholeRowsKeepConstantMemoryOrder() throws {
        let workbook = try XLSXWorkbook(path: path("order.xlsx"), constantMemory: true)
        let sheet = try workbook.addWorksheet(name: "S")
        try sheet.writeRow(4) { try $0.write("five", column: 0) }
        // Row 5 is written: neither a whole row nor a cell nor a height can go there again.
        XCTAssertThrowsError(try sheet.writeRow(4) { try $0.write("again", column: 1) })
        XCTAssertThrowsError(try sheet.writeRow(2) { try $0.write("above", column: 0) })
        XCTAssertThrowsError(try sheet.write("late", row: 4, column: 1)) { error in
            XCTAssertTrue("\(error)".contains("written whole"), "\(error)")
        }
        XCTAssertThrowsError(
            try sheet.writeBlank(
                row: 4, column: 2, format: workbook.addFormat(CellStyle(bold: true))))
        XCTAssertThrowsError(try sheet.setRowHeight(30, row: 4))
        XCTAssertThrowsError(try sheet.writeComment("above", row: 3, column: 0))
        // Cells of a row go left to right, each once.
        XCTAssertThrowsError(
            try sheet.writeRow(6) { cells in
                try cells.write("b", column: 1)
                try cells.write("a", column: 0)
            })
        XCTAssertThrowsError(try sheet.writeRow(7) { try $0.write(Double.infinity, column: 0) })
        try sheet.write("cell by cell", row: 8, column: 0)
        XCTAssertThrowsError(try sheet.writeRow(8) { try $0.write("same row", column: 1) })
        try sheet.writeRow(9) { try $0.write("ten", column: 0) }
        try workbook.close()

        let cells = try WorkbookDump.read(path("order.xlsx"))["S"].cells
        XCTAssertEqual(cells["A5"]?.value, .text("five"))
        XCTAssertEqual(cells["A9"]?.value, .text("cell by cell"))
        XCTAssertEqual(cells["A10"]?.value, .text("ten"))
        XCTAssertNil(cells["B9"])
    }

    func testWholeRowsNeedConstantMemoryMode() throws {
        let workbook = try XLSXWorkbook(path: path("memory.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        XCTAssertThrowsError(try sheet.writeRow(0) { try $0.write("x", column: 0) }) { error in
            XCTAssertTrue("\(error)".contains("constant-memory"), "\(error)")
        }
    }
}
