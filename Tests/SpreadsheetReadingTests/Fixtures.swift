import Foundation
import SpreadsheetReading
import XCTest

/// Locates the files written by `Tests/Fixtures/make_fixtures.py` and reads them whole.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/generated")

    /// The path of fixture `name`; fails the test (never skips) when fixtures were not made.
    static func path(
        _ name: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            XCTFail(
                "fixture \(name) is missing: run `python3 Tests/Fixtures/make_fixtures.py` "
                    + "from the package root first", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return url.path
    }

    /// Every row of sheet `sheet` of fixture `name`.
    static func rows(
        _ name: String, sheet: Int = 0, limits: ReadLimits = ReadLimits(),
        xls: XLSReading = .inProcess, file: StaticString = #filePath, line: UInt = #line
    ) throws -> [SheetRow] {
        let workbook = try Workbook.open(
            path: try path(name, file: file, line: line), limits: limits, xls: xls)
        var rows: [SheetRow] = []
        try workbook.forEachRow(sheet: sheet) { rows.append($0) }
        return rows
    }
}

/// Asserts that `body` throws exactly `expected`.
func assertReadError(
    _ expected: SpreadsheetReadError, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Void
) {
    do {
        try body()
        XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
    } catch let error as SpreadsheetReadError {
        XCTAssertEqual(error, expected, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}
