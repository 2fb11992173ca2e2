import Crypto
import Foundation
import KaowuCore
import XCTest

/// The photo ZIP kind through the real `kaowu` binary and real folders: candidates imported
/// from an openpyxl workbook first, then ZIPs made by Python's zipfile dropped into
/// `inbox/S001/考生照片导入/` and `kaowu run-once` run, as a clerk and the daemon would.
final class PhotoImportTests: XCTestCase {
    private var root = ""
    private var fixtures = ""
    private var ids: [String] = []

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "kaowu-photos-e2e-" + UUID().uuidString
        fixtures = root + "-fixtures"
        try PhotoCLI.python([PhotoCLI.repository + "/Tests/Fixtures/make_photos.py", fixtures])
        ids = try String(contentsOfFile: fixtures + "/ids.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        try PhotoCLI.kaowu(["init", "--root", root])
        try PhotoCLI.kaowu([
            "institution", "add", "S001", "--name", "照片测试学院", "--role", "school", "--root", root,
        ])
        // Two rosters of 20, so this test does not depend on the .xlsx reader fix of 4fef043
        // (before it, a workbook of 29 rows and more was rejected as file.corrupt).
        for (part, slice) in [(1, ids[0..<20]), (2, ids[20...])] {
            try PhotoCLI.python(
                [
                    "-c",
                    """
                    import sys, openpyxl
                    wb = openpyxl.Workbook(); ws = wb.active
                    ws.append(["姓名", "证件号码", "手机号"])
                    for number in sys.argv[2:]:
                        i = int(number[14:17]) - 1
                        ws.append(["张" + "一二三四五六七八九十"[i % 10] + "甲乙丙丁"[i // 10], number, "13800138000"])
                    wb.save(sys.argv[1])
                    """,
                    root + "/inbox/S001/社会考生导入/考生\(part).xlsx",
                ] + slice)
        }
        try runOnce()
        XCTAssertEqual(try report("社会考生导入", "考生1.已导入").status, .applied)
        XCTAssertEqual(try report("社会考生导入", "考生2.已导入").status, .applied)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
        try? FileManager.default.removeItem(atPath: fixtures)
    }

    private func drop(_ zip: String, as name: String? = nil) throws {
        try FileManager.default.copyItem(
            atPath: fixtures + "/" + zip,
            toPath: root + "/inbox/S001/考生照片导入/" + (name ?? zip))
        try runOnce()
    }

    private func runOnce() throws { try PhotoCLI.kaowu(["run-once", "--root", root]) }

    private func report(_ folder: String, _ stem: String) throws -> JobReport {
        let path = root + "/outbox/S001/" + folder + "/" + stem + ".json"
        return try JSONDecoder().decode(
            JobReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func store() throws -> KaowuStore { try KaowuStore.open(root: KaowuRoot(path: root)) }

    func testGoodZipIsAppliedAndAReplacementIsCounted() throws {
        try drop("good.zip")
        let applied = try report("考生照片导入", "good.已导入")
        XCTAssertEqual(applied.status, .applied)
        XCTAssertEqual(applied.errors, [])
        XCTAssertEqual(applied.rows.total, 6, "metadata and folders are skipped")
        XCTAssertEqual(applied.rows.applied, 6)
        XCTAssertEqual(applied.rows.replaced, 0)
        let entries = try XCTUnwrap(applied.entries)
        // The GBK name written without the UTF-8 flag reads as the clerk typed it.
        XCTAssertEqual(entries[0].entry, "2024级/一班/\(ids[0]).jpg")
        XCTAssertEqual(entries[0].candidateName, "张一甲")
        XCTAssertEqual(entries.map(\.outcome), Array(repeating: .added, count: 6))
        XCTAssertEqual(entries[5].documentNumber, ids[5], "a lowercase x names the same ID")
        XCTAssertEqual(applied.warnings.map(\.code), ["photo.extension-mismatch"])
        XCTAssertEqual(applied.warnings.first?.entry, ids[5].lowercased() + ".jpg")

        let store = try store()
        XCTAssertEqual(try store.photoCount(school: "S001"), 6)
        XCTAssertTrue(
            try store.hasPhoto(
                school: "S001", documentType: .residentIDCard, documentNumber: ids[0]))
        XCTAssertFalse(
            try store.hasPhoto(
                school: "S001", documentType: .residentIDCard, documentNumber: ids[9]))
        let stored = try XCTUnwrap(
            try store.photo(school: "S001", documentType: .residentIDCard, documentNumber: ids[0]))
        let original = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/photos/red.jpg"))
        XCTAssertEqual(stored.data, original)
        XCTAssertEqual(
            stored.sha256, SHA256.hash(data: original).map { String(format: "%02x", $0) }.joined())

        try drop("again.zip")
        let again = try report("考生照片导入", "again.已导入")
        XCTAssertEqual(again.rows.applied, 1)
        XCTAssertEqual(again.rows.replaced, 1)
        XCTAssertEqual(again.entries?.first?.outcome, .replaced)
        XCTAssertEqual(try store.photoCount(school: "S001"), 6)
        let replaced = try XCTUnwrap(
            try store.photo(school: "S001", documentType: .residentIDCard, documentNumber: ids[0]))
        XCTAssertNotEqual(replaced.sha256, stored.sha256)
    }

    func testOneBadPhotoRejectsTheZipAndEveryProblemIsListed() throws {
        try drop("mixed.zip")
        let rejected = try report("考生照片导入", "mixed.已拒绝")
        XCTAssertEqual(rejected.status, .rejected)
        XCTAssertEqual(rejected.rows.applied, 0)
        XCTAssertEqual(try store().photoCount(school: "S001"), 0, "nothing applied")
        var codes: [String: Set<String>] = [:]
        for problem in rejected.errors {
            codes[try XCTUnwrap(problem.entry), default: []].insert(problem.code)
        }
        func expect(
            _ entry: String, _ code: String, file: StaticString = #filePath, line: UInt = #line
        ) {
            XCTAssertTrue(
                codes[entry]?.contains(code) ?? false, "\(entry): \(codes[entry] ?? [])",
                file: file, line: line)
        }
        let variants = [
            "blue.jpg": "photo.background", "white.png": "photo.background",
            "gray.jpg": "photo.background", "cmyk.jpg": "photo.unsupported",
            "transparent.png": "photo.background", "large-pixels.jpg": "photo.dimensions",
            "truncated.jpg": "photo.corrupt", "truncated.png": "photo.corrupt",
            "not-an-image.jpg": "photo.format", "too-large.jpg": "photo.too-large",
        ]
        let order = [
            "blue.jpg", "white.png", "gray.jpg", "cmyk.jpg", "transparent.png",
            "large-pixels.jpg", "truncated.jpg", "truncated.png", "not-an-image.jpg",
            "too-large.jpg",
        ]
        for (i, name) in order.enumerated() {
            expect(ids[10 + i] + "." + (name as NSString).pathExtension, variants[name]!)
        }
        // Two entries for one ID: an error on both.
        expect(ids[30] + ".jpg", "photo.duplicate")
        expect("另一个文件夹/" + ids[30] + ".png", "photo.duplicate")
        expect(ids.last.map { _ in "110105200001010999.jpg" }!, "photo.unknown-candidate")
        expect("名单.xlsx", "photo.name")
        // A traversal name is only a name: checked, nothing written anywhere by it.
        XCTAssertNil(codes["../../etc/" + ids[31] + ".jpg"])
        let traversal = rejected.entries?.first { $0.entry.hasPrefix("../") }
        XCTAssertEqual(traversal?.outcome, .passed)

        let blue = rejected.entries?.first { $0.entry == ids[10] + ".jpg" }
        XCTAssertEqual(blue?.background, .blue)
        XCTAssertEqual(blue?.candidateName, "张一乙")

        // Every decodable rejected photo is shown as a thumbnail in the XLSX report (identical
        // thumbnails share one media file, so the pictures are counted in the drawing).
        let decodableRejected = rejected.entries?.filter {
            $0.outcome == .rejected && $0.width != nil
        }
        XCTAssertEqual(decodableRejected?.count, 8)
        let drawing = try PhotoCLI.zipMember(
            root + "/outbox/S001/考生照片导入/mixed.已拒绝.xlsx", "xl/drawings/drawing1.xml")
        XCTAssertEqual(drawing.components(separatedBy: "<xdr:pic>").count - 1, 8)
    }

    func testHostileAndWrongFilesGetAReport() throws {
        try drop("bomb.zip")
        try drop("corrupt.zip")
        try drop("lone-photo.zip")
        for (stem, code) in [
            ("bomb", "file.too-large"), ("corrupt", "file.corrupt"), ("lone-photo", "file.not-zip"),
        ] {
            let rejected = try report("考生照片导入", stem + ".已拒绝")
            XCTAssertEqual(rejected.errors.map(\.code), [code], stem)
        }
        XCTAssertEqual(try store().photoCount(school: "S001"), 0)
    }

    func testCheckCommandJudgesAZipWithoutApplying() throws {
        let out = root + "/check"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try PhotoCLI.kaowu([
            "check", fixtures + "/good.zip", "--kind", "photos", "--institution", "S001",
            "--out", out, "--root", root,
        ])
        let report = try JSONDecoder().decode(
            JobReport.self,
            from: Data(contentsOf: URL(fileURLWithPath: out + "/good.检查结果.json")))
        XCTAssertEqual(report.status, .applied)
        XCTAssertTrue(report.dryRun)
        XCTAssertEqual(report.entries?.map(\.outcome), Array(repeating: .passed, count: 6))
        XCTAssertEqual(try store().photoCount(school: "S001"), 0)
    }
}

/// The built `kaowu` binary and the tools the photo tests drive.
enum PhotoCLI {
    static let repository = KaowuExecutable.packageRoot

    static func kaowu(_ arguments: [String]) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["KAOWU_SCHEMAS"] = KaowuExecutable.schemas
        environment["KAOWU_LOG_LEVEL"] = "warning"
        try ChildProcess.check(KaowuExecutable.path(), arguments, environment: environment)
    }

    static func python(_ arguments: [String]) throws {
        try ChildProcess.check("/usr/bin/env", ["python3"] + arguments)
    }

    /// One member of a ZIP (an .xlsx), as text, read by Python's zipfile.
    static func zipMember(_ path: String, _ member: String) throws -> String {
        try ChildProcess.check(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
                path, member,
            ]
        ).stdout
    }
}
