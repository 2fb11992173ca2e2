import Foundation
import XCTest

@testable import KaowuCore

/// Files saved by the programs that really produce them, each reported once and complete.
final class RealProducerDropTests: XCTestCase {
    private var inbox: ScratchInbox!
    private var watcher: RunningWatcher!

    override func setUp() async throws {
        inbox = try ScratchInbox()
        try inbox.makeFolder("10001/考生导入")
        watcher = RunningWatcher(
            InboxWatcher(
                inboxRoot: inbox.inbox, rescanEvery: .seconds(60), logger: WatchTesting.logger))
        try await Task.sleep(for: .milliseconds(300))
    }

    override func tearDown() async throws {
        await watcher.stop()
        inbox.remove()
    }

    func testWorkbookSavedByOpenpyxl() async throws {
        let path = inbox.path("10001/考生导入/考生名单.xlsx")
        try run(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import sys, openpyxl
                wb = openpyxl.Workbook(); ws = wb.active
                ws.append(["姓名", "证件号码", "手机号"])
                for i in range(20000):
                    ws.append([f"考生{i}", f"11010519900101{i % 10000:04d}", "13800138000"])
                wb.save(sys.argv[1])
                """,
                path,
            ])
        try await assertReportedOnceComplete(path)
    }

    func testWorkbookConvertedByLibreOffice() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") else {
            throw XCTSkip("LibreOffice is not installed")
        }
        let csv = inbox.root + "/考生名单.csv"
        try "姓名,证件号码\n张三,110105199001011234\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        try run(
            "/usr/bin/soffice",
            [
                "-env:UserInstallation=file://" + inbox.root + "/lo-profile", "--headless",
                "--convert-to", "xlsx", "--outdir", inbox.path("10001/考生导入"), csv,
            ])
        try await assertReportedOnceComplete(inbox.path("10001/考生导入/考生名单.xlsx"))
    }

    private func assertReportedOnceComplete(_ path: String) async throws {
        await watcher.waitForArrivals(at: path)
        try await Task.sleep(for: WatchTesting.neverWindow)
        let size = try XCTUnwrap(
            FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)
        XCTAssertEqual(watcher.arrivals(at: path).map(\.size), [size.int64Value])
        XCTAssertEqual(watcher.all.count, 1, "\(watcher.all.map(\.path))")
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(executable) failed")
    }
}
