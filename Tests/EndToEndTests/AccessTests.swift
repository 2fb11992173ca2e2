import Foundation
import XCTest

/// Who may do what, through the real daemon's folders: a school's file reaches only that
/// school's data and learns nothing about another's; a kind outside the role is refused; links
/// in the inbox lead nowhere; personal data on disk is for the daemon's user only.
///
/// Covered elsewhere, not repeated here: batch modify of another school's candidate
/// (`CandidateMaintenanceTests`), registration with another school's candidate and an org's
/// foreign codes (`PlanRegistrationTests`), the same ID in two schools
/// (`InstitutionIsolationTests`), the log of a full run (`LogPrivacyTests`).
final class AccessTests: EndToEndTestCase {
    private let schools = ["s1": "第一职业技术学院", "s2": "第二职业技术学院"]

    func testPhotosForAnotherSchoolsCandidateReadAsForNobody() throws {
        let root = try makeRoot(schools: schools)
        let ids = try Producers.residentIDs(count: 3, start: 14_000)
        let (own, theirs, nobody) = (ids[0], ids[1], ids[2])
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: own)]), as: "考生.xlsx")
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "李四", id: theirs)]), as: "考生.xlsx",
            school: "s2")
        try root.runOnce()

        let photos = root.scratchFile("照片.zip")
        let ownOnly = root.scratchFile("本校照片.zip")
        try ChildProcess.check(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import io, sys, zipfile
                from PIL import Image
                jpeg = io.BytesIO()
                Image.new("RGB", (295, 413), (220, 20, 30)).save(jpeg, "JPEG", quality=90)
                def write(path, names):
                    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                        for name in names:
                            z.writestr(name + ".jpg", jpeg.getvalue())
                write(sys.argv[1], sys.argv[3:])
                write(sys.argv[2], [sys.argv[3]])
                """,
                photos, ownOnly, own, theirs, nobody,
            ])
        try root.drop(photos, into: root.inbox("s1", "考生照片导入"), as: "照片.zip")
        try root.runOnce()
        let report = try root.report(at: root.outbox("s1", "考生照片导入") + "/照片.已拒绝.json")
        XCTAssertEqual(
            report.errors.map(\.code), ["photo.unknown-candidate", "photo.unknown-candidate"],
            "\(report.errors.map(\.message))")
        let messages = zip(report.errors, [theirs, nobody]).map {
            $0.0.message.replacingOccurrences(of: $0.1, with: "#")
        }
        XCTAssertEqual(messages[0], messages[1], "another school's candidate reads as nobody")
        XCTAssertFalse(messages[0].contains("第二"))
        XCTAssertEqual(try root.count("SELECT count(*) FROM candidate_photo"), 0)

        // The same photo for the school's own candidate is fine: the refusal above was the
        // owner, not the picture.
        try root.drop(ownOnly, into: root.inbox("s1", "考生照片导入"), as: "本校照片.zip")
        try root.runOnce()
        let ownReport = try root.report(
            at: root.outbox("s1", "考生照片导入") + "/本校照片.已导入.json")
        XCTAssertEqual(ownReport.rows.applied, 1)
        XCTAssertEqual(
            try root.count(
                "SELECT count(*) FROM candidate_photo p JOIN candidate c ON c.id = p.candidate WHERE c.school = 's2'"
            ), 0)
    }

    func testAKindOutsideTheRoleIsRefusedEvenInAFolderMadeByHand() throws {
        let root = try makeRoot()
        let certificates = root.scratchFile("证书.xlsx")
        try Producers.write(
            SheetSpec(
                sheet: "证书",
                rows: [(1, ["证书代码", "证书名称", "证书等级"]), (2, ["C0001", "Web前端开发", "中级"])]),
            with: .openpyxl, to: certificates)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: root.inbox("s1", "证书")),
            "a school gets no folder for an org's kind")
        try root.drop(certificates, into: root.inbox("s1", "证书"), as: "证书.xlsx")
        try root.runOnce()
        let report = try root.report(at: root.outbox("s1", "证书") + "/证书.已拒绝.json")
        XCTAssertEqual(report.errors.map(\.code), ["file.role-forbidden"])
        XCTAssertEqual(try root.count("SELECT count(*) FROM certificate"), 0)
    }

    func testSymlinksInTheInboxAreNotFollowed() throws {
        let root = try makeRoot(schools: schools)
        let ids = try Producers.residentIDs(count: 2, start: 14_100)
        // A file outside the inbox, a valid roster (so following the link would apply it).
        let outside = root.scratchFile("别处.xlsx")
        try Producers.write(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: ids[0])]),
            with: .openpyxl, to: outside)
        let outsideFolder = root.scratchFile("别处文件夹")
        try FileManager.default.createDirectory(
            atPath: outsideFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: outside, toPath: outsideFolder + "/名单.xlsx")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root.inbox() + "/链接.xlsx", withDestinationPath: outside)
        // s2's kind folder replaced by a link to a folder elsewhere.
        try fm.removeItem(atPath: root.inbox("s2"))
        try fm.createDirectory(atPath: root.inbox("s2", nil), withIntermediateDirectories: true)
        try fm.createSymbolicLink(
            atPath: root.inbox("s2"), withDestinationPath: outsideFolder)
        // A plain file beside them, to know the run did look.
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "李四", id: ids[1])]), as: "正常.xlsx")

        let daemon = try root.serve()
        _ = try root.waitForReport("正常.已导入", daemon: daemon)
        XCTAssertEqual(try root.count("SELECT count(*) FROM job"), 1)
        XCTAssertEqual(try root.candidates().map(\.documentNumber), [ids[1]])
        XCTAssertEqual(try root.candidates(school: "s2"), [])
        XCTAssertTrue(fm.fileExists(atPath: outside), "the link's target is left alone")
        XCTAssertTrue(fm.fileExists(atPath: outsideFolder + "/名单.xlsx"))
        XCTAssertEqual(
            root.files(under: root.outbox()).filter { $0.contains("链接") }, [],
            "a link gets no report")
        XCTAssertEqual(daemon.stop(), 0)
    }

    func testPersonalDataOnDiskIsForTheDaemonsUserOnly() throws {
        let root = try makeRoot()
        let ids = try Producers.residentIDs(count: 1, start: 14_200)
        try root.drop(
            SchoolRoster(candidates: [SchoolRoster.row(name: "张三", id: ids[0])]), as: "考生.xlsx")
        try root.runOnce()
        _ = try root.report(at: root.outbox() + "/考生.已导入.json")

        func mode(_ path: String) throws -> Int {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return try XCTUnwrap(attributes[.posixPermissions] as? NSNumber).intValue
        }
        XCTAssertEqual(try mode(root.path + "/data"), 0o700)
        XCTAssertEqual(try mode(root.path + "/archive"), 0o700)
        for suffix in ["", "-wal", "-shm"]
        where FileManager.default.fileExists(atPath: root.database + suffix) {
            XCTAssertEqual(try mode(root.database + suffix), 0o600, "kaowu.sqlite" + suffix)
        }
        // Inside data/ and archive/ the folder's 0700 guards the files (originals keep the mode
        // the share gave them); the outbox is read by clerks, but no one may change a report.
        for file in root.files(under: root.path + "/outbox") {
            XCTAssertEqual(
                try mode(root.path + "/outbox/" + file) & 0o002, 0,
                "outbox/\(file) is world-writable")
        }
    }
}
