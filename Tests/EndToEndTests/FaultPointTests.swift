import Foundation
import XCTest

/// Power cuts at every named point between two stages (KAOWU_FAULT makes the process SIGKILL
/// itself there): after a restart each file has exactly one report, its rows are in the database
/// exactly once, the work area is empty and the original is archived.
final class FaultPointTests: EndToEndTestCase {
    func testACrashAtAnyStageIsFinishedExactlyOnceOnRestart() throws {
        let ids = try Producers.residentIDs(count: 5, start: 9100)
        let roster = SchoolRoster(candidates: ids.map { SchoolRoster.row(name: "考生", id: $0) })
        for point in ["claim", "apply:3", "decide", "report", "archive"] {
            let root = try makeRoot()
            let source = root.scratchFile("名单.xlsx")
            try Producers.write(roster, with: .openpyxl, to: source)
            try root.drop(source, into: root.inbox(), as: "名单.xlsx")

            let crashed = try root.kaowu(["run-once"], environment: ["KAOWU_FAULT": point])
            XCTAssertNotEqual(crashed.status, 0, "\(point): the process should have died")
            let applied = try root.count("SELECT count(*) FROM candidate")
            XCTAssertTrue(
                applied == 0 || applied == ids.count, "\(point): half a file applied (\(applied))")

            XCTAssertEqual(try root.runOnce().status, 0, point)
            XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), ids.count, point)
            XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 1, point)
            XCTAssertEqual(
                try root.count("SELECT count(*) FROM job WHERE stage = 'archived'"), 1, point)
            XCTAssertEqual(
                root.files(under: root.outbox()), ["名单.已导入.json", "名单.已导入.xlsx"], point)
            XCTAssertEqual(root.files(under: root.work), [], point)
            XCTAssertEqual(root.files(under: root.path + "/archive").count, 1, point)
        }
    }
}
