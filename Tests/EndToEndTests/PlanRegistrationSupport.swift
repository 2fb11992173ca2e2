import Foundation
import KaowuCore
import XCTest

/// A real kaowu root driven through the built `kaowu` binary: org O001 (and O002), schools
/// S001 and S002. Files are made the way a new user makes them: openpyxl opens the blank
/// template from `outbox/<institution>/模板/`, fills rows under its header, and saves the copy
/// into the inbox.
struct PlanSite {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "kaowu-plan-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try kaowu(["init"], at: "2026-02-01T09:00:00+08:00")
        for (code, name, role) in [
            ("O001", "某某培训评价组织", "org"), ("O002", "另一培训评价组织", "org"),
            ("S001", "甲职业技术学院", "school"), ("S002", "乙职业技术学院", "school"),
        ] {
            try kaowu(
                ["institution", "add", code, "--name", name, "--role", role],
                at: "2026-02-01T09:00:00+08:00")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Fills the institution's blank template `templateName` with `rows` (header → value; a
    /// value like `2026-03-01 09:00:00` is typed as a date-time, `num:1001` as a number, what
    /// Excel makes of a code typed into a number cell, everything else as text),
    /// drops it as `<name>.xlsx` into the inbox folder `folder`, runs `kaowu run-once` at `now`
    /// and returns the report.
    func drop(
        _ institution: String, template templateName: String, folder: String, name: String,
        rows: [[String: String]], at now: String
    ) throws -> JobReport {
        let template = root + "/outbox/\(institution)/模板/\(templateName).xlsx"
        let target = root + "/inbox/\(institution)/\(folder)/\(name).xlsx"
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        try Self.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import datetime, json, re, sys, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
                header = {str(c.value).rstrip('*'): c.column for c in ws[3] if c.value}
                for r, row in enumerate(json.loads(sys.argv[3]), start=4):
                    for key, value in row.items():
                        if value == '':
                            continue
                        if value.startswith('num:'):
                            value = int(value[4:])
                        elif re.fullmatch(r'\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d', value):
                            value = datetime.datetime.strptime(value, '%Y-%m-%d %H:%M:%S')
                        ws.cell(row=r, column=header[key], value=value)
                wb.save(sys.argv[2])
                """, template, target, json,
            ], environment: [:])
        try kaowu(["run-once"], at: now)
        return try report(institution, folder: folder, stem: name)
    }

    /// The JSON twin of the report on `<stem>.xlsx` in `outbox/<institution>/<folder>/`.
    func report(_ institution: String, folder: String, stem: String) throws -> JobReport {
        let dir = root + "/outbox/\(institution)/\(folder)"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasPrefix(stem + ".") && $0.hasSuffix(".json") }
        XCTAssertEqual(names.count, 1, "\(names)")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/" + names[0]))
        return try JSONDecoder().decode(JobReport.self, from: data)
    }

    /// A view workbook's data rows (below its title and header lines) as header → text,
    /// read by openpyxl; `sheet` nil reads the first sheet.
    func viewRows(_ relative: String, sheet: String? = nil) throws -> [[String: String]] {
        let out = try Self.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import json, sys, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1])
                ws = wb[sys.argv[2]] if sys.argv[2] else wb.worksheets[0]
                rows = list(ws.iter_rows(values_only=True))
                out = [{h: ('' if v is None else str(v)) for h, v in zip(rows[1], r)}
                       for r in rows[2:]]
                print(json.dumps(out, ensure_ascii=False))
                """, root + "/outbox/" + relative, sheet ?? "",
            ], environment: [:])
        return try JSONDecoder().decode([[String: String]].self, from: Data(out.utf8))
    }

    /// Runs SQL against the store with Python's sqlite3: only for what no file can do yet
    /// (a payment confirmation, last year's incomplete records).
    func sql(_ statement: String) throws {
        try Self.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                    + "c.executescript(sys.argv[2]); c.commit()",
                root + "/data/kaowu.sqlite", statement,
            ], environment: [:])
    }

    @discardableResult
    func kaowu(_ arguments: [String], at now: String) throws -> String {
        try Self.run(
            Self.binary, arguments + ["--root", root], environment: ["KAOWU_NOW": now])
    }

    /// The `kaowu` built beside the tests (`swift test` builds every product).
    static var binary: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/"
            && !FileManager.default.fileExists(
                atPath: url.appendingPathComponent("Package.swift").path)
        {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent(".build/debug/kaowu").path
    }

    /// A valid resident ID: `seventeen` digits plus the GB 11643 MOD 11-2 check character.
    static func residentID(_ seventeen: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(seventeen, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return seventeen + String(Array("10X98765432")[sum % 11])
    }

    @discardableResult
    private static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting: a full pipe would block the child.
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            XCTFail(
                "\(arguments.prefix(3)) exited \(process.terminationStatus): "
                    + String(decoding: errors, as: UTF8.self))
            throw CocoaError(.executableLoad)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
