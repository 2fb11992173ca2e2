import SpreadsheetReading
import XCTest

/// The same candidate table written by each producer must read back cell for cell.
final class XLSXProducerTests: XCTestCase {
    static let title = CellValue.text("2026年第一批1+X考生导入")
    static let instruction = CellValue.text("说明：带*为必填；证件号码请设为文本格式")
    static let headers: [CellValue] = [
        "姓名*", "证件类型", "证件号码*", "手机号", "出生日期", "社会考生",
        "备注", "成绩",
    ].map(CellValue.text)
    static let row4: [CellValue] = [
        .text("张三"), .text("居民身份证"), .text("11010519491231002X"), .text("13800138000"),
        .date(SheetDate(year: 2001, month: 9, day: 1)), .bool(true), .text("第一行\n第二行"),
        .error("#N/A"),
    ]
    // Every producer stores the number-typed ID with 15 significant digits, as Excel does:
    // the last three digits are lost in the file itself.
    static let row5: [CellValue] = [
        .text("阿卜杜·热合曼"), .text("居民身份证"), .number(110_105_194_912_310_000), .number(13_912_345_678),
        .date(SheetDate(year: 2021, month: 9, day: 1, hour: 8, minute: 30)), .bool(false),
        .text("ＡＢＣ１２３"), .number(85.5),
    ]
    static let sparseRow7: [CellValue] = [
        .empty, .empty, .text("H12345678"), .empty, .empty, .empty,
        .text(" 备注 "),
    ]
    static let expected = [
        SheetRow(number: 1, cells: [title]), SheetRow(number: 2, cells: [instruction]),
        SheetRow(number: 3, cells: headers), SheetRow(number: 4, cells: row4),
        SheetRow(number: 5, cells: row5), SheetRow(number: 7, cells: sparseRow7),
    ]

    func testOpenpyxlInlineStrings() throws {
        XCTAssertEqual(try Fixtures.rows("candidates-openpyxl.xlsx"), Self.expected)
    }

    func testOpenpyxlISODates() throws {
        XCTAssertEqual(try Fixtures.rows("candidates-openpyxl-isodates.xlsx"), Self.expected)
    }

    func testXlsxwriterSharedStrings() throws {
        XCTAssertEqual(try Fixtures.rows("candidates-xlsxwriter.xlsx"), Self.expected)
    }

    func testXlsxwriterConstantMemoryInlineStrings() throws {
        XCTAssertEqual(try Fixtures.rows("candidates-xlsxwriter-inline.xlsx"), Self.expected)
    }

    func testLibreOffice() throws {
        XCTAssertEqual(try Fixtures.rows("candidates-libreoffice.xlsx"), Self.expected)
    }

    func test1904DateSystem() throws {
        XCTAssertEqual(try Fixtures.rows("candidates-1904.xlsx"), Self.expected)
    }

    func testSheetNamesFormatAndEmptySheet() throws {
        let workbook = try Workbook.open(
            path: try Fixtures.path("candidates-openpyxl.xlsx"), xls: .inProcess)
        XCTAssertEqual(workbook.format, .xlsx)
        XCTAssertEqual(workbook.sheetNames, ["考生", "空表"])
        XCTAssertEqual(try Fixtures.rows("candidates-openpyxl.xlsx", sheet: 1), [])
    }

    func testRereadGivesTheSameRows() throws {
        let workbook = try Workbook.open(
            path: try Fixtures.path("candidates-xlsxwriter.xlsx"), xls: .inProcess)
        var first: [SheetRow] = []
        var second: [SheetRow] = []
        try workbook.forEachRow(sheet: 0) { first.append($0) }
        try workbook.forEachRow(sheet: 0) { second.append($0) }
        XCTAssertEqual(first, Self.expected)
        XCTAssertEqual(second, first)
    }

    func testDatesLotusBugCustomFormatsAndEscapes() throws {
        let expected = [
            SheetRow(number: 1, cells: [.date(SheetDate(year: 1900, month: 2, day: 28))]),
            SheetRow(number: 2, cells: [.date(SheetDate(year: 1900, month: 2, day: 29))]),
            SheetRow(number: 3, cells: [.date(SheetDate(year: 1900, month: 3, day: 1))]),
            // yyyy"年"m"月"d"日" h"时" is a date; 0.00"天" only quotes a d and stays a number.
            SheetRow(number: 4, cells: [.date(SheetDate(year: 2023, month: 3, day: 15, hour: 18))]),
            SheetRow(number: 5, cells: [.number(45000.75)]),
            // A raw CR in XML text reads as LF, as in every XML parser (and as LibreOffice saves it).
            SheetRow(number: 6, cells: [.text("回车\n符")]),
            SheetRow(number: 7, cells: [.text("控\u{01}制")]),
        ]
        for name in [
            "candidates-xlsxwriter.xlsx", "candidates-xlsxwriter-inline.xlsx",
            "candidates-libreoffice.xlsx",
        ] {
            XCTAssertEqual(try Fixtures.rows(name, sheet: 1), expected, name)
        }
    }

    func testLastPossibleRowStreams() throws {
        XCTAssertEqual(
            try Fixtures.rows("last-row.xlsx"),
            [
                SheetRow(number: 1, cells: [.text("首行")]),
                SheetRow(number: 1_048_576, cells: [.empty, .text("最后一行")]),
            ])
    }
}

/// The caller's errors are the caller's: a store failure thrown from the row callback must not
/// come back as a damaged file (the daemon would reject a good file instead of retrying it).
final class CallbackErrorTests: XCTestCase {
    private struct Stop: Error, Equatable {}

    func testAnErrorThrownByTheRowCallbackPassesThroughUnchanged() throws {
        for file in ["candidates-openpyxl.xlsx", "candidates-libreoffice.xls", "utf8.csv"] {
            let workbook = try Workbook.open(path: try Fixtures.path(file), xls: .inProcess)
            var seen = 0
            XCTAssertThrowsError(
                try workbook.forEachRow(sheet: 0) { _ in
                    seen += 1
                    if seen == 2 { throw Stop() }
                }, file
            ) { error in
                XCTAssertEqual(error as? Stop, Stop(), "\(file): \(error)")
            }
        }
    }
}
