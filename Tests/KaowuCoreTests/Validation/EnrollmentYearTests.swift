import XCTest

@testable import KaowuCore

final class EnrollmentYearTests: XCTestCase {
    private func text(_ raw: String) -> Result<Int, CheckFailure> {
        EnrollmentYear.validate(text: raw, today: testToday)
    }

    func testTextSpellings() {
        for raw in [
            "2023", " 2023 ", "２０２３", "2023级", "2023年", "2023年级", "2023 级", "2023年入学", "23级",
            "2023-09-01", "2023/9/1", "2023.09", "2023年9月", "2023年9月1日", "20230901", "2023.0",
        ] {
            XCTAssertEqual(try text(raw).get(), 2023, raw)
        }
    }

    func testGraduationYearIsRefused() {
        let result = text("2023届")
        XCTAssertEqual(failureCode(result), "year.format")
        XCTAssertEqual(
            failureMessage(result), "“2023届”是毕业年份（届）；入学年份请填写入学那一年的四位年份，如 2025")
    }

    func testUnreadableText() {
        for raw in ["二〇二三", "23", "2023秋", "2023-2024学年", "去年", "202", "20231301", "2023-"] {
            XCTAssertEqual(failureCode(text(raw)), "year.format", raw)
        }
        XCTAssertEqual(failureMessage(text("去年")), "入学年份“去年”无法识别；请填写四位年份，如 2025")
    }

    func testRange() {
        XCTAssertEqual(try text("1990").get(), 1990)
        XCTAssertEqual(try text("2026").get(), 2026)  // next autumn's intake
        let tooLate = text("2027")
        XCTAssertEqual(failureCode(tooLate), "year.range")
        XCTAssertEqual(
            failureMessage(tooLate), "入学年份 2027 不在 1990–2026 之间；请填写入学那一年的四位年份，如 2025")
        XCTAssertEqual(failureCode(text("1989")), "year.range")
        XCTAssertEqual(failureCode(text("89级")), "year.range")  // read as 2089
    }

    func testNumberCells() {
        XCTAssertEqual(try EnrollmentYear.validate(number: 2023, today: testToday).get(), 2023)
        XCTAssertEqual(
            try EnrollmentYear.validate(number: 20_230_901, today: testToday).get(), 2023)
        XCTAssertEqual(
            failureCode(EnrollmentYear.validate(number: 2023.5, today: testToday)), "year.format")
        XCTAssertEqual(
            failureCode(EnrollmentYear.validate(number: .nan, today: testToday)), "year.format")
        XCTAssertEqual(
            failureCode(EnrollmentYear.validate(number: 1905, today: testToday)), "year.range")
    }

    func testYearFromADateCell() {
        XCTAssertEqual(try EnrollmentYear.validate(year: 2024, today: testToday).get(), 2024)
        XCTAssertEqual(
            failureCode(EnrollmentYear.validate(year: 3024, today: testToday)), "year.range")
    }
}
