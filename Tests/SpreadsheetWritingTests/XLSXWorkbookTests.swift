import Foundation
import SpreadsheetReading
import SpreadsheetWriting
import XCTest

@testable import KaowuTestSupport

final class XLSXWorkbookTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("xlsx-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// libxlsxwriter asks minizip for zlib's default level; CXlsxWriterDeflate turns that into
    /// the fastest one. minizip records the level in each entry's general-purpose flags (bits
    /// 1–2: 11 for level 1, 00 for the default), which tells whether the shim was called.
    func testEveryPartIsDeflatedAtTheFastestLevel() throws {
        let file = path("fast.xlsx")
        let workbook = try XLSXWorkbook(path: file, constantMemory: true)
        let sheet = try workbook.addWorksheet(name: "数据")
        for row in 0..<2_000 { try sheet.write("考生\(row)", row: row, column: 0) }
        try workbook.close()

        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        var flags: [String: UInt16] = [:]
        var offset = 0
        let signature = Data([0x50, 0x4B, 0x03, 0x04])
        while let found = bytes.range(of: signature, in: offset..<bytes.count) {
            let at = found.lowerBound
            func uint16(_ delta: Int) -> UInt16 {
                UInt16(bytes[at + delta]) | UInt16(bytes[at + delta + 1]) << 8
            }
            let nameLength = Int(uint16(26))
            let name = String(decoding: bytes[(at + 30)..<(at + 30 + nameLength)], as: UTF8.self)
            XCTAssertEqual(uint16(8), 8, "\(name) is deflated")
            flags[name] = uint16(6) & 0b110
            offset = at + 4
        }
        XCTAssertNotNil(flags["xl/worksheets/sheet1.xml"])
        XCTAssertEqual(Set(flags.values), [0b110], "\(flags)")
    }

    /// A part larger than one chunk (256 KiB) is deflated on one thread per core in chunks
    /// (CXlsxWriterDeflate), each primed with the end of the one before: together they must
    /// make one deflate stream that inflates to the part, under the part's CRC-32. Two
    /// workbooks are closed at once, as a report and an export can be. Python's zipfile
    /// inflates and checks every part; kaowu's reader (which checks CRC-32 too) reads the rows.
    func testLargePartsDeflatedOnSeveralThreadsInflateToTheirRows() throws {
        let files = [path("large-1.xlsx"), path("large-2.xlsx")]
        let rows = 60_000  // about 8 MB of sheet XML: the ring of chunks goes round many times
        @Sendable func value(_ row: Int, in file: Int) -> String {
            "考生\(file)-\(row * 7919 % 100_003)"
        }
        let failures = LockedFailures()
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            do {
                let workbook = try XLSXWorkbook(path: files[i], constantMemory: true)
                let sheet = try workbook.addWorksheet(name: "数据")
                for row in 0..<rows {
                    try sheet.write(value(row, in: i), row: row, column: 0)
                    try sheet.write(Double(row), row: row, column: 1)
                }
                try workbook.close()
            } catch {
                failures.add("\(files[i]): \(error)")
            }
        }
        XCTAssertEqual(failures.all, [])

        for (i, file) in files.enumerated() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c",
                "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() or 0)", file,
            ]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(file): a part does not inflate")

            var next = 0
            try Workbook.open(path: file, limits: ReadLimits(), xls: .inProcess)
                .forEachRow(sheet: 0) { row in
                    XCTAssertEqual(row.number, next + 1)
                    XCTAssertEqual(row.cells.first, .text(value(next, in: i)))
                    XCTAssertEqual(row.cells.last, .number(Double(next)))
                    next += 1
                }
            XCTAssertEqual(next, rows, file)
        }
    }

    /// A workbook that cannot be written (a full disk: /dev/full, where minizip's first flush
    /// fails) fails its close, and the next large workbook on the same thread is whole: the
    /// failed part's state is not left for it to meet.
    func testAWorkbookFailedOnAFullDiskLeavesTheNextOneWhole() throws {
        func writeLarge(to file: String) throws {
            let workbook = try XLSXWorkbook(path: file, constantMemory: true)
            let sheet = try workbook.addWorksheet(name: "数据")
            for row in 0..<30_000 { try sheet.write("考生\(row)", row: row, column: 0) }
            try workbook.close()
        }
        XCTAssertThrowsError(try writeLarge(to: "/dev/full"))
        let file = path("after-full.xlsx")
        try writeLarge(to: file)
        var rows = 0
        try Workbook.open(path: file, limits: ReadLimits(), xls: .inProcess)
            .forEachRow(sheet: 0) { row in
                XCTAssertEqual(row.cells.first, .text("考生\(rows)"))
                rows += 1
            }
        XCTAssertEqual(rows, 30_000)
    }

    func testValuesRoundTripAsTheirTypes() throws {
        let file = path("values.xlsx")
        let workbook = try XLSXWorkbook(path: file)
        let sheet = try workbook.addWorksheet(name: "数据")
        let date = workbook.addFormat(CellStyle(numberFormat: "yyyy-mm-dd"))
        let text = workbook.addFormat(CellStyle(numberFormat: CellStyle.textFormat))
        try sheet.write("张三", row: 0, column: 0)
        try sheet.write("=1+1", row: 0, column: 1)
        try sheet.write(110105.5, row: 0, column: 2)
        try sheet.write(true, row: 0, column: 3)
        try sheet.write(
            DateComponents(year: 2024, month: 9, day: 1), row: 0, column: 4, format: date)
        try sheet.writeBlank(row: 0, column: 5, format: text)
        try sheet.write("110105200001011234", row: 1, column: 0, format: text)
        try workbook.close()

        let cells = try WorkbookDump.read(file)["数据"].cells
        XCTAssertEqual(cells["A1"]?.value, .text("张三"))
        // Never a formula: the text is stored as a string and read back as typed.
        XCTAssertEqual(cells["B1"]?.value, .text("=1+1"))
        XCTAssertEqual(cells["B1"]?.type, "s")
        XCTAssertEqual(cells["C1"]?.value, .number(110105.5))
        XCTAssertEqual(cells["D1"]?.value, .bool(true))
        XCTAssertEqual(cells["E1"]?.value, .text("2024-09-01T00:00:00"))
        XCTAssertEqual(cells["E1"]?.type, "d")
        XCTAssertEqual(cells["F1"]?.numberFormat, "@")
        XCTAssertNil(cells["F1"]?.value)
        XCTAssertEqual(cells["A2"]?.value, .text("110105200001011234"))
        XCTAssertEqual(cells["A2"]?.numberFormat, "@")
    }

    func testUnsafeTextIsSanitisedAndTruncatedAtACharacterBoundary() throws {
        let file = path("text.xlsx")
        let workbook = try XLSXWorkbook(path: file, constantMemory: true)
        let sheet = try workbook.addWorksheet(name: "S")
        try sheet.write("张\u{01}三\u{0B}\n李四", row: 0, column: 0)
        // 20,000 emoji are 40,000 UTF-16 units; cutting must not split one.
        try sheet.write(String(repeating: "😀", count: 20_000), row: 1, column: 0)
        try sheet.write("a" + String(repeating: "汉", count: 40_000), row: 2, column: 0)
        try workbook.close()

        let cells = try WorkbookDump.read(file)["S"].cells
        XCTAssertEqual(cells["A1"]?.value, .text("张\u{FFFD}三\u{FFFD}\n李四"))
        guard case .text(let emoji)? = cells["A2"]?.value,
            case .text(let han)? = cells["A3"]?.value
        else { return XCTFail("long texts missing") }
        XCTAssertEqual(emoji, String(repeating: "😀", count: 16_383))
        XCTAssertEqual(han.count, 32_767)
        XCTAssertTrue(han.hasPrefix("a汉"))
    }

    func testFormatsLayoutAndDropdowns() throws {
        let file = path("layout.xlsx")
        let workbook = try XLSXWorkbook(path: file)
        let sheet = try workbook.addWorksheet(name: "表")
        let header = workbook.addFormat(
            CellStyle(bold: true, fontColor: 0xC00000, fillColor: 0xFFC7CE, wrapText: true))
        XCTAssertEqual(
            workbook.addFormat(CellStyle(bold: true)),
            workbook.addFormat(CellStyle(bold: true)))
        XCTAssertNotEqual(workbook.addFormat(CellStyle(bold: true)), header)
        try sheet.merge(CellRange(rows: 0...0, columns: 0...2), text: "标题", format: header)
        try sheet.write("等级", row: 1, column: 0, format: header)
        try sheet.setColumnWidth(24, columns: 0...0)
        try sheet.setRowHeight(40, row: 0)
        try sheet.freezePanes(row: 2)
        try sheet.setAutofilter(CellRange(rows: 1...5, columns: 0...2))
        try sheet.addListValidation(
            CellRange(rows: 2...10, columns: 0...0), values: ["初级", "中级", "高级"],
            errorMessage: "请从下拉列表中选择")
        try sheet.setPrintLayout(landscape: true, fitToWidth: true, repeatRows: 1...1)
        try sheet.hideGridlines()
        let options = try workbook.addWorksheet(name: "选项")
        try options.write("甲", row: 0, column: 0)
        try options.hide()
        try sheet.addListValidation(
            CellRange(rows: 2...10, columns: 1...1), source: "'选项'!$A$1:$A$1")
        try workbook.close()

        let dump = try WorkbookDump.read(file)
        XCTAssertEqual(dump.sheets, ["表", "选项"])
        XCTAssertEqual(dump.hidden, ["选项"])
        let table = dump["表"]
        XCTAssertEqual(table.merged, ["A1:C1"])
        XCTAssertEqual(table.cells["A1"]?.value, .text("标题"))
        XCTAssertEqual(table.cells["A2"]?.bold, true)
        XCTAssertEqual(table.cells["A2"]?.fontColor, "C00000")
        XCTAssertEqual(table.cells["A2"]?.fill, "FFC7CE")
        XCTAssertEqual(table.cells["A2"]?.wrap, true)
        XCTAssertEqual(table.freeze, "A3")
        XCTAssertEqual(table.filter, "A2:C6")
        XCTAssertEqual(table.heights["1"], 40)
        XCTAssertEqual(table.widths["A"] ?? 0, 24, accuracy: 1)
        XCTAssertEqual(table.validations.count, 2)
        XCTAssertEqual(table.validations.first?.range, "A3:A11")
        XCTAssertEqual(table.validations.first?.formula, "\"初级,中级,高级\"")
        XCTAssertEqual(table.validations.first?.error, "请从下拉列表中选择")
        XCTAssertEqual(table.validations.last?.formula, "'选项'!$A$1:$A$1")
        XCTAssertEqual(table.orientation, "landscape")
        XCTAssertEqual(table.paperSize, "9")
        XCTAssertEqual(table.fitToWidth, 1)
        XCTAssertEqual(table.printTitleRows, "$2:$2")
        XCTAssertFalse(table.gridlines)
    }

    func testCommentsWorkInConstantMemoryModeOnTheCurrentRow() throws {
        let file = path("comments.xlsx")
        let workbook = try XLSXWorkbook(path: file, constantMemory: true)
        let sheet = try workbook.addWorksheet(name: "S")
        try sheet.write("110105", row: 0, column: 0)
        try sheet.writeComment(
            "错误：证件号码校验位不正确，请核对后重新填写。", row: 0, column: 0,
            author: "kaowu")
        try sheet.write("next", row: 1, column: 0)
        // Row 1 is flushed now: a late comment or cell there must fail loudly, not vanish.
        XCTAssertThrowsError(try sheet.writeComment("late", row: 0, column: 1))
        XCTAssertThrowsError(try sheet.write("late", row: 0, column: 1)) { error in
            XCTAssertTrue("\(error)".contains("A1") || "\(error)".contains("B1"), "\(error)")
        }
        try workbook.close()

        let cell = try WorkbookDump.read(file)["S"].cells["A1"]
        XCTAssertEqual(cell?.comment, "错误：证件号码校验位不正确，请核对后重新填写。")
        XCTAssertEqual(cell?.author, "kaowu")
    }

    func testImagesFromFileAndFromMemory() throws {
        let png = path("photo.png")
        try makePNG(at: png)
        let file = path("images.xlsx")
        let workbook = try XLSXWorkbook(path: file)
        let sheet = try workbook.addWorksheet(name: "照片")
        try sheet.insertImage(path: png, row: 0, column: 0, scale: 0.5)
        try sheet.insertImage(
            data: try Data(contentsOf: URL(fileURLWithPath: png)),
            row: 5, column: 0)
        XCTAssertThrowsError(try sheet.insertImage(path: path("missing.png"), row: 9, column: 0))
        XCTAssertThrowsError(
            try sheet.insertImage(data: Data("not an image".utf8), row: 9, column: 0))
        try workbook.close()

        XCTAssertEqual(try WorkbookDump.read(file)["照片"].images, 2)
    }

    func testRefusalsThrowClearErrors() throws {
        let workbook = try XLSXWorkbook(path: path("refused.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        XCTAssertThrowsError(try workbook.addWorksheet(name: "S"))
        XCTAssertThrowsError(try workbook.addWorksheet(name: "a/b"))
        XCTAssertThrowsError(try workbook.addWorksheet(name: String(repeating: "长", count: 32)))
        XCTAssertThrowsError(try sheet.write("x", row: -1, column: 0))
        XCTAssertThrowsError(try sheet.write("x", row: 0, column: XLSXWorksheet.columnLimit))
        XCTAssertThrowsError(try sheet.write(Double.nan, row: 0, column: 0))
        let many = (1...60).map { "选项\($0)" }
        XCTAssertThrowsError(
            try sheet.addListValidation(CellRange(rows: 0...1, columns: 0...0), values: many)
        ) { error in
            XCTAssertTrue("\(error)".contains("255"), "\(error)")
        }
        try workbook.close()
        XCTAssertThrowsError(try workbook.close())
        XCTAssertThrowsError(try sheet.write("after", row: 0, column: 0)) { error in
            XCTAssertTrue("\(error)".contains("closed"), "\(error)")
        }
    }

    func testCloseReportsWhyTheFileCannotBeWritten() throws {
        let workbook = try XLSXWorkbook(path: path("no-such-dir/out.xlsx"))
        _ = try workbook.addWorksheet(name: "S")
        XCTAssertThrowsError(try workbook.close()) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("no-such-dir/out.xlsx"), text)
            XCTAssertTrue(text.lowercased().contains("creat"), text)  // lxw_strerror's words
        }
    }

    func testAbandonedWorkbookWritesNothing() throws {
        let file = path("abandoned.xlsx")
        do {
            let workbook = try XLSXWorkbook(path: file)
            try workbook.addWorksheet(name: "S").write("x", row: 0, column: 0)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }

    /// A real 2×3 red PNG, written by Python's zlib (no imaging library needed).
    private func makePNG(at path: String) throws {
        let script = """
            import struct, sys, zlib
            def chunk(kind, data):
                body = kind + data
                return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body))
            rows = b''.join(b'\\x00' + b'\\xff\\x00\\x00' * 2 for _ in range(3))
            png = (b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 2, 3, 8, 2, 0, 0, 0))
                   + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
            open(sys.argv[1], 'wb').write(png)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }
}

/// Failures gathered from several threads.
private final class LockedFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String] = []

    func add(_ failure: String) { lock.withLock { failures.append(failure) } }
    var all: [String] { lock.withLock { failures } }
}
