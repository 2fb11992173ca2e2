import Foundation
import XCTest

@testable import KaowuTestSupport

/// A file with bad rows is rejected as a whole: every error is reported at its Excel row, the
/// report marks the bad cells, nothing of the file is applied, and the corrected copy goes in.
final class RejectedFileTests: EndToEndTestCase {
    func testBadRowsRejectWholeFileAndCorrectedCopyIsApplied() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 10, start: 1000).filter { !$0.hasSuffix("X") }
        XCTAssertGreaterThanOrEqual(ids.count, 9)
        let wrongCheck = String(ids[2].dropLast()) + (ids[2].last == "0" ? "1" : "0")
        typealias Row = SchoolRoster
        // Rows 4 and 5 are valid; each later row has exactly one fault.
        let bad = SchoolRoster(candidates: [
            Row.row(name: "张三", id: ids[0]),
            Row.row(name: "李四", id: ids[1]),
            Row.row(name: "王五", id: wrongCheck),
            Self.replacing(Row.row(name: "赵六", id: ""), 3, .number(Double(ids[3])!)),
            Row.row(name: "钱七", id: ids[4], mobile: "1234567890"),
            Row.row(name: "", id: ids[5]),
            Row.row(name: "周九", id: ids[6], level: "博士"),
            Row.row(name: "吴十", id: ids[0]),
            Row.row(name: "郑一", id: ids[7], year: "1985"),
        ])
        let expected: [ReportJSON.RowCode] = [
            .init(row: 6, code: "cn-id.checksum"),
            .init(row: 7, code: "cn-id.excel-number"),
            .init(row: 8, code: "cn-mobile.format"),
            .init(row: 9, code: "required"),
            .init(row: 10, code: "enum"),
            .init(row: 11, code: "unique"),
            .init(row: 12, code: "year.range"),
        ]
        let daemon = try root.serve()
        try root.drop(bad, as: "考生.xlsx")
        let report = try root.waitForReport("考生.已拒绝", daemon: daemon)

        XCTAssertEqual(report.status, "rejected")
        XCTAssertEqual(Set(report.errorCodesByRow), Set(expected), "\(report.errorCodesByRow)")
        XCTAssertEqual(report.errors.count, expected.count, "\(report.errorCodesByRow)")
        XCTAssertEqual(report.rows.total, 9)
        XCTAssertEqual(report.rows.applied, 0)
        XCTAssertEqual(report.rows.error, 7)
        for problem in report.errors {
            XCTAssertFalse(problem.message.isEmpty)
            XCTAssertTrue(
                problem.message.unicodeScalars.contains { $0.value >= 0x4E00 },
                "not Chinese: \(problem.message)")
        }
        // All or nothing: the two valid rows were not applied either.
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 0)

        let workbook = try WorkbookDump.read(root.outbox() + "/考生.已拒绝.xlsx")
        XCTAssertEqual(workbook.sheets, ["汇总", "错误", "原始数据"])
        let listed = workbook["错误"].cells.compactMap { name, cell -> String? in
            guard name.hasPrefix("D"), name != "D1", case .text(let code)? = cell.value else {
                return nil
            }
            return code
        }
        XCTAssertEqual(listed.sorted(), expected.map(\.code).sorted(), "错误 column D: codes")
        let copy = workbook["原始数据"].cells
        for problem in report.errors {
            let row = try XCTUnwrap(problem.row)
            let column = try XCTUnwrap(problem.columnIndex, "\(problem)")
            let name = Self.cellName(row: row, column: column)
            let cell = try XCTUnwrap(copy[name], "原始数据 has no marked cell \(name)")
            XCTAssertTrue(Self.isRed(cell.fill), "\(name) fill \(cell.fill ?? "none")")
            XCTAssertTrue(
                cell.comment?.contains(problem.message) ?? false,
                "comment at \(name): \(cell.comment ?? "none")")
        }
        // Good cells are copied as they were, unmarked, at their original row numbers.
        let good = try XCTUnwrap(copy["D4"])
        XCTAssertEqual(good.value, .text(ids[0]))
        XCTAssertNil(good.fill)
        XCTAssertNil(good.comment)

        // The clerk fixes every row and drops the file again under the same name.
        let fixed = SchoolRoster(candidates: [
            Row.row(name: "张三", id: ids[0]),
            Row.row(name: "李四", id: ids[1]),
            Row.row(name: "王五", id: ids[2]),
            Row.row(name: "赵六", id: ids[3]),
            Row.row(name: "钱七", id: ids[4]),
            Row.row(name: "孙八", id: ids[5]),
            Row.row(name: "周九", id: ids[6]),
            Row.row(name: "吴十", id: ids[8]),
            Row.row(name: "郑一", id: ids[7], year: "2023"),
        ])
        try root.drop(fixed, as: "考生.xlsx")
        let second = try root.waitForReport("考生.已导入", daemon: daemon)
        XCTAssertEqual(second.status, "applied", "\(second.errorCodesByRow)")
        XCTAssertEqual(second.rows.applied, 9)
        XCTAssertEqual(try root.candidates().map(\.documentNumber).sorted(), ids.prefix(9).sorted())
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.outbox() + "/考生.已拒绝.json"))
    }

    static func replacing(_ row: [Cell], _ index: Int, _ cell: Cell) -> [Cell] {
        var row = row
        row[index] = cell
        return row
    }

    /// A1-style name of a cell (columns A...Z suffice for the template).
    static func cellName(row: Int, column: Int) -> String {
        String(UnicodeScalar(UInt8(65 + column))) + String(row)
    }

    /// A solid fill whose red channel clearly dominates (Excel's "bad" pink counts).
    static func isRed(_ rgb: String?) -> Bool {
        guard let rgb, let value = UInt32(rgb.suffix(6), radix: 16) else { return false }
        let (r, g, b) = (value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF)
        return r >= 0xC0 && r > g + 0x20 && r > b + 0x20
    }
}
