import XCTest

@testable import KaowuCore

final class PlacementAndNamingTests: XCTestCase {
    func testPlacementFollowsTheInboxLayout() {
        let inbox = "/r/inbox"
        XCTAssertEqual(
            DropClaimer.placement(ofInboxPath: "/r/inbox/S001/院校考生导入/考生.xlsx", inbox: inbox),
            .init(institution: "S001", kindFolder: "院校考生导入", fileName: "考生.xlsx"))
        XCTAssertEqual(
            DropClaimer.placement(ofInboxPath: "/r/inbox/S001/考生.xlsx", inbox: inbox),
            .init(institution: "S001", kindFolder: "", fileName: "考生.xlsx"))
        XCTAssertEqual(
            DropClaimer.placement(ofInboxPath: "/r/inbox/S001/院校考生导入/旧/考生.xlsx", inbox: inbox),
            .init(institution: "S001", kindFolder: "", fileName: "考生.xlsx"))
        XCTAssertNil(DropClaimer.placement(ofInboxPath: "/elsewhere/x.xlsx", inbox: inbox))
    }

    func testLongDigitRunsInLoggedFileNamesAreMasked() {
        XCTAssertEqual(Redact.fileName("11010519491231002X.jpg"), "110*************2X.jpg")
        XCTAssertEqual(Redact.fileName("张三13812345678.xlsx"), "张三138******78.xlsx")
        XCTAssertEqual(Redact.fileName("考生2024.xlsx"), "考生2024.xlsx")
    }

    func testInstitutionCodesArePortableFolderNames() {
        XCTAssertTrue(Institution.isValidCode("S001_a-b"))
        XCTAssertFalse(Institution.isValidCode("../x"))
        XCTAssertFalse(Institution.isValidCode("学校"))
        XCTAssertFalse(Institution.isValidCode(""))
    }

    func testReportStemDropsOnlyTheExtension() {
        XCTAssertEqual(ReportFiles.stem(of: "考生.xlsx"), "考生")
        XCTAssertEqual(ReportFiles.stem(of: "2024.考生.xls"), "2024.考生")
        XCTAssertEqual(ReportFiles.stem(of: "名单"), "名单")
    }

    func testClockParsesISO8601WithAndWithoutOffset() throws {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let a = try XCTUnwrap(KaowuClock.parseISO8601("2026-03-01T09:00:00+08:00", timeZone: zone))
        let b = try XCTUnwrap(KaowuClock.parseISO8601("2026-03-01T09:00:00", timeZone: zone))
        XCTAssertEqual(a, b)
        XCTAssertEqual(KaowuClock(pinned: a, timeZone: zone).iso(a), "2026-03-01T09:00:00+08:00")
        XCTAssertNil(KaowuClock.parseISO8601("yesterday", timeZone: zone))
    }

    /// The README's error-code table is the clerk-facing list: it must name every code.
    func testReadmeListsEveryProblemCode() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for code in ProblemCode.allCases {
            XCTAssertTrue(text.contains("| `\(code.rawValue)` |"), "README lacks \(code.rawValue)")
        }
    }
}
