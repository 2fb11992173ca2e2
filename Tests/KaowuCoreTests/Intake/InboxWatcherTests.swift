import Foundation
import Glibc
import XCTest

@testable import KaowuCore

/// Real folders, real inotify. Unless a test is about rescans, rescans are set far apart so
/// that what is reported must have come through inotify.
final class InboxWatcherTests: XCTestCase {
    private var inbox: ScratchInbox!
    private var running: [RunningWatcher] = []

    override func setUpWithError() throws {
        inbox = try ScratchInbox()
        try inbox.makeFolder("10001/考生导入")
    }

    override func tearDown() async throws {
        for watcher in running { await watcher.stop() }
        inbox.remove()
    }

    private func start(
        _ inbox: ScratchInbox? = nil, settle: Duration = .milliseconds(500),
        rescanEvery: Duration = .seconds(60)
    ) -> RunningWatcher {
        let watcher = RunningWatcher(
            InboxWatcher(
                inboxRoot: (inbox ?? self.inbox).inbox, settle: settle,
                rescanEvery: rescanEvery, logger: WatchTesting.logger))
        running.append(watcher)
        return watcher
    }

    /// Drops `sentinel` and waits for it: once it is reported, the watcher has long seen what
    /// was done before it, so the absence of earlier files means they were never reported.
    private func dropSentinel(_ watcher: RunningWatcher) async throws {
        let path = try inbox.write("10001/考生导入/sentinel.xlsx")
        let seen = await watcher.waitForArrivals(at: path)
        XCTAssertEqual(seen.count, 1, "sentinel not reported")
        try await Task.sleep(for: WatchTesting.neverWindow)
    }

    func testFilePresentBeforeStartIsReportedWithItsPlace() async throws {
        let path = try inbox.write("10001/考生导入/考生名单.xlsx", bytes: 1234)
        let watcher = start()
        let seen = await watcher.waitForArrivals(at: path)
        XCTAssertEqual(seen.count, 1)
        XCTAssertEqual(seen.first?.institution, "10001")
        XCTAssertEqual(seen.first?.kindFolder, "考生导入")
        XCTAssertEqual(seen.first?.size, 1234)
        XCTAssertEqual(seen.first?.misplaced, false)
    }

    func testWrittenFileIsReportedOnce() async throws {
        let watcher = start()
        try await Task.sleep(for: .milliseconds(300))
        let path = try inbox.write("10001/考生导入/考生名单.xlsx", bytes: 4096)
        await watcher.waitForArrivals(at: path)
        try await Task.sleep(for: WatchTesting.neverWindow)
        XCTAssertEqual(watcher.arrivals(at: path).map(\.size), [4096])
    }

    func testAtomicSaveIsReportedOnceUnderItsFinalName() async throws {
        let watcher = start()
        try await Task.sleep(for: .milliseconds(300))
        // An editor's atomic save: write a temp name, then rename it over the real one.
        let temp = try inbox.write("10001/考生导入/考生名单.xlsx.tmp", bytes: 2048)
        let final = inbox.path("10001/考生导入/考生名单.xlsx")
        XCTAssertEqual(rename(temp, final), 0)
        await watcher.waitForArrivals(at: final)
        // Reopened for writing and closed unchanged, as some editors do: not a new arrival.
        try XCTUnwrap(FileHandle(forUpdatingAtPath: final)).close()
        try await Task.sleep(for: WatchTesting.neverWindow)
        XCTAssertEqual(watcher.all.map(\.path), [final])
    }

    func testGrowingFileIsReportedOnceAfterItStopsGrowing() async throws {
        // Frequent rescans so the file is also seen while it grows, not only at its last close.
        let watcher = start(settle: .seconds(1), rescanEvery: .milliseconds(200))
        let path = inbox.path("10001/考生导入/照片.zip")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        for _ in 0..<10 {
            try handle.write(contentsOf: Data(repeating: 0x42, count: 10_000))
            try await Task.sleep(for: .milliseconds(150))
        }
        try handle.close()
        await watcher.waitForArrivals(at: path)
        try await Task.sleep(for: WatchTesting.neverWindow)
        XCTAssertEqual(watcher.arrivals(at: path).map(\.size), [100_000])
    }

    /// A copy that pauses far longer than the settle time, its file still open for writing
    /// (a stalled share), is not reported half written: only once the writer has closed it.
    func testCopyPausedWhileOpenIsReportedOnlyAfterItIsClosed() async throws {
        let watcher = start(settle: .milliseconds(200), rescanEvery: .milliseconds(200))
        let path = inbox.path("10001/考生导入/考生名单.xlsx")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(repeating: 0x42, count: 10_000))
        try await Task.sleep(for: .seconds(2))
        XCTAssertEqual(watcher.arrivals(at: path).count, 0, "claimed while still being written")
        try handle.write(contentsOf: Data(repeating: 0x42, count: 10_000))
        try handle.close()
        await watcher.waitForArrivals(at: path)
        try await Task.sleep(for: WatchTesting.neverWindow)
        XCTAssertEqual(watcher.arrivals(at: path).map(\.size), [20_000])
    }

    func testLockAndTempFilesAreNeverReported() async throws {
        let watcher = start()
        try await Task.sleep(for: .milliseconds(300))
        let junk = [
            "~$考生名单.xlsx", ".~lock.考生名单.xlsx#", "考生名单.tmp", "~WRL0001.tmp", "照片.zip.part",
            "照片.zip.crdownload", ".hidden", "Thumbs.db", "desktop.ini",
        ]
        for name in junk { try inbox.write("10001/考生导入/" + name) }
        try inbox.makeFolder("10001/考生导入/.git")
        try inbox.write("10001/考生导入/.git/名单.xlsx")
        try await dropSentinel(watcher)
        XCTAssertEqual(watcher.all.map(\.path), [inbox.path("10001/考生导入/sentinel.xlsx")])
    }

    func testFoldersCreatedAfterStartAreWatched() async throws {
        let watcher = start()
        try await Task.sleep(for: .milliseconds(300))
        // A new institution and kind folder with a file written straight away, before the
        // watcher can have added its watches; then a later file in the same new folder.
        try inbox.makeFolder("20002/考场导入")
        let first = try inbox.write("20002/考场导入/考场.xlsx")
        let firstSeen = await watcher.waitForArrivals(at: first)
        XCTAssertEqual(firstSeen.first?.institution, "20002")
        XCTAssertEqual(firstSeen.first?.kindFolder, "考场导入")
        let second = try inbox.write("20002/考场导入/考场2.xlsx")
        let secondSeen = await watcher.waitForArrivals(at: second)
        XCTAssertEqual(secondSeen.count, 1)
    }

    func testRenamedInstitutionFolderIsFollowed() async throws {
        try inbox.makeFolder("旧代码/考生导入")
        let watcher = start()
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertEqual(rename(inbox.path("旧代码"), inbox.path("30003")), 0)
        let path = try inbox.write("30003/考生导入/名单.xlsx")
        let seen = await watcher.waitForArrivals(at: path)
        XCTAssertEqual(seen.first?.institution, "30003")
        XCTAssertEqual(watcher.all.map(\.path), [path])
    }

    func testSymlinksAreNeverReported() async throws {
        let outside = inbox.root + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data(count: 10).write(to: URL(fileURLWithPath: outside + "/名单.xlsx"))
        // Frequent rescans, since creating a symlink announces no write; the walk must skip it.
        let watcher = start(rescanEvery: .milliseconds(300))
        try await Task.sleep(for: .milliseconds(300))
        try FileManager.default.createSymbolicLink(
            atPath: inbox.path("10001/考生导入/链接.xlsx"), withDestinationPath: outside + "/名单.xlsx")
        try FileManager.default.createSymbolicLink(
            atPath: inbox.path("10001/链接目录"), withDestinationPath: outside)
        try await dropSentinel(watcher)
        // A write through the linked folder must not surface either.
        try Data(count: 20).write(to: URL(fileURLWithPath: outside + "/新名单.xlsx"))
        try await Task.sleep(for: WatchTesting.neverWindow)
        XCTAssertEqual(watcher.all.map(\.path), [inbox.path("10001/考生导入/sentinel.xlsx")])
    }

    func testFilesOutsideKindFoldersAreReportedAsMisplaced() async throws {
        let watcher = start()
        try await Task.sleep(for: .milliseconds(300))
        try inbox.makeFolder("10001/考生导入/旧")
        let atTop = try inbox.write("名单.xlsx")
        let inInstitution = try inbox.write("10001/名单.xlsx")
        let tooDeep = try inbox.write("10001/考生导入/旧/名单.xlsx")
        for path in [atTop, inInstitution, tooDeep] { await watcher.waitForArrivals(at: path) }
        let byPath = Dictionary(uniqueKeysWithValues: watcher.all.map { ($0.path, $0) })
        XCTAssertEqual(byPath.count, 3)
        XCTAssertEqual(byPath[atTop]?.misplaced, true)
        XCTAssertNil(byPath[atTop]?.institution)
        XCTAssertEqual(byPath[inInstitution]?.misplaced, true)
        XCTAssertEqual(byPath[inInstitution]?.institution, "10001")
        XCTAssertNil(byPath[inInstitution]?.kindFolder)
        XCTAssertEqual(byPath[tooDeep]?.misplaced, true)
        XCTAssertEqual(byPath[tooDeep]?.kindFolder, "考生导入")
    }

    func testSameNameDroppedAgainAfterRemovalIsReportedAgain() async throws {
        let watcher = start()
        let path = try inbox.write("10001/考生导入/名单.xlsx", bytes: 100)
        await watcher.waitForArrivals(at: path)
        // The processor claims it by moving it out of the inbox; the clerk drops it again.
        XCTAssertEqual(rename(path, inbox.root + "/claimed.xlsx"), 0)
        try await Task.sleep(for: .milliseconds(300))
        try inbox.write("10001/考生导入/名单.xlsx", bytes: 100)
        let seen = await watcher.waitForArrivals(at: path, count: 2)
        XCTAssertEqual(seen.map(\.size), [100, 100])
    }

    func testRescanFindsFilesInotifyDoesNotAnnounce() async throws {
        // A hard link makes a complete file appear with no close-after-write and no rename,
        // the way a file written on another machine appears on a network share.
        let outside = inbox.root + "/名单.xlsx"
        try Data(count: 300).write(to: URL(fileURLWithPath: outside))
        let watcher = start(rescanEvery: .milliseconds(300))
        try await Task.sleep(for: .milliseconds(300))
        let path = inbox.path("10001/考生导入/名单.xlsx")
        XCTAssertEqual(link(outside, path), 0)
        let seen = await watcher.waitForArrivals(at: path)
        XCTAssertEqual(seen.map(\.size), [300])
    }

    func testInboxCreatedAfterStartIsPickedUp() async throws {
        let late = try ScratchInbox()
        defer { late.remove() }
        try FileManager.default.removeItem(atPath: late.inbox)
        let watcher = start(late, rescanEvery: .milliseconds(300))
        try await Task.sleep(for: .milliseconds(500))
        try late.makeFolder("10001/考生导入")
        try await Task.sleep(for: .milliseconds(800))
        let path = try late.write("10001/考生导入/名单.xlsx")
        let seen = await watcher.waitForArrivals(at: path)
        XCTAssertEqual(seen.count, 1)
    }

    func testWatchersInOneProcessAreIndependent() async throws {
        let other = try ScratchInbox()
        defer { other.remove() }
        try other.makeFolder("10001/考生导入")
        let mine = start()
        let theirs = start(other)
        try await Task.sleep(for: .milliseconds(300))
        let minePath = try inbox.write("10001/考生导入/a.xlsx")
        let theirPath = try other.write("10001/考生导入/b.xlsx")
        await mine.waitForArrivals(at: minePath)
        await theirs.waitForArrivals(at: theirPath)
        // Stopping one leaves the other working.
        await mine.stop()
        let later = try other.write("10001/考生导入/c.xlsx")
        await theirs.waitForArrivals(at: later)
        XCTAssertEqual(mine.all.map(\.path), [minePath])
        XCTAssertEqual(theirs.all.map(\.path), [theirPath, later])
    }

    func testStoppingEndsTheStreamAndClosesInotify() async throws {
        // Earlier tests' watchers close their descriptors shortly after their streams ended.
        let idle = await WatchTesting.eventually { Self.openInotifyInstances() == 0 }
        XCTAssertTrue(idle, "inotify descriptors left open by earlier watchers")
        let watcher = start()
        let path = try inbox.write("10001/考生导入/名单.xlsx")
        await watcher.waitForArrivals(at: path)
        XCTAssertEqual(Self.openInotifyInstances(), 1)
        await watcher.stop()
        let closed = await WatchTesting.eventually { Self.openInotifyInstances() == 0 }
        XCTAssertTrue(closed, "inotify descriptor still open after the stream ended")
    }

    /// Inotify descriptors this process holds open.
    private static func openInotifyInstances() -> Int {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0))
                == "anon_inode:inotify"
        }.count
    }
}
