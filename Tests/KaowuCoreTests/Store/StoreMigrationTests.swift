import Foundation
import GRDB
import XCTest

@testable import KaowuCore

final class StoreMigrationTests: XCTestCase {
    private var root: KaowuRoot!

    override func setUpWithError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kaowu-migration-\(UUID().uuidString)"
        ).path
        root = KaowuRoot(path: path)
        try FileManager.default.createDirectory(
            atPath: root.data, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root.path)
    }

    /// An installation whose ledger kept reports in the job row (v4) keeps every report when
    /// they move beside it (v5), and the job row no longer holds one.
    func testReportsMoveOutOfTheJobRow() throws {
        let report = #"{"status" : "rejected", "errors" : [ ]}"#
        do {
            let pool = try DatabasePool(path: root.database)
            try StoreMigrations.migrator.migrate(pool, upTo: "v4: stale outbox exports")
            try pool.write { db in
                for (id, json) in [(1, report as String?), (2, nil)] {
                    try db.execute(
                        sql: """
                            INSERT INTO job (id, institution, kindFolder, fileName, workPath,
                                             sha256, size, receivedAt, stage, reportJSON)
                            VALUES (?, 'S001', '考生', 'a.xlsx', ?, 'ab', 1, 'now', ?, ?)
                            """,
                        arguments: [id, "work/\(id)", json == nil ? "claimed" : "reported", json])
                }
            }
        }
        let store = try KaowuStore.open(root: root)
        XCTAssertEqual(try store.report(job: 1), Data(report.utf8))
        XCTAssertNil(try store.report(job: 2))
        XCTAssertEqual(try store.job(id: 1)?.stage, .reported)
        let columns = try store.pool.read { db in try db.columns(in: "job").map(\.name) }
        XCTAssertFalse(columns.contains("reportJSON"))
        XCTAssertTrue(columns.contains("reportName"))
    }
}
