import Foundation
import XCTest

/// Hostile files and names through the real daemon: each gets its clear rejection (or, for a
/// name that cannot be spelled, a clear log line), nothing is applied, and the daemon keeps
/// taking good files. The readers' own answers to such files are in `HostileFileTests`; the
/// files here are made by `Tests/Fixtures/make_hostile.py` from real openpyxl workbooks.
final class HostileCorpusTests: EndToEndTestCase {
    private static let makeHostile =
        KaowuExecutable.packageRoot + "/Tests/Fixtures/make_hostile.py"

    func testHostileSpreadsheetsAreRejectedClearly() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 2, start: 15_000)
        let corpus = root.scratchFile("corpus")
        try ChildProcess.check("/usr/bin/env", ["python3", Self.makeHostile, corpus] + ids)
        let daemon = try root.serve()
        let expected = [
            ("xxe", "file.forbidden-content"), ("laughs", "file.forbidden-content"),
            ("columns", "file.too-many-columns"), ("strings", "file.too-large"),
            ("declared", "file.too-large"),
        ]
        for (name, _) in expected {
            try root.drop(corpus + "/\(name).xlsx", into: root.inbox(), as: "\(name).xlsx")
        }
        for (name, code) in expected {
            let report = try root.waitForReport("\(name).已拒绝", timeout: 120, daemon: daemon)
            XCTAssertEqual(report.errors.map(\.code), [code], "\(name): \(report.errors)")
        }
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 0)

        // A formula is never evaluated: a cell with no value saved beside it reads as blank
        // (姓名 is required), and the report's copy of the row holds no formula.
        try root.drop(corpus + "/formula.xlsx", into: root.inbox(), as: "公式.xlsx")
        let formula = try root.waitForReport("公式.已拒绝", daemon: daemon)
        XCTAssertEqual(
            formula.errors.map(\.code), ["required", "cn-mobile.format"], "\(formula.errors)")
        let sheets = try ChildProcess.check(
            "/usr/bin/unzip", ["-p", root.outbox() + "/公式.已拒绝.xlsx", "xl/worksheets/*.xml"]
        ).stdout
        XCTAssertFalse(sheets.contains("<f>") || sheets.contains("<f "), "a live formula")
        XCTAssertTrue(daemon.isRunning)
        XCTAssertEqual(daemon.stop(), 0)
    }

    func testHostileNamesInTheInboxNeverStopTheDaemon() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 3, start: 15_100)
        func roster(_ id: String) throws -> String {
            let path = root.scratchFile(UUID().uuidString + ".xlsx")
            try Producers.write(
                SchoolRoster(candidates: [SchoolRoster.row(name: "考生", id: id)]),
                with: .openpyxl, to: path)
            return path
        }
        let long = String(repeating: "长", count: 83) + ".xlsx"  // 254 bytes
        XCTAssertEqual(long.utf8.count, 254)
        let daemon = try root.serve()
        try root.drop(try roster(ids[0]), into: root.inbox(), as: "第一行\n第二行.xlsx")
        try root.drop(try roster(ids[1]), into: root.inbox(), as: long)
        // Bytes that are not UTF-8 (what a share mounted with the wrong charset shows).
        try ChildProcess.check(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import os, shutil, sys; shutil.copy(sys.argv[1], os.fsencode(sys.argv[2])"
                    + " + b'/bad\\xff\\xfe.xlsx')",
                try roster(ids[2]), root.inbox(),
            ])

        XCTAssertEqual(
            try root.waitForReport("第一行\n第二行.已导入", daemon: daemon).rows.applied, 1)
        let shortened = try waitForOneReport(in: root, prefix: "长", daemon: daemon)
        XCTAssertEqual(shortened.rows.applied, 1)
        try waitUntil("日志说明文件名无法识别") {
            daemon.log.contains("file name is not valid UTF-8")
        }
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate"), 2)
        XCTAssertEqual(root.files(under: root.work), [])
        XCTAssertTrue(daemon.isRunning)

        // The inbox is not stuck: the next good file goes through.
        try root.drop(try roster(ids[2]), into: root.inbox(), as: "正常.xlsx")
        XCTAssertEqual(try root.waitForReport("正常.已导入", daemon: daemon).rows.applied, 1)
        XCTAssertEqual(daemon.stop(), 0)
    }

    /// `run-once` says what `serve` says of a name that is not UTF-8, and leaves the file.
    func testRunOnceLogsANameThatIsNotUTF8() throws {
        let root = try makeRoot()
        let id = try XCTUnwrap(Producers.residentIDs(count: 1, start: 15_300).first)
        let roster = root.scratchFile("roster.xlsx")
        try Producers.write(
            SchoolRoster(candidates: [SchoolRoster.row(name: "考生", id: id)]), with: .openpyxl,
            to: roster)
        try ChildProcess.check(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import os, shutil, sys; shutil.copy(sys.argv[1], os.fsencode(sys.argv[2])"
                    + " + b'/bad\\xff\\xfe.xlsx')",
                roster, root.inbox(),
            ])
        let result = try root.runOnce()
        XCTAssertTrue(
            result.stderr.contains("file name is not valid UTF-8"), result.stderr + result.stdout)
        // Foundation cannot list the name; ls can.
        let left = try ChildProcess.check("/bin/ls", ["-b", root.inbox()]).stdout
        XCTAssertEqual(left.split(separator: "\n").count, 1, left)
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 0)
    }

    /// Photo ZIP entries are names only: nothing is extracted, so a `../` name writes nothing
    /// outside (the photo is judged by its last component), and a symlink entry is not a photo
    /// and its target is never read.
    func testZipSlipNamesAndSymlinkEntriesInAPhotoZip() throws {
        let root = try makeRoot()
        let id = try XCTUnwrap(Producers.residentIDs(count: 1, start: 15_200).first)
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: id)]), as: "考生.xlsx")
        try root.runOnce()
        let outside = root.scratchFile("slip-target")
        let slip = root.scratchFile("slip.zip")
        let link = root.scratchFile("link.zip")
        try ChildProcess.check(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import io, stat, sys, zipfile
                from PIL import Image
                slip, link, outside, number = sys.argv[1:]
                jpeg = io.BytesIO()
                Image.new("RGB", (295, 413), (220, 20, 30)).save(jpeg, "JPEG", quality=90)
                with zipfile.ZipFile(slip, "w") as z:
                    z.writestr("../../../../.." + outside + "/" + number + ".jpg", jpeg.getvalue())
                with zipfile.ZipFile(link, "w") as z:
                    info = zipfile.ZipInfo(number + ".jpg")
                    info.create_system = 3
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    z.writestr(info, "/etc/passwd")
                """,
                slip, link, outside, id,
            ])
        let folder = root.inbox("s1", "考生照片导入")
        try root.drop(slip, into: folder, as: "slip.zip")
        try root.drop(link, into: folder, as: "link.zip")
        try root.runOnce()
        let photos = root.outbox("s1", "考生照片导入")
        XCTAssertEqual(try root.report(at: photos + "/slip.已导入.json").rows.applied, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside), "written outside")
        let linked = try root.report(at: photos + "/link.已拒绝.json")
        XCTAssertEqual(linked.errors.map(\.code), ["file.no-entries"])
    }

    /// The JSON report whose name starts with `prefix`, once exactly one is there.
    private func waitForOneReport(in root: TestRoot, prefix: String, daemon: KaowuDaemon) throws
        -> ReportJSON
    {
        var found: [String] = []
        try waitUntil("以“\(prefix)”开头的报告\n\(daemon.log.suffix(2000))") {
            found = root.files(under: root.outbox()).filter {
                $0.hasPrefix(prefix) && $0.hasSuffix(".json")
            }
            return !found.isEmpty
        }
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertLessThanOrEqual(found[0].utf8.count, 255)
        return try root.report(at: root.outbox() + "/" + found[0])
    }
}
