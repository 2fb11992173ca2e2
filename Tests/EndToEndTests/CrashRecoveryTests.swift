import Foundation
import XCTest

/// A daemon killed at any moment finishes the job on restart exactly once; files dropped while
/// it was down are picked up when it starts; SIGTERM stops an idle daemon cleanly.
final class CrashRecoveryTests: EndToEndTestCase {
    static let largeRows = 150_000

    func testKillDuringApplyThenRestartAppliesExactlyOnce() throws {
        let root = try makeRoot()
        let large = root.scratchFile("large.xlsx")
        try Producers.largeRoster(rows: Self.largeRows, to: large)

        let first = try root.serve()
        try root.drop(large, into: root.inbox(), as: "大名单.xlsx")
        // Claimed, so the apply transaction is running (or about to): kill it mid-way.
        try waitUntil("作业被认领（claimed）", timeout: 60) {
            try root.query("SELECT stage FROM job").first?["stage"] as? String == "claimed"
        }
        first.crash()
        XCTAssertEqual(
            try root.count("SELECT count(*) FROM candidate"), 0,
            "a killed transaction leaves nothing behind")

        let second = try root.serve()
        let report = try root.waitForReport("大名单.已导入", timeout: 240, daemon: second)
        XCTAssertEqual(report.rows.applied, Self.largeRows)
        try waitUntil("作业归档", timeout: 60) {
            try root.query("SELECT stage FROM job").first?["stage"] as? String == "archived"
        }
        XCTAssertEqual(
            root.files(under: root.outbox()).filter { $0.hasPrefix("大名单.") },
            ["大名单.已导入.json", "大名单.已导入.xlsx"])
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 1)
        XCTAssertEqual(
            try root.count("SELECT count(*) FROM candidate WHERE school = 's1'"), Self.largeRows)
        XCTAssertEqual(
            try root.count("SELECT count(DISTINCT documentNumber) FROM candidate"), Self.largeRows)
        XCTAssertEqual(root.files(under: root.work), [])
        XCTAssertEqual(root.files(under: root.path + "/inbox"), [])
        XCTAssertEqual(second.stop(), 0)
    }

    /// Kills at small random delays after the drop, so the crash lands at different stages
    /// (before the claim, during apply, while reporting or archiving).
    func testKillAtRandomMomentsThenRestartAppliesEachFileOnce() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 9, start: 8000)
        for round in 0..<3 {
            let name = "第\(round + 1)批.xlsx"
            let source = root.scratchFile(name)
            try Producers.write(
                SchoolRoster(
                    candidates: (0..<3).map {
                        SchoolRoster.row(name: "考生", id: ids[round * 3 + $0])
                    }), with: .openpyxl, to: source)
            let daemon = try root.serve()
            try root.drop(source, into: root.inbox(), as: name)
            Thread.sleep(forTimeInterval: Double.random(in: 0.2...1.5))
            daemon.crash()
            let restarted = try root.serve()
            let stem = "第\(round + 1)批.已导入"
            let report = try root.waitForReport(stem, timeout: 60, daemon: restarted)
            XCTAssertEqual(report.rows.applied, 3)
            try waitUntil("第 \(round + 1) 轮的作业归档", timeout: 60) {
                try root.count("SELECT count(*) FROM job WHERE stage != 'archived'") == 0
            }
            // Not a SIGTERM: the restarted daemon may be only milliseconds old (the killed one
            // may have finished the file already), before any process can trap signals.
            restarted.crash()
            XCTAssertEqual(
                root.files(under: root.outbox()).filter { $0.hasPrefix("第\(round + 1)批.") },
                [stem + ".json", stem + ".xlsx"], "round \(round)")
            XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), (round + 1) * 3)
            XCTAssertEqual(root.files(under: root.work), [])
            XCTAssertEqual(root.files(under: root.path + "/inbox"), [])
        }
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 3)
    }

    func testFilesDroppedWhileDownAreProcessedAtStartAndSIGTERMExitsCleanly() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 2, start: 9000)
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: ids[0])]), as: "甲.xlsx")
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "李四", id: ids[1])]), as: "乙.csv",
            producer: .csvUTF8BOM)

        let daemon = try root.serve()
        XCTAssertEqual(try root.waitForReport("甲.已导入", daemon: daemon).rows.applied, 1)
        XCTAssertEqual(try root.waitForReport("乙.已导入", daemon: daemon).rows.applied, 1)
        try waitUntil("两个作业都归档", timeout: 20) {
            try root.count("SELECT count(*) FROM job WHERE stage = 'archived'") == 2
        }

        // Idle now: SIGTERM ends it with status 0.
        XCTAssertEqual(daemon.stop(timeout: 30), 0, daemon.log)
        XCTAssertEqual(daemon.process.terminationReason, .exit)
    }
}
