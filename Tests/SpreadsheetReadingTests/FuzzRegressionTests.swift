import Foundation
import SpreadsheetReading
import XCTest

/// Every input that crashed `Fuzz/run.sh`'s spreadsheet fuzzers and was fixed, kept in
/// `Tests/Fixtures/fuzz-regressions/workbook/`: each must now end in a clean
/// `SpreadsheetReadError`, read exactly as the fuzzer read it (open, then every sheet).
final class FuzzRegressionTests: XCTestCase {
    private static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions/workbook")

    func testEveryFuzzFoundInputEndsInAReadError() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        XCTAssertFalse(names.isEmpty, "no regression inputs in \(Self.folder.path)")
        for name in names {
            let path = Self.folder.appendingPathComponent(name).path
            do {
                let workbook = try Workbook.open(path: path, xls: .inProcess)
                for sheet in workbook.sheetNames.indices {
                    try workbook.forEachRow(sheet: sheet) { _ in }
                }
                XCTFail("\(name) was read without an error")
            } catch is SpreadsheetReadError {
                continue
            } catch {
                XCTFail("\(name): not a SpreadsheetReadError: \(error)")
            }
        }
    }

    /// The minimal form of the first find: a `</c>` with no `<c>` used to index column -1.
    func testCellEndWithoutCellIsCorrupt() throws {
        let path = Self.folder.appendingPathComponent("cell-end-without-cell-minimal.xlsx").path
        let workbook = try Workbook.open(path: path, xls: .inProcess)
        XCTAssertThrowsError(try workbook.forEachRow(sheet: 0) { _ in }) { error in
            XCTAssertEqual(
                error as? SpreadsheetReadError,
                .corrupt(detail: "row 1: cell end without a cell"))
        }
    }
}
