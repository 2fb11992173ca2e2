import Foundation
import XCTest

/// A valid 院校考生 file dropped into a running daemon's inbox is applied once, normalised, and
/// reported, and the original moves to the archive.
final class ServeImportTests: EndToEndTestCase {
    func testValidFileIsAppliedNormalisedReportedAndArchived() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 200)
        let withX = try XCTUnwrap(ids.first { $0.hasSuffix("X") })
        let plain = try XCTUnwrap(ids.first { !$0.hasSuffix("X") })
        let roster = SchoolRoster(candidates: [
            // Lowercase x, +86 with spaces, 大专, "2023级", pinyin left blank (单 reads shan).
            SchoolRoster.row(
                name: "单田芳", id: withX.lowercased(), mobile: "+86 138 1234 5678",
                level: "大专", year: "2023级"),
            // Full-width digits, a dashed phone, 曾 read zeng.
            SchoolRoster.row(
                name: "曾志伟", id: Self.fullWidth(plain), mobile: "139-1234-5678",
                year: .number(2024)),
        ])
        let daemon = try root.serve()
        let dropped = root.scratchFile("考生.xlsx")
        try Producers.write(roster, with: .openpyxl, to: dropped)
        let digest = try sha256(dropped)
        try root.drop(dropped, into: root.inbox(), as: "考生.xlsx")

        let report = try root.waitForReport("考生.已导入", daemon: daemon)
        XCTAssertEqual(report.status, "applied")
        XCTAssertEqual(report.kind, "school-candidates")
        XCTAssertEqual(report.institution, "s1")
        XCTAssertEqual(report.institutionName, "第一职业技术学院")
        XCTAssertEqual(report.file, "考生.xlsx")
        XCTAssertEqual(report.sha256, digest)
        XCTAssertFalse(report.dryRun)
        XCTAssertNil(report.duplicateOf)
        XCTAssertEqual(report.rows, .init(total: 2, applied: 2, error: 0, warning: 0))
        XCTAssertEqual(report.errors.count, 0, "\(report.errors)")
        let job = try root.query("SELECT id, stage, outcome FROM job")
        XCTAssertEqual(job.count, 1)
        XCTAssertEqual((job.first?["id"] as? NSNumber)?.int64Value, report.job)

        XCTAssertEqual(
            try root.candidates().map(\.fields),
            [
                StoredCandidate(
                    name: "单田芳", namePinyin: "Shan Tianfang", documentNumber: withX,
                    mobile: "13812345678", enrollmentYear: 2023),
                StoredCandidate(
                    name: "曾志伟", namePinyin: "Zeng Zhiwei", documentNumber: plain,
                    mobile: "13912345678", enrollmentYear: 2024),
            ])

        // The ledger finishes (archived) just after the report appears.
        try waitUntil("作业进入 archived", timeout: 20) {
            try root.query("SELECT stage FROM job").first?["stage"] as? String == "archived"
        }
        let archived = root.files(under: root.path + "/archive")
        XCTAssertEqual(archived.count, 1, "\(archived)")
        XCTAssertTrue(archived.first?.hasPrefix("s1/") ?? false, "\(archived)")
        XCTAssertTrue(archived.first?.hasSuffix("考生.xlsx") ?? false, "\(archived)")
        XCTAssertEqual(try sha256(root.path + "/archive/" + archived[0]), digest)
        XCTAssertEqual(root.files(under: root.work), [])
        XCTAssertEqual(root.files(under: root.path + "/inbox"), [])
        XCTAssertTrue(daemon.isRunning, daemon.log)
    }

    /// ASCII digits and X as their full-width forms (１２３Ｘ), as some IMEs type them.
    static func fullWidth(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    ("0"..."9").contains($0) || $0 == "X" ? Unicode.Scalar($0.value + 0xFEE0)! : $0
                }))
    }
}
