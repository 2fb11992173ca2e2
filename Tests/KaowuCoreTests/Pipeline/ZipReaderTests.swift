import Foundation
import Synchronization
import XCTest

@testable import KaowuCore
@testable import KaowuTestSupport

/// ZipReader against ZIPs written at test time by Python's `zipfile` and Info-ZIP's `zip`,
/// some patched afterwards the way damaged or foreign ZIPs arrive. Every entry's bytes are
/// compared with the bytes the script put in, which it also writes out as plain files.
final class ZipReaderTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "kaowu-zip-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Helpers for the scripts, which run in the scratch folder: `put` writes an entry and
    /// `keep`s its bytes; `patch` overwrites bytes of a file; `text` is compressible, `noise`
    /// is not.
    private static let prelude = #"""
        import json, os, random, stat, subprocess, sys, zipfile
        os.chdir(sys.argv[1])
        kept = []
        def keep(name, data): kept.append((name, data))
        def put(z, info, data, method=zipfile.ZIP_DEFLATED):
            z.writestr(info, data, compress_type=method)
            keep(getattr(info, "filename", info), data)
        def text(n, seed=0):
            return b"".join(b"%07d;" % ((i * 7919 + seed) % 1000003) for i in range(n // 8 + 1))[:n]
        def noise(n, seed=0): return random.Random(seed).randbytes(n)
        def patch(path, at, new):
            with open(path, "r+b") as f: f.seek(at); f.write(new)
        def find(path, what):
            b = open(path, "rb").read(); assert b.count(what) == 1, what; return b.index(what)

        """#

    /// Runs `script` after the prelude; returns the entries it kept, in order.
    private func python(_ script: String) throws -> [(name: String, bytes: Data)] {
        let epilogue = """

            for i, (_, data) in enumerate(kept): open(f"expected-{i}", "wb").write(data)
            print(json.dumps([name for name, _ in kept]))
            """
        let output = try runPython(Self.prelude + script + epilogue, directory)
        return try JSONDecoder().decode([String].self, from: output).enumerated().map {
            ($1, try Data(contentsOf: URL(fileURLWithPath: "\(directory!)/expected-\($0)")))
        }
    }

    private func reader(_ file: String, maxEntries: Int = 1000) throws -> ZipReader {
        try ZipReader(path: "\(directory!)/\(file)", maxEntries: maxEntries)
    }

    private func name(_ record: ZipReader.Record) -> String {
        String(decoding: record.rawName, as: UTF8.self)
    }

    private func assertReadsBack(
        _ zip: ZipReader, _ expected: [(name: String, bytes: Data)], line: UInt = #line
    ) {
        XCTAssertEqual(zip.records.map(name), expected.map(\.name), line: line)
        for (record, entry) in Swift.zip(zip.records, expected) {
            XCTAssertEqual(zip.read(record), entry.bytes, entry.name, line: line)
        }
    }

    private func assertOpenFails(
        _ file: String, _ failure: ZipReader.OpenFailure, maxEntries: Int = 1000,
        line: UInt = #line
    ) {
        do {
            let zip = try ZipReader(path: "\(directory!)/\(file)", maxEntries: maxEntries)
            XCTFail("opened with \(zip.records.count) records", line: line)
        } catch {
            XCTAssertEqual(error, failure, line: line)
        }
    }

    private func openArchive(_ file: String) throws -> OpenedArchive {
        let limits = ArchiveLimits(
            maxEntries: 1000, maxTotalBytes: 1 << 30, maxCompressionRatio: 1000)
        return try ArchiveOpening.open(
            path: "\(directory!)/\(file)", limits: limits, skippedNames: []
        ).get()
    }

    func testStoredAndDeflatedEntriesIncludingEmptyAndLarge() throws {
        let expected = try python(
            """
            with zipfile.ZipFile("a.zip", "w") as z:
                for m in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    put(z, f"{m}/empty.jpg", b"", m)
                    put(z, f"{m}/small.txt", b"110105194912310022\\n", m)
                    put(z, f"{m}/large.bin", text(2_000_000, m) + noise(1_000_000, m), m)
            """)
        let zip = try reader("a.zip")
        XCTAssertEqual(zip.records.map(\.method), [0, 0, 0, 8, 8, 8])
        XCTAssertEqual(expected[2].bytes.count, 3_000_000)
        assertReadsBack(zip, expected)
    }

    func testZipCommandLineToolFileAndStreamedOutput() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zip") else {
            throw XCTSkip("/usr/bin/zip is not installed")
        }
        let expected = try python(
            """
            os.makedirs("src/照片")
            for name, data in [("a.txt", text(100_000)), ("empty", b""),
                               ("照片/110105194912310022.jpg", noise(50_000))]:
                open("src/" + name, "wb").write(data); keep(name, data)
            # To a pipe, zip cannot seek back: sizes and CRC follow the data (flag bit 3).
            out = subprocess.run(["zip", "-qr", "-", "."], cwd="src", capture_output=True, check=True)
            open("streamed.zip", "wb").write(out.stdout)
            assert all(i.flag_bits & 8 for i in zipfile.ZipFile("streamed.zip").infolist()
                       if not i.is_dir())
            os.symlink("/etc/passwd", "src/link")
            subprocess.run(["zip", "-qry", "../file.zip", "."], cwd="src", check=True)
            """)
        let files = Dictionary(
            uniqueKeysWithValues: expected.map { ($0.name, Data?.some($0.bytes)) })
        for (file, notFiles) in [("streamed.zip", ["照片/"]), ("file.zip", ["照片/", "link"])] {
            let zip = try reader(file)
            let read = zip.records.filter(\.isFile).map { (name($0), zip.read($0)) }
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: read), files, file)
            XCTAssertEqual(
                Set(zip.records.filter { !$0.isFile }.map(name)), Set(notFiles), file)
            // Info-ZIP writes UTF-8 names without the UTF-8 flag; they are not read as GBK.
            XCTAssertFalse(zip.records.contains(where: \.isUTF8), file)
            XCTAssertEqual(
                Set(try openArchive(file).entries.map(\.path)), Set(files.keys), file)
        }
    }

    func testZip64ExtraFieldsInLocalAndCentralHeaders() throws {
        let expected = try python(
            """
            with zipfile.ZipFile("z64.zip", "w") as z:
                for m in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    info = zipfile.ZipInfo(f"forced-{m}.bin"); info.compress_type = m
                    with z.open(info, "w", force_zip64=True) as f: f.write(text(300_000, m))
                    keep(info.filename, text(300_000, m))
                put(z, "plain.txt", b"plain")
                # From here on every size and offset counts as too large for 32 bits: the
                # directory gets ZIP64 extra fields and the archive a ZIP64 end record.
                zipfile.ZIP64_LIMIT = -1
            b = open("z64.zip", "rb").read()
            assert b[30 + len("forced-0.bin"):][:2] == b"\\x01\\x00"  # local ZIP64 extra
            c = b.index(b"PK\\x01\\x02")
            assert b[c + 20:c + 28] == b"\\xff" * 8 and b[c + 42:c + 46] == b"\\xff" * 4
            assert b"PK\\x06\\x06" in b
            """)
        let zip = try reader("z64.zip")
        XCTAssertEqual(zip.records.map(\.uncompressedSize), [300_000, 300_000, 5])
        assertReadsBack(zip, expected)
    }

    func testZip64EndRecordOf65536Entries() throws {
        let expected = try python(
            """
            with zipfile.ZipFile("many.zip", "w") as z:
                for i in range(65536):
                    if i in (0, 65535): put(z, "%05d" % i, text(1000, i))
                    else: z.writestr("%05d" % i, b"")
            assert open("many.zip", "rb").read()[-12:-10] == b"\\xff\\xff"
            """)
        let zip = try reader("many.zip", maxEntries: 65536)
        XCTAssertEqual(zip.records.count, 65536)
        let ends = [zip.records[0], zip.records[65535]]
        XCTAssertEqual(ends.map(name), expected.map(\.name))
        XCTAssertEqual(ends.map { zip.read($0) }, expected.map(\.bytes))
        assertOpenFails("many.zip", .tooManyEntries(65536), maxEntries: 65535)
    }

    func testUTF8FlaggedAndGBKNames() throws {
        _ = try python(
            """
            gbk = "2025级照片/110105194912310023.jpg".encode("gbk")
            stand_in = b"G" * len(gbk)
            with zipfile.ZipFile("names.zip", "w") as z:
                put(z, "2025级照片/110105194912310022.jpg", b"utf-8")
                put(z, stand_in.decode(), b"gbk")  # ASCII: no UTF-8 flag
            b = open("names.zip", "rb").read()
            assert b.count(stand_in) == 2
            open("names.zip", "wb").write(b.replace(stand_in, gbk))
            """)
        XCTAssertEqual(try reader("names.zip").records.map(\.isUTF8), [true, false])
        let archive = try openArchive("names.zip")
        XCTAssertEqual(
            archive.entries.map(\.path),
            ["2025级照片/110105194912310022.jpg", "2025级照片/110105194912310023.jpg"])
        XCTAssertEqual(
            archive.entries.map { archive.read($0) }, [Data("utf-8".utf8), Data("gbk".utf8)])
    }

    func testFoldersAndSymbolicLinksAreNotFiles() throws {
        _ = try python(
            """
            with zipfile.ZipFile("types.zip", "w") as z:
                z.writestr("照片/", b"")
                link = zipfile.ZipInfo("照片/110105194912310021.jpg")
                link.create_system = 3
                link.external_attr = (stat.S_IFLNK | 0o777) << 16
                z.writestr(link, b"/etc/passwd")
                z.writestr("照片/110105194912310022.jpg", b"jpeg")
            """)
        let zip = try reader("types.zip")
        XCTAssertEqual(zip.records.map(\.isFile), [false, false, true])
        let archive = try openArchive("types.zip")
        XCTAssertEqual(archive.entries.map(\.path), ["照片/110105194912310022.jpg"])
    }

    func testCRCMismatchFailsOnlyThatEntry() throws {
        let expected = try python(
            """
            with zipfile.ZipFile("crc.zip", "w") as z:
                put(z, "a.txt", b"first-entry-" * 10, zipfile.ZIP_STORED)
                put(z, "b.txt", b"second-entry-" * 10, zipfile.ZIP_STORED)
            patch("crc.zip", find("crc.zip", b"first-entry-" * 10) + 3, b"X")
            """)
        let zip = try reader("crc.zip")
        XCTAssertNil(zip.read(zip.records[0]))
        XCTAssertEqual(zip.read(zip.records[1]), expected[1].bytes)
    }

    func testDeclaredSizeOtherThanTheTruthFails() throws {
        let expected = try python(
            """
            import struct
            for file, declared in (("smaller.zip", 99_999), ("larger.zip", 100_001)):
                with zipfile.ZipFile(file, "w") as z:
                    put(z, "a.txt", text(100_000))
                patch(file, find(file, b"PK\\x01\\x02") + 24, struct.pack("<I", declared))
            """)
        XCTAssertEqual(expected[0].bytes.count, 100_000)
        for (file, declared) in [("smaller.zip", 99_999), ("larger.zip", 100_001)] {
            let zip = try reader(file)
            XCTAssertEqual(zip.records[0].uncompressedSize, Int64(declared))
            XCTAssertNil(zip.read(zip.records[0]), file)
        }
    }

    func testDamagedDirectoryEmptyNotZipAndTruncatedFiles() throws {
        _ = try python(
            """
            with zipfile.ZipFile("signature.zip", "w") as z:
                put(z, "a.txt", text(20_000), zipfile.ZIP_STORED)
                put(z, "b.txt", text(20_000, 1), zipfile.ZIP_STORED)
            b = open("signature.zip", "rb").read()
            patch("signature.zip", b.rindex(b"PK\\x01\\x02"), b"PK\\x00\\x00")
            open("truncated.zip", "wb").write(b[:len(b) // 2])
            open("empty.zip", "wb").close()
            open("roster.zip", "w").write("姓名,证件号码\\n")
            """)
        assertOpenFails("signature.zip", .damaged)
        assertOpenFails("truncated.zip", .damaged)
        assertOpenFails("empty.zip", .empty)
        assertOpenFails("roster.zip", .notZip)
        assertOpenFails("missing.zip", .unreadable)
    }

    func testMoreEntriesThanAllowed() throws {
        _ = try python(
            """
            with zipfile.ZipFile("ten.zip", "w") as z:
                for i in range(10): put(z, f"{i}.txt", b"%d" % i)
            """)
        assertOpenFails("ten.zip", .tooManyEntries(10), maxEntries: 9)
        XCTAssertEqual(try reader("ten.zip", maxEntries: 10).records.count, 10)
    }

    func testEncryptedFlagFailsTheEntry() throws {
        let expected = try python(
            """
            with zipfile.ZipFile("flag.zip", "w") as z:
                put(z, "secret.txt", b"secret" * 100)
                put(z, "open.txt", b"open" * 100)
            b = open("flag.zip", "rb").read()
            for at in (b.index(b"PK\\x03\\x04") + 6, b.index(b"PK\\x01\\x02") + 8):
                patch("flag.zip", at, bytes([b[at] | 1]))
            """)
        let zip = try reader("flag.zip")
        XCTAssertEqual(zip.records.map(\.isEncrypted), [true, false])
        XCTAssertNil(zip.read(zip.records[0]))
        XCTAssertEqual(zip.read(zip.records[1]), expected[1].bytes)
    }

    func testReadsFromManyThreadsAtOnce() throws {
        let expected = try python(
            """
            with zipfile.ZipFile("photos.zip", "w") as z:
                for i in range(200):
                    m = zipfile.ZIP_DEFLATED if i % 2 else zipfile.ZIP_STORED
                    put(z, f"{110105194912310000 + i}.jpg", text(i * 97, i) + noise(i * 41, i), m)
            """)
        let zip = try reader("photos.zip")
        XCTAssertEqual(zip.records.map(name), expected.map(\.name))
        let tally = Mutex((reads: 0, mismatches: 0))
        DispatchQueue.concurrentPerform(iterations: 16) { pass in
            var wrong = 0
            for n in 0..<200 {
                let i = (n + pass * 13) % 200
                if zip.read(zip.records[i]) != expected[i].bytes { wrong += 1 }
            }
            tally.withLock { $0 = ($0.reads + 200, $0.mismatches + wrong) }
        }
        tally.withLock {
            XCTAssertEqual($0.reads, 3200)
            XCTAssertEqual($0.mismatches, 0)
        }
    }
}
