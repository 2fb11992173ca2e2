import SpreadsheetReading
import XCTest

/// `large-rows.xlsx` inflates to more than 4 MiB, so its rows are scanned on a thread of their
/// own while the callback runs: the contract must be that of the plain loop.
final class BackgroundReadTests: XCTestCase {
    private struct Stop: Error, Equatable {}

    private func workbook(limits: ReadLimits = ReadLimits()) throws -> Workbook {
        try Workbook.open(
            path: try Fixtures.path("large-rows.xlsx"), limits: limits, xls: .inProcess)
    }

    func testEveryRowArrivesInOrder() throws {
        var next = 1
        try workbook().forEachRow(sheet: 0) { row in
            XCTAssertEqual(row.number, next)
            if row.number > 1 {
                let i = row.number - 1
                XCTAssertEqual(row.cells.first, .text("考生\(i)"))
                XCTAssertEqual(row.cells.last, .text("第\(i)行"))
                XCTAssertEqual(row.cells[5], .number(Double(2020 + i % 5)))
            }
            next += 1
        }
        XCTAssertEqual(next, 40_002)
    }

    func testAnErrorFromTheCallbackStopsTheReadAndPassesThrough() throws {
        // Before the first hand-over completes, and well past several.
        for stopAt in [2, 10_000] {
            var seen = 0
            XCTAssertThrowsError(
                try workbook().forEachRow(sheet: 0) { _ in
                    seen += 1
                    if seen == stopAt { throw Stop() }
                }
            ) { error in
                XCTAssertEqual(error as? Stop, Stop())
            }
            XCTAssertEqual(seen, stopAt)
        }
    }

    func testAReadErrorComesAfterEveryRowBeforeIt() throws {
        var delivered = 0
        XCTAssertThrowsError(
            try workbook(limits: ReadLimits(maxRows: 12_345)).forEachRow(sheet: 0) { _ in
                delivered += 1
            }
        ) { error in
            XCTAssertEqual(error as? SpreadsheetReadError, .tooManyRows(limit: 12_345))
        }
        XCTAssertEqual(delivered, 12_345)
    }
}
