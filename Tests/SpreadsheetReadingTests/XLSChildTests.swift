import Foundation
import XCTest

@testable import SpreadsheetReading

/// The daemon's side of reading an .xls in a child: the frames, and every way a child can fail
/// (crash, exit, garbage, hang), each played by a real `/bin/sh` standing in for `kaowu
/// read-xls`. Reading real files through the real child is in EndToEndTests' `XLSChildReadTests`.
final class XLSChildTests: XCTestCase {
    private var directory: URL!
    /// A file that sniffs as OLE2, so that `Workbook.open` hands it to the child.
    private var ole2File: String!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kaowu-xls-child-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ole2File = directory.appendingPathComponent("a.xls").path
        let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        _ = FileManager.default.createFile(atPath: ole2File, contents: Data(magic + [0, 0]))
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    func testFramesRoundTrip() throws {
        let frames: [XLSFrame] = [
            .sheetNames(["考生", "", "日期"]),
            .row(
                SheetRow(
                    number: 65_536,
                    cells: [
                        .empty, .text("张三\r\n"), .number(-1.5e-300), .number(110_105e12),
                        .bool(true), .date(SheetDate(year: 1900, month: 2, day: 29, second: 59)),
                        .error("#N/A"),
                    ])),
            .failure(.tooManyColumns(limit: 200)),
            .failure(.unrecognizedFormat(detected: nil)),
            .done,
        ]
        var bytes: [UInt8] = []
        for frame in frames { frame.encode(into: &bytes) }
        let reader = Self.reader(bytes, maxBytes: bytes.count + 100)
        XCTAssertEqual(try frames.map { _ in try XLSFrame.decode(from: reader) }, frames)
        XCTAssertThrowsError(try XLSFrame.decode(from: reader)) {
            XCTAssert($0 is XLSFrameReader.Ended)
        }
    }

    /// A length field claiming more than the cap is refused before anything is allocated.
    func testDeclaredLengthBeyondTheCapIsTooMuch() throws {
        var bytes: [UInt8] = []
        XLSFrame.sheetNames(["x"]).encode(into: &bytes)
        bytes[5...8] = [0xFF, 0xFF, 0xFF, 0x7F]
        XCTAssertThrowsError(try XLSFrame.decode(from: Self.reader(bytes, maxBytes: 1 << 20))) {
            XCTAssert($0 is XLSFrameReader.TooMuch, "\($0)")
        }
    }

    func testChildKilledBySignalIsCorrupt() throws {
        try assertCorrupt(shell: "kill -SEGV $$", detail: "killed by signal 11")
    }

    func testChildExitingNonZeroIsCorrupt() throws {
        try assertCorrupt(shell: "printf 'N\\001\\000\\000\\000'; exit 3", detail: "exit status 3")
    }

    func testGarbageOutputIsCorrupt() throws {
        try assertCorrupt(shell: "echo garbage", detail: "unknown frame tag")
    }

    func testDoneButNonZeroExitIsCorrupt() throws {
        try assertCorrupt(shell: "printf 'N\\000\\000\\000\\000D'; exit 1", detail: "exit status 1")
    }

    func testHangingChildIsKilledAndCorrupt() throws {
        try assertCorrupt(
            shell: "exec sleep 600", detail: "no output within the wait limit",
            wait: .milliseconds(300))
    }

    func testOutputBeyondTheCapIsTooLarge() throws {
        var limits = ReadLimits()
        limits.maxUncompressedBytes = 1000
        XCTAssertThrowsError(
            try Workbook.open(
                path: ole2File, limits: limits, xls: .child(Self.shell("exec yes NNNN")))
        ) { XCTAssertEqual($0 as? SpreadsheetReadError, .tooLarge(limitBytes: 1000)) }
    }

    /// Stopping the daemon signals its whole cgroup; the child must not die of it mid-file.
    func testChildIgnoresTermination() throws {
        let workbook = try Workbook.open(
            path: ole2File,
            xls: .child(Self.shell("kill -TERM $$; kill -INT $$; printf 'N\\000\\000\\000\\000D'")))
        XCTAssertEqual(workbook.sheetNames, [])
    }

    func testAChildThatCannotStartIsNotTheFilesFault() throws {
        XCTAssertThrowsError(
            try Workbook.open(path: ole2File, xls: .child(XLSChild(command: ["/nonexistent"])))
        ) { XCTAssertNil($0 as? SpreadsheetReadError, "\($0)") }
    }

    private func assertCorrupt(
        shell script: String, detail: String, wait: Duration = .seconds(60),
        line: UInt = #line
    ) throws {
        XCTAssertThrowsError(
            try Workbook.open(path: ole2File, xls: .child(Self.shell(script, wait: wait))),
            line: line
        ) { error in
            guard case .corrupt(let text) = error as? SpreadsheetReadError else {
                return XCTFail("\(error)", line: line)
            }
            XCTAssertTrue(text.contains(detail), text, line: line)
        }
    }

    /// `sh -c script` as the child; the reader's arguments land in `$1...` and are ignored.
    private static func shell(_ script: String, wait: Duration = .seconds(60)) -> XLSChild {
        XLSChild(command: ["/bin/sh", "-c", script, "sh"], waitLimit: wait)
    }

    private static func reader(_ bytes: [UInt8], maxBytes: Int) -> XLSFrameReader {
        var rest = bytes[...]
        return XLSFrameReader(maxBytes: maxBytes) { buffer in
            // Three bytes at a time, so frames straddle refills.
            let chunk = Array(rest.prefix(min(3, buffer.count)))
            chunk.withUnsafeBytes { buffer.copyMemory(from: $0) }
            rest = rest.dropFirst(chunk.count)
            return chunk.count
        }
    }
}
