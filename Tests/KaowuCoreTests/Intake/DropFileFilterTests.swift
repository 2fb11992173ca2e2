import XCTest

@testable import KaowuCore

final class DropFileFilterTests: XCTestCase {
    func testLockTempAndSystemFilesAreIgnored() {
        let ignored = [
            "~$考生名单.xlsx", ".~lock.考生名单.xlsx#", ".~考生名单.xlsx", "名单.tmp", "~WRL0001.tmp",
            "名单.XLSX.TMP", "照片.zip.part", "照片.zip.crdownload", ".DS_Store", ".hidden",
            "Thumbs.db", "thumbs.db", "desktop.ini", "Desktop.ini",
        ]
        for name in ignored {
            XCTAssertTrue(DropFileFilter.isIgnored(fileName: name), name)
        }
    }

    func testDropsAreNotIgnored() {
        let drops = [
            "考生名单.xlsx", "考生名单.xls", "考生名单.csv", "照片.zip", "名单~1.xlsx", "a$b.xlsx",
            "tmp.xlsx", "名单.tmp.xlsx", "desktop.ini.xlsx",
        ]
        for name in drops {
            XCTAssertFalse(DropFileFilter.isIgnored(fileName: name), name)
        }
    }

    func testOnlyInstitutionKindFilePlacementIsPlaced() {
        func place(_ path: String) -> (String?, String?, Bool) {
            let p = DropFileFilter.placement(of: path.split(separator: "/"))
            return (p.institution, p.kindFolder, p.misplaced)
        }
        XCTAssert(place("10001/考生导入/名单.xlsx") == ("10001", "考生导入", false))
        XCTAssert(place("名单.xlsx") == (nil, nil, true))
        XCTAssert(place("10001/名单.xlsx") == ("10001", nil, true))
        XCTAssert(place("10001/考生导入/旧/名单.xlsx") == ("10001", "考生导入", true))
    }
}
