import Foundation
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

    /// `prepare` runs beside `body` (on threads of its own, rows in any order), and what it
    /// returns reaches `body` in row order; an error it throws ends the read.
    func testPreparedRowsArriveInOrderAndAPrepareErrorEndsTheRead() throws {
        let numbers = NumberLog()
        var next = 1
        let prepare: @Sendable (SheetRow) -> (Int, CellValue?) = { row in
            numbers.append(row.number)
            return (row.number, row.cells.first)
        }
        try workbook().forEachRow(sheet: 0, prepare: prepare) { number, first in
            XCTAssertEqual(number, next)
            if number > 1 { XCTAssertEqual(first, .text("考生\(number - 1)")) }
            next += 1
        }
        XCTAssertEqual(next, 40_002)
        XCTAssertEqual(numbers.all.sorted(), Array(1...40_001))

        let stopAt5000: @Sendable (SheetRow) throws -> Int = { row in
            if row.number == 5_000 { throw Stop() }
            return row.number
        }
        var delivered = 0
        XCTAssertThrowsError(
            try workbook().forEachRow(sheet: 0, prepare: stopAt5000) { _ in delivered += 1 }
        ) { error in
            XCTAssertEqual(error as? Stop, Stop())
        }
        XCTAssertEqual(delivered, 4_999)
    }
}

/// Row numbers seen by `prepare`, which may run on another thread.
private final class NumberLog: @unchecked Sendable {
    private let lock = NSLock()
    private var numbers: [Int] = []

    func append(_ number: Int) { lock.withLock { numbers.append(number) } }
    var all: [Int] { lock.withLock { numbers } }
}
