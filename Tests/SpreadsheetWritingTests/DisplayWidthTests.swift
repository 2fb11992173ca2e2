import SpreadsheetWriting
import XCTest

final class DisplayWidthTests: XCTestCase {
    func testChineseCountsDouble() {
        XCTAssertEqual(DisplayWidth.of("ID"), 2)
        XCTAssertEqual(DisplayWidth.of("证件号码"), 8)
        XCTAssertEqual(DisplayWidth.of("１２３Ｘ"), 8)  // full-width forms
        XCTAssertEqual(DisplayWidth.of("阿卜杜·热合曼"), 13)  // the middle dot is narrow
        XCTAssertEqual(DisplayWidth.of("短\n更长的一行"), 10)
    }

    func testWrappedLines() {
        XCTAssertEqual(DisplayWidth.lines("", width: 10), 1)
        XCTAssertEqual(DisplayWidth.lines(String(repeating: "字", count: 10), width: 11), 2)
        XCTAssertEqual(DisplayWidth.lines("一\n二", width: 30), 2)
    }

    func testFitterKeepsWidestWithinBounds() {
        var fitter = ColumnWidthFitter(minimum: 6, maximum: 20)
        fitter.fit("证件号码", column: 0)
        fitter.fit("110105200001011234", column: 0)
        fitter.fit(String(repeating: "很长", count: 30), column: 2)
        XCTAssertEqual(fitter.width(of: 0), 20)
        XCTAssertEqual(fitter.width(of: 1), 6)
        XCTAssertEqual(fitter.width(of: 2), 20)
        fitter.fit("姓名", column: 1)
        XCTAssertEqual(fitter.width(of: 1), 6)
        fitter.fit("就读专业名称", column: 1)
        XCTAssertEqual(fitter.width(of: 1), 14)
    }
}
