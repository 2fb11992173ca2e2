import Foundation
import XCTest

/// `kaowu check`, `kinds --json`, `status --json` and the pinned clock, as an operator uses them.
final class CommandLineTests: EndToEndTestCase {
    func testCheckWritesReportWithoutTouchingTheDatabase() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 2, start: 10_000)
        let file = root.scratchFile("待检查.xlsx")
        try Producers.write(
            SchoolRoster(candidates: [
                SchoolRoster.row(name: "张三", id: ids[0]),
                SchoolRoster.row(name: "李四", id: ids[1], mobile: "12345"),
            ]), with: .openpyxl, to: file)
        let before = try Self.tableSizes(root)
        let out = root.scratchFile("check-out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        let result = try root.kaowu(
            ["check", file, "--kind", "school-candidates", "--institution", "s1", "--out", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(root.files(under: out), ["待检查.检查结果.json", "待检查.检查结果.xlsx"])
        let report = try root.report(at: out + "/待检查.检查结果.json")
        XCTAssertTrue(report.dryRun)
        XCTAssertEqual(report.status, "rejected")
        XCTAssertEqual(report.errorCodesByRow, [.init(row: 5, code: "cn-mobile.format")])
        XCTAssertEqual(report.rows.applied, 0)
        XCTAssertEqual(try Self.tableSizes(root), before)

        // A clean file passes the check and is still not applied.
        let clean = root.scratchFile("干净.xlsx")
        try Producers.write(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: ids[0])]),
            with: .openpyxl, to: clean)
        let passed = try root.kaowu(
            ["check", clean, "--kind", "school-candidates", "--out", out, "--json"])
        XCTAssertEqual(passed.status, 0, passed.stderr)
        XCTAssertTrue(passed.stdout.contains("\"status\" : \"applied\""), passed.stdout)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 0)
        XCTAssertEqual(root.files(under: root.path + "/inbox"), [])
    }

    func testKindsJSONListsBothCandidateKinds() throws {
        // `kinds` reads only the schemas: no root involved.
        let result = try ChildProcess.check(
            try KaowuExecutable.path(), ["kinds", "--json"],
            environment: ["KAOWU_SCHEMAS": KaowuExecutable.schemas])
        let kinds = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]])
        let byID = Dictionary(uniqueKeysWithValues: kinds.map { ($0["id"] ?? "", $0) })
        XCTAssertEqual(byID["school-candidates"]?["folder"], "院校考生导入")
        XCTAssertEqual(byID["school-candidates"]?["role"], "school")
        XCTAssertEqual(byID["school-candidates"]?["template"], "院校考生导入模板.xlsx")
        XCTAssertEqual(byID["social-candidates"]?["folder"], "社会考生导入")
    }

    func testStatusShowsRecentJobsAndPinnedClockStampsReports() throws {
        let root = try makeRoot()
        let id = try XCTUnwrap(Producers.residentIDs(count: 1, start: 11_000).first)
        let now = "2026-03-01T09:00:00+08:00"
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: id)]), as: "三月.xlsx")
        let waiting = try root.kaowuChecked(["status", "--json"])
        let pending = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(waiting.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(pending["pending"] as? [String], ["inbox/s1/院校考生导入/三月.xlsx"])

        try root.runOnce(environment: ["KAOWU_NOW": now])
        let report = try root.report(at: root.outbox() + "/三月.已导入.json")
        XCTAssertEqual(report.receivedAt, now)
        XCTAssertEqual(report.finishedAt, now)
        let archived = root.files(under: root.path + "/archive")
        XCTAssertEqual(archived.count, 1)
        XCTAssertTrue(archived.first?.hasPrefix("s1/2026-03/") ?? false, "\(archived)")

        let status = try root.kaowuChecked(["status", "--json"])
        let snapshot = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((snapshot["pending"] as? [Any])?.count, 0)
        XCTAssertEqual((snapshot["unfinished"] as? [Any])?.count, 0)
        let recent = try XCTUnwrap(snapshot["recent"] as? [[String: Any]])
        XCTAssertEqual(recent.count, 1)
        XCTAssertEqual(recent.first?["file"] as? String, "三月.xlsx")
        XCTAssertEqual(recent.first?["status"] as? String, "applied")
        XCTAssertEqual(recent.first?["stage"] as? String, "archived")
        XCTAssertEqual(recent.first?["institution"] as? String, "s1")
        XCTAssertEqual(recent.first?["receivedAt"] as? String, now)
        XCTAssertEqual((recent.first?["id"] as? NSNumber)?.int64Value, report.job)
    }

    func testExportRewritesAnExportDeletedOrDamagedByHand() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 2, start: 12_000)
        try root.drop(
            SchoolRoster(candidates: ids.map { SchoolRoster.row(name: "张三", id: $0) }),
            as: "名单.xlsx")
        try root.runOnce()
        let export = root.outbox("s1", "考生信息") + "/考生信息.xlsx"
        let written = try XCTUnwrap(FileManager.default.contents(atPath: export))
        let jobs = try root.count("SELECT count(*) FROM job")

        // A clerk deletes the export; `kaowu export` brings it back without any job.
        try FileManager.default.removeItem(atPath: export)
        let result = try root.kaowuChecked(["export"])
        XCTAssertTrue(result.stdout.contains("已重写"), result.stdout)
        // The same workbook: only its timestamps differ.
        func assertRewritten() throws {
            let again = try XCTUnwrap(FileManager.default.contents(atPath: export))
            XCTAssertTrue(again.starts(with: Data("PK".utf8)))
            XCTAssertLessThan(abs(again.count - written.count), 100, "\(again.count)")
        }
        try assertRewritten()
        // A damaged copy is replaced as well.
        try Data("not a workbook".utf8).write(to: URL(fileURLWithPath: export))
        try root.kaowuChecked(["export"])
        try assertRewritten()
        XCTAssertEqual(try root.count("SELECT count(*) FROM stale_export"), 0)
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), jobs)
    }

    /// Rows in each table, to show a command changed nothing.
    static func tableSizes(_ root: TestRoot) throws -> [Int] {
        try ["job", "candidate", "institution"].map { try root.count("SELECT count(*) FROM \($0)") }
    }
}
