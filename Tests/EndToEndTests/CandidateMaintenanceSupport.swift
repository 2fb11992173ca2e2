import Foundation
import KaowuCore
import XCTest

/// A real kaowu root under the temp directory, driven through the built `kaowu` binary, with
/// workbooks written and read back by openpyxl (what staff's files and Excel would be).
struct MaintenanceSite {
    let root: String
    /// Every command runs at this moment (`KAOWU_NOW`), so enrollment years and IDs are stable.
    static let now = "2026-03-01T09:00:00+08:00"

    /// `kaowu init` and two schools, S001 and S002.
    init() throws {
        root = NSTemporaryDirectory() + "kaowu-maint-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try kaowu(["init"])
        try kaowu(["institution", "add", "S001", "--name", "甲职业技术学院", "--role", "school"])
        try kaowu(["institution", "add", "S002", "--name", "乙职业技术学院", "--role", "school"])
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Runs `kaowu <arguments> --root ROOT`; fails the test unless it exits 0.
    @discardableResult
    func kaowu(_ arguments: [String]) throws -> String {
        try Self.run(
            KaowuExecutable.path(), arguments + ["--root", root],
            environment: ["KAOWU_NOW": Self.now])
    }

    /// Runs a Python script with `arguments` (`sys.argv[1:]`); returns its standard output.
    @discardableResult
    func python(_ script: String, _ arguments: [String] = []) throws -> String {
        try Self.run("/usr/bin/env", ["python3", "-c", script] + arguments, environment: [:])
    }

    /// Writes a workbook with openpyxl: `header` in row 1, then `rows`, every cell as text.
    func writeWorkbook(_ path: String, header: [String], rows: [[String]]) throws {
        let table = try JSONSerialization.data(withJSONObject: [header] + rows)
        try python(
            """
            import json, sys, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active
            for row in json.loads(sys.argv[2]):
                ws.append([v if v != "" else None for v in row])
            wb.save(sys.argv[1])
            """, [path, String(decoding: table, as: UTF8.self)])
    }

    func exportPath(_ school: String) -> String {
        root + "/outbox/\(school)/考生信息/考生信息.xlsx"
    }

    /// The export's data rows as 列名 → text (numbers as integers), read by openpyxl.
    func exportRows(_ school: String) throws -> [[String: String]] {
        let json = try python(
            """
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["考生信息"]
            rows = list(ws.iter_rows(values_only=True))
            header = [h.rstrip("*") for h in rows[2]]
            out = [{h: ("" if v is None else str(v)) for h, v in zip(header, r)} for r in rows[3:]]
            print(json.dumps(out, ensure_ascii=False))
            """, [exportPath(school)])
        return try JSONDecoder().decode([[String: String]].self, from: Data(json.utf8))
    }

    /// The JSON report of the only report in `outbox/<school>/<folder>/` named `<stem>.*.json`.
    func report(_ school: String, _ folder: String, stem: String) throws -> JobReport {
        let dir = root + "/outbox/\(school)/\(folder)"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasPrefix(stem + ".") && $0.hasSuffix(".json") }
        XCTAssertEqual(names.count, 1, "\(names)")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/" + names[0]))
        return try JSONDecoder().decode(JobReport.self, from: data)
    }

    /// Drops a workbook made by openpyxl into the school's batch-modify folder and runs it.
    func dropUpdate(_ school: String, name: String, header: [String], rows: [[String]])
        throws -> JobReport
    {
        try writeWorkbook(
            root + "/inbox/\(school)/批量修改考生信息/\(name).xlsx", header: header, rows: rows)
        try kaowu(["run-once"])
        return try report(school, "批量修改考生信息", stem: name)
    }

    /// Imports last year's records through `kaowu import-legacy`.
    func importLegacy(_ school: String, name: String, header: [String], rows: [[String]])
        throws -> JobReport
    {
        let path = root + "/\(name).xlsx"
        try writeWorkbook(path, header: header, rows: rows)
        try kaowu(["import-legacy", path, "--institution", school])
        return try report(school, "历史考生导入", stem: name)
    }

    /// Runs a command that must succeed, with `environment` added to this process's.
    private static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]
    ) throws -> String {
        try ChildProcess.check(
            executable, arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }
        ).stdout
    }
}
