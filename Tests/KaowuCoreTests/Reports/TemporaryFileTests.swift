import Foundation
import XCTest

@testable import KaowuCore

/// A temporary file is named for what it becomes, so a rerun reuses a crash's leftover, and is
/// held exclusively: a second writer of the same file is refused until the first is done.
final class TemporaryFileTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "temporary-file-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: directory)
    }

    func testNamedForWhatItBecomesAndHeldUntilReleased() throws {
        let final = directory + "/名单.已导入.json"
        // What a crash left: a half-written file under the same name.
        let leftover = directory + "/.~kaowu-名单.已导入.json.tmp"
        try Data("half".utf8).write(to: URL(fileURLWithPath: leftover))

        var first: TemporaryFile? = try TemporaryFile(becoming: final)
        XCTAssertEqual(first?.path, leftover)
        XCTAssertThrowsError(try TemporaryFile(becoming: final)) { error in
            XCTAssertTrue("\(error)".contains("另一个 kaowu 进程正在写入"), "\(error)")
        }
        first = nil
        let second = try TemporaryFile(becoming: final)
        XCTAssertEqual(second.path, leftover)
        XCTAssertNotNil(try TemporaryFile(becoming: directory + "/另一个.xlsx"))
    }

    func testAFailedWriteLeavesNothing() throws {
        struct Failed: Error {}
        let file = try TemporaryFile(becoming: directory + "/考生信息.xlsx")
        XCTAssertThrowsError(
            try file.write { path in
                try Data("half".utf8).write(to: URL(fileURLWithPath: path))
                throw Failed()
            })
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
    }

    func testAFolderThatCannotBeWrittenIsSaidSo() {
        XCTAssertThrowsError(try TemporaryFile(becoming: directory + "/没有/名单.xlsx")) { error in
            XCTAssertTrue("\(error)".contains("无法写入"), "\(error)")
        }
    }
}
