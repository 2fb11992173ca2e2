import Foundation
import XCTest

@testable import KaowuCore

/// The checks against text that real producers wrote: a workbook made by openpyxl (as a
/// school's own tooling would) and saved as CSV by LibreOffice (as a clerk's "save as CSV" does).
/// Skipped, with the reason, where python3 with openpyxl or soffice is missing.
final class RealProducerTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kaowu-checks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testLibreOfficeCSVOfAnOpenpyxlWorkbook() throws {
        let rows = try csvRows(
            fromWorkbookWrittenBy: """
                import openpyxl, sys
                wb = openpyxl.Workbook(); ws = wb.active
                ws.append(["姓名", "证件号码", "手机号", "入学年份"])
                # The ID typed into a number cell, as Excel does when the column is not text.
                ws.append(["张三", 110105194912310021, 13812345678, 2023])
                ws.append(["阿卜杜・热合曼", "11010519491231002x", "+86 138-1234-5678", "2023级"])
                ws.append(["李　四", "１１０１０５１９４９１２３１００２Ｘ", "138 1234 5678", "2023年9月"])
                ws.column_dimensions["B"].width = 8
                wb.save(sys.argv[1])
                """)
        XCTAssertEqual(rows.count, 4, "\(rows)")
        guard rows.count == 4 else { return }

        // LibreOffice writes the number cell the way it displays it, digits gone.
        let damaged = IdentityDocument.validate(
            type: .residentIDCard, number: rows[1][1], today: testToday)
        XCTAssertEqual(failureCode(damaged), "cn-id.excel-number", rows[1][1])

        for row in rows[1...] {
            XCTAssertEqual(try MobileNumber.validate(row[2]).get(), "13812345678", row[2])
            XCTAssertEqual(
                try EnrollmentYear.validate(text: row[3], today: testToday).get(), 2023, row[3])
        }
        for row in rows[2...] {
            XCTAssertEqual(
                try IdentityDocument.validate(
                    type: .residentIDCard, number: row[1], today: testToday
                )
                .get(),
                "11010519491231002X", row[1])
        }
        XCTAssertEqual(try PersonName.validate(rows[2][0]).get(), "阿卜杜·热合曼")
        XCTAssertEqual(try PersonName.validate(rows[3][0]).get(), "李四")
        XCTAssertEqual(Pinyin.of(name: rows[3][0]), "Li Si")
    }

    // MARK: - Producers

    /// Runs `script` with python3 (argv[1] is the .xlsx to write), converts the workbook to UTF-8
    /// CSV with LibreOffice in a private profile, and splits the CSV (no quoted commas expected).
    private func csvRows(fromWorkbookWrittenBy script: String) throws -> [[String]] {
        let workbook = directory.appendingPathComponent("roster.xlsx")
        let scriptFile = directory.appendingPathComponent("make.py")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        try run(
            "/usr/bin/env", ["python3", scriptFile.path, workbook.path], missing: "python3/openpyxl"
        )
        try run(
            "/usr/bin/env",
            [
                "soffice", "-env:UserInstallation=file://\(directory.path)/profile", "--headless",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                directory.path, workbook.path,
            ],
            missing: "soffice")
        let csv = try String(
            contentsOf: directory.appendingPathComponent("roster.csv"), encoding: .utf8)
        return csv.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    private func run(_ tool: String, _ arguments: [String], missing: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw XCTSkip("\(missing) not usable here (exit \(process.terminationStatus))")
        }
    }
}
