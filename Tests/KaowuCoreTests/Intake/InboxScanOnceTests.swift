import Foundation
import XCTest

@testable import KaowuCore

final class InboxScanOnceTests: XCTestCase {
    private var inbox: ScratchInbox!

    override func setUpWithError() throws {
        inbox = try ScratchInbox()
        try inbox.makeFolder("10001/考生导入")
    }

    override func tearDown() { inbox.remove() }

    func testReturnsEveryDropOnceAndNothingElse() async throws {
        let placed = try inbox.write("10001/考生导入/名单.xlsx", bytes: 10)
        let misplaced = try inbox.write("10001/名单.xlsx", bytes: 20)
        try inbox.write("10001/考生导入/~$名单.xlsx")
        try FileManager.default.createSymbolicLink(
            atPath: inbox.path("10001/考生导入/链接.xlsx"), withDestinationPath: placed)
        let found = await InboxWatcher.scanOnce(
            inboxRoot: inbox.inbox + "/", settle: .zero, logger: WatchTesting.logger)
        XCTAssertEqual(found.map(\.path), [misplaced, placed])
        XCTAssertEqual(found.map(\.misplaced), [true, false])
        XCTAssertEqual(found.map(\.size), [20, 10])
    }

    func testWaitsForAGrowingFileToSettle() async throws {
        let path = inbox.path("10001/考生导入/照片.zip")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        // The writer grows the file for about 1.5 s while the scan is already waiting on it.
        let writer = Task.detached {
            for _ in 0..<10 {
                try handle.write(contentsOf: Data(repeating: 0x42, count: 1_000))
                try await Task.sleep(for: .milliseconds(150))
            }
            try handle.close()
        }
        try await Task.sleep(for: .milliseconds(100))
        let found = await InboxWatcher.scanOnce(
            inboxRoot: inbox.inbox, settle: .seconds(1), logger: WatchTesting.logger)
        try await writer.value
        XCTAssertEqual(found.map(\.size), [10_000])
    }

    func testMissingInboxYieldsNothing() async {
        let found = await InboxWatcher.scanOnce(
            inboxRoot: inbox.root + "/无此目录", settle: .milliseconds(10), logger: WatchTesting.logger)
        XCTAssertEqual(found, [])
    }
}
