import Foundation
import XCTest

/// PIPL: the daemon's log names files and jobs, never a full ID number or phone from the data,
/// not even with every stage logged (`-v`) and not for rows it rejects.
final class LogPrivacyTests: EndToEndTestCase {
    func testDaemonLogHoldsNoFullIDOrPhone() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 4, start: 12_000)
        let phones = ["13812340001", "13912340002", "15012340003", "18612340004"]
        let daemon = try root.serve()
        try root.drop(
            SchoolRoster(candidates: [
                SchoolRoster.row(name: "张三", id: ids[0], mobile: phones[0]),
                SchoolRoster.row(name: "李四", id: ids[1], mobile: phones[1]),
            ]), as: "好.xlsx")
        // Rejected rows: a phone too short (its 11-digit neighbours are valid), a repeated ID, a
        // check digit off by one; and an ID as a file name, as photos are named.
        let wrongCheck = String(ids[3].dropLast()) + (ids[3].last == "1" ? "2" : "1")
        try root.drop(
            SchoolRoster(candidates: [
                SchoolRoster.row(name: "王五", id: ids[2], mobile: phones[2]),
                SchoolRoster.row(name: "赵六", id: ids[2], mobile: phones[3]),
                SchoolRoster.row(name: "钱七", id: wrongCheck, mobile: "1381234"),
            ]), as: "\(ids[3]).xlsx")
        _ = try root.waitForReport("好.已导入", daemon: daemon)
        _ = try root.waitForReport("\(ids[3]).已拒绝", daemon: daemon)
        XCTAssertEqual(daemon.stop(), 0)

        let log = daemon.log
        XCTAssertFalse(log.isEmpty)
        for secret in ids + [wrongCheck] + phones {
            let leaks = log.split(separator: "\n").filter { $0.contains(secret) }
            XCTAssertEqual(leaks, [], "the log shows \(secret)")
        }
    }
}
