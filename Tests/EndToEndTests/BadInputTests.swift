import Foundation
import XCTest

/// Whatever lands in the inbox, the daemon answers it with a report (or, for editors' lock
/// files, leaves it alone) and keeps running.
final class BadInputTests: EndToEndTestCase {
    func testEveryBadFileGetsAReportAndTheDaemonKeepsWorking() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 3, start: 7000)
        let inbox = root.inbox()
        let valid = root.scratchFile("valid.xlsx")
        try Producers.write(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: ids[0])]),
            with: .xlsxwriter, to: valid)

        let corrupt = root.scratchFile("corrupt.xlsx")
        try Producers.truncatedCopy(of: valid, to: corrupt)
        let pdf = root.scratchFile("scan.pdf")
        try Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".utf8)
            .write(to: URL(fileURLWithPath: pdf))
        let empty = root.scratchFile("empty.xlsx")
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        let otherTable = root.scratchFile("other.xlsx")
        try Producers.write(
            SheetSpec(
                sheet: "库存",
                rows: [
                    (1, ["商品", "价格", "数量"]), (2, ["铅笔", .number(1.5), .number(100)]),
                    (3, ["橡皮", .number(2), .number(50)]),
                ]), with: .openpyxl, to: otherTable)
        let lastRow = root.scratchFile("last-row.xlsx")
        var spec = SchoolRoster(candidates: [SchoolRoster.row(name: "李四", id: ids[1])]).spec
        spec.rows.append(.init(number: 1_048_576, cells: SchoolRoster.row(name: "王五", id: ids[2])))
        try Producers.write(spec, with: .xlsxwriter, to: lastRow)
        // ~300 MB of spaces in sheet1.xml, a few hundred KB compressed: far past the default
        // compression ratio limit.
        let bomb = root.scratchFile("bomb.xlsx")
        try Producers.zipBomb(megabytes: 300, to: bomb)
        let oldExcel = try SharedFixtures.libreOffice.get().xls

        let daemon = try root.serve()
        try root.drop(corrupt, into: inbox, as: "损坏.xlsx")
        try root.drop(pdf, into: inbox, as: "扫描件.xlsx")
        try root.drop(empty, into: inbox, as: "空文件.xlsx")
        try root.drop(oldExcel, into: inbox, as: "旧格式.xlsx")
        try root.drop(otherTable, into: inbox, as: "库存表.xlsx")
        try root.drop(lastRow, into: inbox, as: "最后一行.xlsx")
        try root.drop(bomb, into: inbox, as: "炸弹.xlsx")
        try root.drop(valid, into: root.inbox("s1", nil), as: "放错了.xlsx")
        try root.drop(valid, into: root.inbox("s1", "随便"), as: "随便放.xlsx")
        try root.drop(valid, into: inbox, as: "~$考生.xlsx")
        try root.drop(valid, into: inbox, as: ".~lock.考生.xlsx#")

        let expectations: [(stem: String, folder: String, status: String, code: String?)] = [
            ("损坏.已拒绝", root.outbox(), "rejected", "file.corrupt"),
            ("扫描件.已拒绝", root.outbox(), "rejected", "file.not-spreadsheet"),
            ("空文件.已拒绝", root.outbox(), "rejected", "file.empty"),
            ("旧格式.已导入", root.outbox(), "applied", nil),
            ("库存表.已拒绝", root.outbox(), "rejected", "file.no-header"),
            ("最后一行.已导入", root.outbox(), "applied", nil),
            ("炸弹.已拒绝", root.outbox(), "rejected", "file.too-large"),
            ("放错了.已拒绝", root.outbox("s1", nil), "rejected", "file.misplaced"),
            ("随便放.已拒绝", root.outbox("s1", "随便"), "rejected", "file.unknown-folder"),
        ]
        for expected in expectations {
            let report: ReportJSON
            do {
                report = try root.waitForReport(
                    expected.stem, in: expected.folder, timeout: 60, daemon: daemon)
            } catch {
                XCTFail("\(expected.stem): \(error)")
                continue
            }
            XCTAssertEqual(report.status, expected.status, expected.stem)
            XCTAssertEqual(
                report.errors.map(\.code), expected.code.map { [$0] } ?? [],
                "\(expected.stem): \(report.errors.map(\.message))")
        }
        XCTAssertTrue(daemon.isRunning, "the daemon died:\n\(daemon.log.suffix(3000))")

        // The daemon still takes a good file after all that.
        try root.drop(valid, into: inbox, as: "正常.xlsx")
        let good = try root.waitForReport("正常.已导入", timeout: 60, daemon: daemon)
        XCTAssertEqual(good.rows.applied, 1)

        // Lock files are neither claimed nor answered.
        XCTAssertEqual(root.files(under: inbox).sorted(), [".~lock.考生.xlsx#", "~$考生.xlsx"])
        let outbox = root.files(under: root.outbox("s1", nil))
        XCTAssertFalse(outbox.contains { $0.contains("~$") || $0.contains("lock") }, "\(outbox)")

        // Applied: the .xls roster (3 rows), 最后一行 (rows 4 and 1,048,576), 正常 (1 row).
        let byRow = try root.candidates().map { "\($0.createdRow) \($0.name)" }
        XCTAssertEqual(
            byRow.sorted(),
            ["4 张三", "5 单田芳", "6 阿卜杜·热合曼", "4 李四", "1048576 王五", "4 张三"].sorted())
        XCTAssertTrue(daemon.isRunning)
        XCTAssertEqual(daemon.stop(), 0)
    }
}
