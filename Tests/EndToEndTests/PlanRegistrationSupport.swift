import Foundation
import KaowuCore
import XCTest

/// A `TestRoot` with org O001 (and O002) besides schools S001 and S002, driven at pinned
/// moments (`KAOWU_NOW`). Files are made the way a new user makes them: openpyxl opens the
/// blank template from `outbox/<institution>/模板/`, fills rows under its header with typed
/// cells, and saves the copy into the inbox.
struct PlanSite {
    let root: TestRoot

    init() throws {
        root = try TestRoot(schools: ["S001": "甲职业技术学院", "S002": "乙职业技术学院"])
        for (code, name) in [("O001", "某某培训评价组织"), ("O002", "另一培训评价组织")] {
            try root.kaowuChecked(["institution", "add", code, "--name", name, "--role", "org"])
        }
    }

    /// Fills the institution's blank template `templateName` with `rows` (header → value; a
    /// value like `2026-03-01 09:00:00` is typed as a date-time, `num:1001` as a number, what
    /// Excel makes of a code typed into a number cell, everything else as text), drops it as
    /// `<name>.xlsx` into the inbox folder `folder`, runs `kaowu run-once` at `now` and returns
    /// the report.
    func drop(
        _ institution: String, template templateName: String, folder: String, name: String,
        rows: [[String: String]], at now: String
    ) throws -> JobReport {
        let template = root.outbox(institution, "模板") + "/\(templateName).xlsx"
        let target = root.inbox(institution, folder) + "/\(name).xlsx"
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        try python(
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
            """, [template, target, json])
        try root.runOnce(environment: ["KAOWU_NOW": now])
        return try report(institution, folder: folder, stem: name)
    }

    /// The JSON twin of the report on `<stem>.xlsx` in `outbox/<institution>/<folder>/`.
    func report(_ institution: String, folder: String, stem: String) throws -> JobReport {
        let dir = root.outbox(institution, folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasPrefix(stem + ".") && $0.hasSuffix(".json") }
        XCTAssertEqual(names.count, 1, "\(names)")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/" + names[0]))
        return try JSONDecoder().decode(JobReport.self, from: data)
    }

    /// A view workbook's data rows (below its title and header lines) as header → text,
    /// read by openpyxl; `sheet` nil reads the first sheet.
    func viewRows(_ relative: String, sheet: String? = nil) throws -> [[String: String]] {
        let out = try python(
            """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb[sys.argv[2]] if sys.argv[2] else wb.worksheets[0]
            rows = list(ws.iter_rows(values_only=True))
            out = [{h: ('' if v is None else str(v)) for h, v in zip(rows[1], r)}
                   for r in rows[2:]]
            print(json.dumps(out, ensure_ascii=False))
            """, [root.path + "/outbox/" + relative, sheet ?? ""])
        return try JSONDecoder().decode([[String: String]].self, from: Data(out.utf8))
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.path + "/outbox/" + relative)
    }

    /// Changes the store directly: only for what no file can do yet (a payment confirmation).
    func sql(_ statement: String) throws {
        try ChildProcess.check("/usr/bin/sqlite3", [root.database, statement])
    }

    @discardableResult
    private func python(_ script: String, _ arguments: [String]) throws -> String {
        try ChildProcess.check("/usr/bin/env", ["python3", "-c", script] + arguments).stdout
    }
}
