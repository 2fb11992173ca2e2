import Foundation
import XCTest

/// Whoever wrote the file (openpyxl, xlsxwriter, LibreOffice as .xlsx or .xls, a CSV in UTF-8
/// with BOM or in GBK), the same roster lands as the same rows; and kaowu's own blank template,
/// filled in, goes straight in.
final class ProducerTests: EndToEndTestCase {
    func testEveryProducerYieldsIdenticalRows() throws {
        let ids = try SharedFixtures.producerIDs.get()
        let roster = SharedFixtures.producerRoster(ids: ids)
        let office = try SharedFixtures.libreOffice.get()
        let schools = ["openpyxl", "xlsxwriter", "lo-xlsx", "lo-xls", "csv-utf8", "csv-gbk"]
        let root = try makeRoot(
            schools: Dictionary(uniqueKeysWithValues: schools.map { ($0, "学校 \($0)") }))
        try root.drop(roster, as: "考生.xlsx", school: "openpyxl", producer: .openpyxl)
        try root.drop(roster, as: "考生.xlsx", school: "xlsxwriter", producer: .xlsxwriter)
        try root.drop(office.xlsx, into: root.inbox("lo-xlsx"), as: "考生.xlsx")
        try root.drop(office.xls, into: root.inbox("lo-xls"), as: "考生.xls")
        try root.drop(roster, as: "考生.csv", school: "csv-utf8", producer: .csvUTF8BOM)
        try root.drop(roster, as: "考生.csv", school: "csv-gbk", producer: .csvGBK)
        try root.runOnce()

        let expected = [
            StoredCandidate(
                name: "张三", namePinyin: "Zhang San", documentNumber: ids[0],
                mobile: "13800138000", enrollmentYear: 2024),
            StoredCandidate(
                name: "单田芳", namePinyin: "Shan Tianfang", documentNumber: ids[1],
                mobile: "13912345678", major: "护理", majorLevel: "中职",
                enrollmentYear: 2023),
            StoredCandidate(
                name: "阿卜杜·热合曼", namePinyin: "Abudu Rehemen",
                documentNumber: ids[2], mobile: "15012345678", major: "数控技术",
                majorLevel: "职业本科", enrollmentYear: 2025),
        ]
        for school in schools {
            let reports = root.files(under: root.outbox(school)).filter { $0.hasSuffix(".json") }
            XCTAssertEqual(reports, ["考生.已导入.json"], "\(school): \(Self.errors(root, school))")
            XCTAssertEqual(try root.candidates(school: school).map(\.fields), expected, school)
        }
    }

    func testFilledBlankTemplateIsApplied() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 2, start: 6000)
        let template = root.outbox("s1", "模板") + "/院校考生导入模板.xlsx"
        XCTAssertTrue(FileManager.default.fileExists(atPath: template))
        let filled = root.scratchFile("填好的模板.xlsx")
        try Producers.fillTemplate(
            template,
            rows: [
                [
                    "姓名": "张三", "证件号码": ids[0], "手机号": "13800138000", "就读专业": "计算机应用技术",
                    "专业层次": "高职专科", "入学年份": "2024",
                ],
                [
                    "姓名": "李四", "证件类型": "身份证", "证件号码": ids[1], "手机号": "13900139000",
                    "就读专业": "护理", "专业层次": "专科", "入学年份": "2025",
                ],
            ], to: filled)
        try root.drop(filled, into: root.inbox(), as: "院校考生导入模板.xlsx")
        try root.runOnce()
        let report = try root.report(at: root.outbox() + "/院校考生导入模板.已导入.json")
        XCTAssertEqual(report.rows, .init(total: 2, applied: 2, error: 0, warning: 0))
        XCTAssertEqual(
            try root.candidates().map(\.fields),
            [
                StoredCandidate(
                    name: "张三", namePinyin: "Zhang San", documentNumber: ids[0],
                    mobile: "13800138000"),
                StoredCandidate(
                    name: "李四", namePinyin: "Li Si", documentNumber: ids[1],
                    mobile: "13900139000", major: "护理", enrollmentYear: 2025),
            ])
        XCTAssertEqual(try root.candidates().map(\.createdRow), [4, 5])
    }

    /// The errors of whatever report a school got, for a failure message.
    static func errors(_ root: TestRoot, _ school: String) -> String {
        root.files(under: root.outbox(school)).filter { $0.hasSuffix(".json") }.map {
            let errors = (try? root.report(at: root.outbox(school) + "/" + $0))?.errors ?? []
            return "\($0): " + errors.map { "\($0.row ?? 0) \($0.code) \($0.message)" }.joined()
        }.joined(separator: "; ")
    }
}
