import Foundation
import XCTest

/// Each school's folder touches only that school's candidates.
final class InstitutionIsolationTests: EndToEndTestCase {
    func testTwoSchoolsImportTheSameIDIndependently() throws {
        let root = try makeRoot(schools: ["schoolA": "甲职业学院", "schoolB": "乙职业学院"])
        let id = try XCTUnwrap(Producers.residentIDs(count: 1, start: 4000).first)
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: id)]), as: "考生.xlsx",
            school: "schoolA")
        try root.drop(
            SchoolRoster(candidates: [
                SchoolRoster.row(
                    name: "张三", id: id, mobile: "13700001111",
                    major: "护理", level: "中职")
            ]),
            as: "考生.xlsx", school: "schoolB")
        try root.runOnce()
        let reportA = try root.report(at: root.outbox("schoolA") + "/考生.已导入.json")
        XCTAssertEqual(reportA.status, "applied")
        let reportB = try root.report(at: root.outbox("schoolB") + "/考生.已导入.json")
        XCTAssertEqual(reportB.status, "applied")
        XCTAssertEqual(reportB.institution, "schoolB")

        let a = try root.candidates(school: "schoolA")
        let b = try root.candidates(school: "schoolB")
        XCTAssertEqual(a.map(\.mobile), ["13800138000"])
        XCTAssertEqual(b.map(\.mobile), ["13700001111"])
        XCTAssertEqual(b.map(\.major), ["护理"])

        // A's next file about the same person is A's business only: rejected in A (A already has
        // them), and B's row is untouched.
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: id, mobile: "13600002222")]),
            as: "再次.xlsx", school: "schoolA")
        try root.runOnce()
        let again = try root.report(at: root.outbox("schoolA") + "/再次.已拒绝.json")
        XCTAssertEqual(again.errorCodesByRow, [.init(row: 4, code: "candidate.exists")])
        XCTAssertEqual(try root.candidates(school: "schoolB"), b)
        XCTAssertEqual(try root.candidates(school: "schoolA"), a)
        XCTAssertEqual(root.files(under: root.outbox("schoolB")).filter { $0.contains("再次") }, [])
    }
}
