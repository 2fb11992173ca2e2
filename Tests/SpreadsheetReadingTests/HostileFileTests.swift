import SpreadsheetReading
import XCTest

/// Broken, disguised and malicious files end in a precise error, never in a crash or a hang.
final class HostileFileTests: XCTestCase {
    private func open(_ name: String, limits: ReadLimits = ReadLimits()) throws -> Workbook {
        try Workbook.open(path: try Fixtures.path(name), limits: limits, xls: .inProcess)
    }

    func testDoctypeIsRefused() throws {
        let workbook = try open("hostile-doctype.xlsx")
        let error = Self.error { try workbook.forEachRow(sheet: 0) { _ in } }
        guard case .forbiddenXML? = error else {
            return XCTFail("DOCTYPE in sheet1.xml was not refused")
        }
    }

    func testCellAtColumnXFDIsTooManyColumns() throws {
        let workbook = try open("hostile-xfd.xlsx")
        assertReadError(.tooManyColumns(limit: 200)) {
            try workbook.forEachRow(sheet: 0) { _ in }
        }
    }

    func testZipBombByCompressionRatio() throws {
        let workbook = try open("hostile-bomb.xlsx")
        assertReadError(.tooLarge(limitBytes: 2 << 30)) {
            try workbook.forEachRow(sheet: 0) { _ in }
        }
    }

    func testZipBombByTotalSize() throws {
        // With the ratio check out of the way, the 300 MB sheet crosses a 50 MB budget.
        let limits = ReadLimits(maxUncompressedBytes: 50 << 20, maxCompressionRatio: 1_000_000)
        let workbook = try open("hostile-bomb.xlsx", limits: limits)
        assertReadError(.tooLarge(limitBytes: 50 << 20)) {
            try workbook.forEachRow(sheet: 0) { _ in }
        }
    }

    func testTooManyRows() throws {
        let workbook = try open("candidates-openpyxl.xlsx", limits: ReadLimits(maxRows: 4))
        var delivered = 0
        assertReadError(.tooManyRows(limit: 4)) {
            try workbook.forEachRow(sheet: 0) { _ in delivered += 1 }
        }
        XCTAssertEqual(delivered, 4)
    }

    func testTooManySharedStrings() {
        assertReadError(.tooManySharedStrings(limit: 5)) {
            _ = try open("candidates-xlsxwriter.xlsx", limits: ReadLimits(maxSharedStrings: 5))
        }
    }

    func testTruncatedZipIsCorrupt() {
        let error = Self.error { _ = try open("hostile-truncated.xlsx") }
        guard case .corrupt? = error else {
            return XCTFail("truncated zip not reported as corrupt")
        }
    }

    func testDisguisedFiles() {
        assertReadError(.unrecognizedFormat(detected: "pdf")) {
            _ = try open("hostile-pdf.xlsx")
        }
        assertReadError(.unrecognizedFormat(detected: "docx")) {
            _ = try open("hostile-docx.xlsx")
        }
        assertReadError(.unrecognizedFormat(detected: nil)) { _ = try open("notes.txt.xlsx") }
        assertReadError(.empty) { _ = try open("hostile-empty.xlsx") }
    }

    private static func error(_ body: () throws -> Void) -> SpreadsheetReadError? {
        do {
            try body()
            return nil
        } catch {
            return error as? SpreadsheetReadError
        }
    }
}
