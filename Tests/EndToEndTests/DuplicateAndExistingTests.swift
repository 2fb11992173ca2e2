import Foundation
import XCTest

/// The same content twice is a duplicate; the same name twice gets a numbered report; a
/// candidate the school already has is never imported again.
final class DuplicateAndExistingTests: EndToEndTestCase {
    func testSameContentIsDuplicateAndSameNameGetsNumberedReport() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 4, start: 2000)
        let first = SchoolRoster(candidates: [
            SchoolRoster.row(name: "张三", id: ids[0]), SchoolRoster.row(name: "李四", id: ids[1]),
        ])
        try root.drop(first, as: "考生.xlsx")
        try root.runOnce()
        let applied = try root.report(at: root.outbox() + "/考生.已导入.json")
        XCTAssertEqual(applied.status, "applied")
        let firstXLSX = try sha256(root.outbox() + "/考生.已导入.xlsx")
        let firstJSON = try sha256(root.outbox() + "/考生.已导入.json")

        // The same bytes under another name.
        let archived = try XCTUnwrap(root.files(under: root.path + "/archive").first)
        try root.drop(root.path + "/archive/" + archived, into: root.inbox(), as: "考生副本.xlsx")
        try root.runOnce()
        let duplicate = try root.report(at: root.outbox() + "/考生副本.重复文件.json")
        XCTAssertEqual(duplicate.status, "duplicate")
        XCTAssertEqual(duplicate.duplicateOf, applied.job)
        XCTAssertEqual(duplicate.sha256, applied.sha256)
        XCTAssertNotEqual(duplicate.job, applied.job)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 2)

        // The same name with different content: a second report beside the first.
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "王五", id: ids[2])]), as: "考生.xlsx")
        try root.runOnce()
        let second = try root.report(at: root.outbox() + "/考生.已导入(2).json")
        XCTAssertEqual(second.status, "applied")
        XCTAssertEqual(second.file, "考生.xlsx")
        XCTAssertNotEqual(second.job, applied.job)
        XCTAssertEqual(try sha256(root.outbox() + "/考生.已导入.xlsx"), firstXLSX)
        XCTAssertEqual(try sha256(root.outbox() + "/考生.已导入.json"), firstJSON)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 3)
        XCTAssertEqual(root.files(under: root.path + "/archive").count, 3)
    }

    func testCandidateTheSchoolAlreadyHasIsRejected() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 3, start: 3000)
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: ids[0])]), as: "第一批.xlsx")
        try root.runOnce()
        XCTAssertEqual(try root.report(at: root.outbox() + "/第一批.已导入.json").status, "applied")

        // The second file repeats 张三 (on its second data row) next to a new candidate.
        try root.drop(
            SchoolRoster(candidates: [
                SchoolRoster.row(name: "李四", id: ids[1]),
                SchoolRoster.row(name: "张三", id: ids[0], mobile: "13900001111"),
            ]), as: "第二批.xlsx")
        try root.runOnce()
        let report = try root.report(at: root.outbox() + "/第二批.已拒绝.json")
        XCTAssertEqual(report.status, "rejected")
        XCTAssertEqual(report.errorCodesByRow, [.init(row: 5, code: "candidate.exists")])
        XCTAssertEqual(report.errors.first?.column, "证件号码")
        XCTAssertEqual(
            try root.candidates().map(\.fields),
            [
                StoredCandidate(
                    name: "张三", namePinyin: "Zhang San", documentNumber: ids[0],
                    mobile: "13800138000")
            ],
            "the existing candidate is unchanged and 李四 was not applied")
    }

    /// After a file's first error its rows are judged without being written: an existing
    /// candidate further down must still be found, by the daemon and by `kaowu check` alike.
    func testCandidateTheSchoolAlreadyHasIsFoundAfterAnEarlierError() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 3, start: 3100)
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: ids[0])]), as: "第一批.xlsx")
        try root.runOnce()
        XCTAssertEqual(try root.report(at: root.outbox() + "/第一批.已导入.json").status, "applied")

        let second = SchoolRoster(candidates: [
            SchoolRoster.row(name: "李四", id: ids[1], mobile: "12345"),
            SchoolRoster.row(name: "王五", id: ids[2]),
            SchoolRoster.row(name: "张三", id: ids[0]),
        ])
        let expected: [ReportJSON.RowCode] = [
            .init(row: 4, code: "cn-mobile.format"), .init(row: 6, code: "candidate.exists"),
        ]
        let file = root.scratchFile("第二批.xlsx")
        try Producers.write(second, with: .openpyxl, to: file)
        let out = root.scratchFile("check-out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let checked = try root.kaowu(
            ["check", file, "--kind", "school-candidates", "--institution", "s1", "--out", out])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertEqual(
            try root.report(at: out + "/第二批.检查结果.json").errorCodesByRow, expected)

        try root.drop(file, into: root.inbox(), as: "第二批.xlsx")
        try root.runOnce()
        let report = try root.report(at: root.outbox() + "/第二批.已拒绝.json")
        XCTAssertEqual(report.status, "rejected")
        XCTAssertEqual(report.errorCodesByRow, expected)
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 1)
    }
}
