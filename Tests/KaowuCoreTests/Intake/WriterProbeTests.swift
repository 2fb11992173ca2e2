import Foundation
import XCTest

@testable import KaowuCore

/// The kernel's answer through a read lease: these tests run as the files' owner (or root).
final class WriterProbeTests: XCTestCase {
    func testAFileOpenForWritingIsSeenUntilItIsClosed() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("kaowu-probe-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        XCTAssertEqual(WriterProbe.isOpenForWriting(path), false)

        let writer = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        XCTAssertEqual(WriterProbe.isOpenForWriting(path), true)
        let reader = try XCTUnwrap(FileHandle(forReadingAtPath: path))
        try writer.close()
        XCTAssertEqual(WriterProbe.isOpenForWriting(path), false, "a reader is no writer")
        try reader.close()
    }

    func testAMissingFileGetsNoAnswer() {
        XCTAssertNil(WriterProbe.isOpenForWriting("/nonexistent/kaowu-probe"))
    }
}
