import SpreadsheetReading
import XCTest

final class XLSAndCSVTests: XCTestCase {
    /// freexl 1.0.6 does not report boolean and error cells (BOOLERR records, and formula
    /// results of those types), so they read as empty; everything else matches the xlsx.
    func testLibreOfficeXLS() throws {
        var row4 = XLSXProducerTests.row4
        row4[5] = .empty
        row4.removeLast()
        var row5 = XLSXProducerTests.row5
        row5[5] = .empty
        var expected = XLSXProducerTests.expected
        expected[3].cells = row4
        expected[4].cells = row5
        let workbook = try Workbook.open(
            path: try Fixtures.path("candidates-libreoffice.xls"), xls: .inProcess)
        XCTAssertEqual(workbook.format, .xls)
        XCTAssertEqual(workbook.sheetNames, ["考生", "日期"])
        XCTAssertEqual(try Fixtures.rows("candidates-libreoffice.xls"), expected)
        let dates = try Fixtures.rows("candidates-libreoffice.xls", sheet: 1)
        XCTAssertEqual(
            dates.prefix(3).map(\.cells),
            [
                [.date(SheetDate(year: 1900, month: 2, day: 28))],
                [.date(SheetDate(year: 1900, month: 2, day: 29))],
                [.date(SheetDate(year: 1900, month: 3, day: 1))],
            ])
    }

    static let csvRows = [
        SheetRow(number: 1, cells: [.text("姓名"), .text("证件号码"), .text("备注")]),
        SheetRow(number: 2, cells: [.text("张三"), .text("11010519491231002X"), .text("含,逗号")]),
        SheetRow(
            number: 4,
            cells: [
                .text("李四"), .text("110105194912310021"),
                .text("他说\"好\"\r\n第二行"),
            ]),
        SheetRow(number: 5, cells: [.text("王五"), .empty, .text("ＡＢＣ１２３")]),
    ]

    func testCSVEncodings() throws {
        for name in ["utf8.csv", "utf8-bom.csv", "gbk.csv", "unicode-text.txt"] {
            XCTAssertEqual(try Fixtures.rows(name), Self.csvRows, name)
        }
        let workbook = try Workbook.open(path: try Fixtures.path("gbk.csv"), xls: .inProcess)
        XCTAssertEqual(workbook.format, .csv)
        XCTAssertEqual(workbook.sheetNames, ["gbk"])
    }

    func testSemicolonDelimiterAndMissingFinalLineBreak() throws {
        XCTAssertEqual(
            try Fixtures.rows("semicolon.csv"),
            [
                SheetRow(number: 1, cells: [.text("姓名"), .text("证件号码")]),
                SheetRow(number: 2, cells: [.text("张三"), .text("11010519491231002X")]),
            ])
    }
}
