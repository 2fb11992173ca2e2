import Foundation
import SpreadsheetReading
import XCTest

/// Legacy .xls is parsed by libfreexl in a child (`kaowu read-xls`), never in the daemon:
/// the child reads good files exactly as the in-process reader does, and the damaged .xls on
/// which fuzzing caught libfreexl reading ~100 KB past a heap buffer is one rejected file.
final class XLSIsolationTests: EndToEndTestCase {
    static let overRead =
        KaowuExecutable.packageRoot
        + "/Tests/Fixtures/fuzz-regressions/xls/xls-freexl-heap-overread.xls"

    func testChildReadsGoodFilesLikeTheInProcessReader() throws {
        let child = XLSReading.child(XLSChild(command: [try KaowuExecutable.path(), "read-xls"]))
        let office = try SharedFixtures.libreOffice.get().xls
        var narrow = ReadLimits()
        narrow.maxColumns = 3
        for limits in [ReadLimits(), narrow] {
            let here = try Workbook.open(path: office, limits: limits, xls: .inProcess)
            let there = try Workbook.open(path: office, limits: limits, xls: child)
            XCTAssertEqual(there.format, .xls)
            XCTAssertEqual(there.sheetNames, here.sheetNames)
            for sheet in here.sheetNames.indices {
                let expected = Self.rows(here, sheet)
                XCTAssertEqual(Self.rows(there, sheet).rows, expected.rows)
                XCTAssertEqual(Self.rows(there, sheet).error, expected.error)
            }
        }
        XCTAssertThrowsError(try Workbook.open(path: Self.overRead, xls: child)) {
            guard case .corrupt = $0 as? SpreadsheetReadError else { return XCTFail("\($0)") }
        }
    }

    func testOverReadFileIsRejectedAndTheDaemonGoesOn() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 1, start: 7100)
        let valid = root.scratchFile("valid.xlsx")
        try Producers.write(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: ids[0])]),
            with: .xlsxwriter, to: valid)
        let daemon = try root.serve()
        try root.drop(Self.overRead, into: root.inbox(), as: "旧表.xls")
        let report = try root.waitForReport("旧表.已拒绝", timeout: 60, daemon: daemon)
        XCTAssertEqual(report.status, "rejected")
        XCTAssertEqual(report.errors.map(\.code), ["file.corrupt"])
        XCTAssertTrue(daemon.isRunning, daemon.log)

        try root.drop(valid, into: root.inbox(), as: "正常.xlsx")
        XCTAssertEqual(
            try root.waitForReport("正常.已导入", timeout: 60, daemon: daemon).rows.applied, 1)
        XCTAssertEqual(root.files(under: root.outbox()).filter { $0.hasSuffix(".json") }.count, 2)
        XCTAssertEqual(try root.candidates().map(\.name), ["张三"])
        XCTAssertEqual(daemon.stop(), 0)
    }

    /// Every row of a sheet, and the error that ended the read (nil when none).
    private static func rows(_ workbook: Workbook, _ sheet: Int) -> (
        rows: [SheetRow], error: SpreadsheetReadError?
    ) {
        var rows: [SheetRow] = []
        do {
            try workbook.forEachRow(sheet: sheet) { rows.append($0) }
            return (rows, nil)
        } catch {
            return (rows, error as? SpreadsheetReadError)
        }
    }
}
