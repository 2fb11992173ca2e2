import Foundation
import XCTest

/// Faults of the machine around a running daemon, not of the daemon itself: a full outbox, a full
/// data volume, a database another process holds locked, folders and files that users remove.
/// After each the daemon is still running, every file has exactly one report, and nothing is
/// applied twice or by halves.
final class FaultToleranceTests: EndToEndTestCase {
    /// Waits for the daemon's "serving" line: exports and templates are written by then.
    private func serving(_ root: TestRoot) throws -> KaowuDaemon {
        let daemon = try root.serve()
        try waitUntil("守护进程启动", timeout: 60) { daemon.log.contains("serving") }
        return daemon
    }

    private func roster(_ ids: [String]) -> SchoolRoster {
        SchoolRoster(candidates: ids.map { SchoolRoster.row(name: "考生", id: $0) })
    }

    func testFullOutboxKeepsTheJobDecidedUntilSpaceIsFreed() throws {
        let root = try makeRoot()
        try root.configure(["rescanSeconds": 1])
        let volume = try ScratchVolume.mount(
            over: root.path + "/outbox", megabytes: 8, in: self)
        let ids = try Producers.residentIDs(count: 4, start: 13_000)
        let daemon = try serving(root)
        try volume.fill()

        // Named by an ID, as photo ZIPs often are: the error lines must not show it.
        try root.drop(roster(ids), as: "\(ids[0]).xlsx")
        try waitUntil("作业已决定但报告写不出", timeout: 60) {
            try root.query("SELECT stage FROM job").first?["stage"] as? String == "decided"
                && daemon.log.contains("job failed, will retry")
        }
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), ids.count)
        XCTAssertEqual(root.files(under: root.outbox()), [], "no report, not even half of one")
        // A few retries against the still-full disk change nothing.
        try waitUntil("再次重试", timeout: 30) {
            daemon.log.contains("unfinished job failed again, will retry")
        }
        XCTAssertTrue(daemon.isRunning, daemon.log.suffix(3000).description)

        try volume.free()
        let stem = "\(ids[0]).已导入"
        let report = try root.waitForReport(stem, timeout: 60, daemon: daemon)
        XCTAssertEqual(report.rows.applied, ids.count)
        try waitUntil("作业归档", timeout: 30) {
            try root.count("SELECT count(*) FROM job WHERE stage = 'archived'") == 1
        }
        XCTAssertEqual(root.files(under: root.outbox()), [stem + ".json", stem + ".xlsx"])
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 1)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), ids.count)
        XCTAssertEqual(root.files(under: root.work), [])
        let export = root.outbox("s1", "考生信息") + "/考生信息.xlsx"
        XCTAssertTrue(FileManager.default.fileExists(atPath: export), "export rewritten")
        XCTAssertEqual(
            root.files(under: root.path + "/outbox").filter { $0.contains(".~kaowu") }, [],
            "no temporary report files left behind")
        for id in ids {
            XCTAssertFalse(daemon.log.contains(id), "the log shows \(id)")
        }
        XCTAssertEqual(daemon.stop(), 0)
    }

    func testFullDataVolumeLeavesTheJobClaimedAndNothingApplied() throws {
        let root = try makeRoot()
        try root.configure(["rescanSeconds": 1])
        let volume = try ScratchVolume.mount(over: root.path + "/data", megabytes: 64, in: self)
        let rows = 20_000
        let large = root.scratchFile("large.xlsx")
        try Producers.largeRoster(rows: rows, to: large)
        let daemon = try serving(root)
        // Room for the claimed file and the ledger, not for the rows' transaction.
        let fileSize = try XCTUnwrap(
            FileManager.default.attributesOfItem(atPath: large)[.size] as? NSNumber
        ).int64Value
        try volume.fill(leaving: fileSize + (1 << 20))

        try root.drop(large, into: root.inbox(), as: "大名单.xlsx")
        try waitUntil("事务因磁盘满而失败", timeout: 120) {
            daemon.log.contains("job failed, will retry")
        }
        XCTAssertEqual(
            try root.query("SELECT stage FROM job").first?["stage"] as? String, "claimed")
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 0, "never half a file")
        XCTAssertEqual(root.files(under: root.outbox()), [])
        XCTAssertTrue(daemon.isRunning, daemon.log.suffix(3000).description)

        try volume.free()
        let report = try root.waitForReport("大名单.已导入", timeout: 240, daemon: daemon)
        XCTAssertEqual(report.rows.applied, rows)
        try waitUntil("作业归档", timeout: 60) {
            try root.count("SELECT count(*) FROM job WHERE stage = 'archived'") == 1
        }
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 1)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), rows)
        XCTAssertEqual(root.files(under: root.outbox()), ["大名单.已导入.json", "大名单.已导入.xlsx"])
        XCTAssertEqual(root.files(under: root.work), [])
        XCTAssertEqual(daemon.stop(), 0)
    }

    func testDatabaseLockedByAnotherProcessIsWaitedFor() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 3, start: 13_100)
        let daemon = try serving(root)
        let locked = root.scratchFile("locked")
        // The sqlite3 shell holds the write lock for 6 s, then commits nothing.
        let locker = try ChildProcess.start(
            "/usr/bin/sqlite3",
            [
                root.database, "BEGIN EXCLUSIVE;", ".shell touch \(locked)", ".shell sleep 6",
                "COMMIT;",
            ],
            environment: nil, stdout: root.scratchFile("sqlite3.out"),
            stderr: root.scratchFile("sqlite3.err"))
        try waitUntil("sqlite3 持有写锁") { FileManager.default.fileExists(atPath: locked) }

        try root.drop(roster(ids), as: "锁住时.xlsx")
        try waitUntil("文件被认领", timeout: 30) { root.files(under: root.inbox()).isEmpty }
        if locker.isRunning {
            XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 0)
        }
        locker.waitUntilExit()
        XCTAssertEqual(locker.terminationStatus, 0)

        let report = try root.waitForReport("锁住时.已导入", timeout: 60, daemon: daemon)
        XCTAssertEqual(report.rows.applied, ids.count)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), ids.count)
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 1)
        XCTAssertFalse(daemon.log.contains("job failed"), "waited, did not fail")
        XCTAssertEqual(daemon.stop(), 0)
    }

    func testReportFolderDeletedByAUserIsRecreated() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 2, start: 13_200)
        let daemon = try serving(root)
        try root.drop(roster([ids[0]]), as: "第一批.xlsx")
        _ = try root.waitForReport("第一批.已导入", daemon: daemon)

        // The clerk tidies up: the whole of the school's outbox goes.
        try FileManager.default.removeItem(atPath: root.outbox("s1", nil))
        try root.drop(roster([ids[1]]), as: "第二批.xlsx")
        let report = try root.waitForReport("第二批.已导入", timeout: 30, daemon: daemon)
        XCTAssertEqual(report.rows.applied, 1)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 2)
        XCTAssertTrue(daemon.isRunning)
        XCTAssertEqual(daemon.stop(), 0)
    }

    func testFileRemovedFromTheInboxBeforeItsClaimLeavesNoJob() throws {
        let root = try makeRoot()
        try root.configure(["settleMilliseconds": 1500])
        let ids = try Producers.residentIDs(count: 2, start: 13_300)
        let daemon = try serving(root)
        // Taken back while it settles: never claimed.
        let regretted = try root.drop(roster([ids[0]]), as: "放错了.xlsx")
        try FileManager.default.removeItem(atPath: regretted)
        try root.drop(roster([ids[1]]), as: "正确.xlsx")

        let report = try root.waitForReport("正确.已导入", timeout: 30, daemon: daemon)
        XCTAssertEqual(report.rows.applied, 1)
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 1)
        XCTAssertEqual(root.files(under: root.outbox()), ["正确.已导入.json", "正确.已导入.xlsx"])
        XCTAssertTrue(daemon.isRunning)
        XCTAssertEqual(daemon.stop(), 0)
    }

    /// A copy that stalls mid-write (a slow share), its file still open, far longer than the
    /// settle time: the daemon waits for the writer to close it, then applies every row once.
    func testCopyStalledMidWriteIsClaimedOnlyOnceComplete() throws {
        let root = try makeRoot()
        try root.configure(["settleMilliseconds": 300, "rescanSeconds": 1])
        let ids = try Producers.residentIDs(count: 40, start: 13_400)
        let source = root.scratchFile("慢.xlsx")
        try Producers.write(roster(ids), with: .openpyxl, to: source)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let daemon = try serving(root)

        let target = root.inbox() + "/慢慢拷贝.xlsx"
        XCTAssertTrue(FileManager.default.createFile(atPath: target, contents: nil))
        let copy = try XCTUnwrap(FileHandle(forWritingAtPath: target))
        try copy.write(contentsOf: bytes.prefix(bytes.count / 2))
        Thread.sleep(forTimeInterval: 3)
        try copy.write(contentsOf: bytes.dropFirst(bytes.count / 2))
        try copy.close()

        let report = try root.waitForReport("慢慢拷贝.已导入", timeout: 30, daemon: daemon)
        XCTAssertEqual(report.rows.applied, 40)
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 1)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 40)
        XCTAssertTrue(daemon.isRunning)
        XCTAssertEqual(daemon.stop(), 0)
    }

    /// SIGTERM with 50 files waiting: the daemon finishes the file in hand and exits 0 within
    /// 30 s (the bound `stop` waits); the next start answers the rest, each file exactly once.
    func testSIGTERMWithFiftyFilesPendingExitsCleanlyAndTheNextStartFinishes() throws {
        let root = try makeRoot()
        let files = 50
        // Large enough that the daemon is still busy when the test stops it, on a fast machine
        // too (with 20-row files all 50 were sometimes done before SIGTERM arrived).
        let perFile = 400
        let ids = try Producers.residentIDs(count: files * perFile, start: 20_000)
        let made = root.scratchFile("pending")
        try ChildProcess.check(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import os, sys, openpyxl
                out, per, ids = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
                os.makedirs(out)
                for n in range(len(ids) // per):
                    wb = openpyxl.Workbook(); ws = wb.active
                    ws.append(["姓名", "证件类型", "证件号码", "手机号", "就读专业", "专业层次", "入学年份"])
                    for i in ids[n * per:(n + 1) * per]:
                        ws.append(["考生", "居民身份证", i, "13800138000", "护理", "中职", 2024])
                    wb.save(os.path.join(out, "第%02d批.xlsx" % n))
                """,
                made, "\(perFile)",
            ] + ids)
        for n in 0..<files {
            let name = String(format: "第%02d批.xlsx", n)
            try root.drop(made + "/" + name, into: root.inbox(), as: name)
        }

        let first = try root.serve()
        try waitUntil("开始处理", timeout: 60) {
            try root.count("SELECT count(*) FROM job WHERE stage = 'archived'") >= 2
        }
        let stopping = ContinuousClock.now
        XCTAssertEqual(first.stop(timeout: 30), 0, "SIGTERM under load: exit 0 within 30 s")
        print("kaowu sigterm: 50 files pending, exited after \(ContinuousClock.now - stopping)")
        let archived = try root.count("SELECT count(*) FROM job WHERE stage = 'archived'")
        let applied = try root.count(
            "SELECT count(*) FROM job WHERE stage != 'claimed' AND outcome = 'applied'")
        XCTAssertLessThan(archived, files, "the test stopped the daemon too late to prove much")
        XCTAssertEqual(
            try root.count("SELECT count(*) FROM candidate"), applied * perFile,
            "the file in hand was applied whole or not at all")

        let second = try root.serve()
        try waitUntil("全部归档", timeout: 300) {
            try root.count("SELECT count(*) FROM job WHERE stage = 'archived'") == files
        }
        XCTAssertEqual(second.stop(), 0)
        let reports = root.files(under: root.outbox())
        XCTAssertEqual(reports.count, files * 2, "\(reports)")
        for n in 0..<files {
            let stem = String(format: "第%02d批.已导入", n)
            XCTAssertTrue(
                reports.contains(stem + ".json") && reports.contains(stem + ".xlsx"), stem)
        }
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), files)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), files * perFile)
        XCTAssertEqual(root.files(under: root.inbox()), [])
        XCTAssertEqual(root.files(under: root.work), [])
    }
}
