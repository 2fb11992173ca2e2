import Foundation
import PhotoDecoding
import XCTest

@testable import KaowuCore

/// The photo rules on photos Pillow drew (a face, hair and a dark jacket on a plain
/// background), and the background judgement on pixels made to mislead it.
final class PhotoCheckTests: XCTestCase {
    /// The photos `Tests/Fixtures/make_photos.py` draws, made once into the ignored
    /// `Tests/Fixtures/generated/photos/` (the same folder the decoder tests use).
    private static let photos: String = {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        let dir = fixtures.appendingPathComponent("generated/photos").path
        if !FileManager.default.fileExists(atPath: dir + "/ids.txt") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", fixtures.appendingPathComponent("make_photos.py").path, dir,
            ]
            try! process.run()
            process.waitUntilExit()
            precondition(process.terminationStatus == 0, "make_photos.py failed")
        }
        return dir + "/photos/"
    }()

    private let check = PhotoCheck(settings: try! PhotoCheckTests.settings())

    static func settings() throws -> PhotoSettings {
        let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schemas/photos.json")
        let schema = try JSONDecoder().decode(TableSchema.self, from: Data(contentsOf: schemas))
        return try XCTUnwrap(schema.kaowu.photo)
    }

    private func finding(_ file: String, as name: String = "11010520000101001X.jpg") throws
        -> PhotoFinding
    {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.photos + file))
        return check.check(entryPath: name, data: data, bytes: data.count)
    }

    private func codes(_ f: PhotoFinding) -> [String] { f.errors.map(\.code) }

    func testEveryAcceptableVariantPasses() throws {
        for file in [
            "red.jpg", "red-progressive.jpg", "red-palette.png", "red-alpha.png",
            "red-16bit.png",
        ] {
            let ext = (file as NSString).pathExtension
            let f = try finding(file, as: "a/b/11010520000101001x." + ext)
            XCTAssertEqual(codes(f), [], file)
            XCTAssertEqual(f.documentNumber, "11010520000101001X")
            XCTAssertEqual(f.background?.color, .red, file)
            XCTAssertEqual(f.width, 295)
            XCTAssertEqual(f.sha256?.count, 64)
        }
    }

    func testPNGNamedJPGIsAcceptedWithAWarning() throws {
        let f = try finding("red-png-named.jpg")
        XCTAssertEqual(codes(f), [])
        XCTAssertEqual(f.format, .png)
        XCTAssertEqual(f.warnings.map(\.code), ["photo.extension-mismatch"])
    }

    func testWrongBackgroundsAreNamed() throws {
        for (file, colour) in [("blue.jpg", "蓝色"), ("white.png", "白色"), ("gray.jpg", "灰色")] {
            let f = try finding(file)
            XCTAssertEqual(codes(f), ["photo.background"], file)
            let message = f.errors.first?.message ?? ""
            XCTAssertTrue(message.contains("照片背景是\(colour)"), message)
        }
        let transparent = try finding("transparent.png")
        XCTAssertEqual(transparent.background?.color, .transparent)
        XCTAssertTrue(transparent.errors.first?.message.contains("透明") ?? false)
    }

    func testRefusedAndBrokenPhotos() throws {
        XCTAssertEqual(codes(try finding("cmyk.jpg")), ["photo.unsupported"])
        XCTAssertEqual(codes(try finding("truncated.jpg")), ["photo.corrupt"])
        XCTAssertEqual(codes(try finding("truncated.png")), ["photo.corrupt"])
        XCTAssertEqual(codes(try finding("not-an-image.jpg")), ["photo.format"])
        XCTAssertEqual(codes(try finding("large-pixels.jpg")), ["photo.dimensions"])
        XCTAssertTrue(
            try finding("large-pixels.jpg").errors[0].message.contains("600×840 像素，应为 295×413"))
        XCTAssertEqual(codes(try finding("too-large.jpg")), ["photo.too-large"])
    }

    /// Only a JPEG's top rows are decoded; its end is still looked for.
    func testCutShortOrWithDataAfterItsEnd() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.photos + "red.jpg"))
        let name = "11010520000101001X.jpg"
        let cut = data.dropLast(data.count / 5)
        let cutFinding = check.check(entryPath: name, data: cut, bytes: cut.count)
        XCTAssertEqual(codes(cutFinding), ["photo.corrupt"])
        let appended = data + Data(repeating: 0x5A, count: 1000)
        let f = check.check(entryPath: name, data: appended, bytes: appended.count)
        XCTAssertEqual(codes(f), [])
        XCTAssertEqual(f.background?.color, .red)
    }

    /// `judge` on the top rows down to `depth`, told the whole height, is `judge` on all rows.
    func testTopRowsAreJudgedAsTheWholeImage() {
        for (w, h) in [(37, 52), (10, 7), (3, 1), (40, 61)] {
            let pixels = (0..<w * h * 4).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ $0 / 7) }
            let rows = Int((Double(h) * PhotoBackground.depth).rounded(.up))
            let part = RGBAImage(width: w, height: rows, pixels: Array(pixels[..<(w * rows * 4)]))
            XCTAssertEqual(
                PhotoBackground.judge(part, wholeHeight: h),
                PhotoBackground.judge(RGBAImage(width: w, height: h, pixels: pixels)), "\(w)×\(h)")
        }
    }

    func testNamesThatAreNotPhotos() throws {
        XCTAssertNil(check.documentNumber(entryPath: "名单.xlsx"))
        XCTAssertNil(check.documentNumber(entryPath: "照片/.jpg"))
        XCTAssertEqual(check.documentNumber(entryPath: "../../１１０１０５.JPEG"), "110105")
        XCTAssertEqual(codes(try finding("red.jpg", as: "readme.txt")), ["photo.name"])
    }

    func testOneRedPixelDoesNotMakeARedBackground() {
        var pixels = [UInt8](repeating: 250, count: 40 * 60 * 4)
        pixels[0...3] = [255, 0, 0, 255]
        let judged = PhotoBackground.judge(RGBAImage(width: 40, height: 60, pixels: pixels))
        XCTAssertEqual(judged.color, .white)
    }

    func testFaceAndClothesDoNotDecide() {
        // White border; a red jacket fills the whole bottom half and a skin face the middle.
        let (w, h) = (40, 60)
        var pixels = [UInt8](repeating: 0, count: w * h * 4)
        for y in 0..<h {
            for x in 0..<w {
                let i = (y * w + x) * 4
                let inFace = (12..<28).contains(x) && (8..<30).contains(y)
                let rgb: [UInt8] =
                    y >= h / 2 ? [200, 0, 0] : inFace ? [235, 190, 160] : [250, 250, 250]
                pixels[i..<i + 4] = ArraySlice(rgb + [255])
            }
        }
        let judged = PhotoBackground.judge(RGBAImage(width: w, height: h, pixels: pixels))
        XCTAssertEqual(judged.color, .white)
        XCTAssertEqual(judged.share, 1, accuracy: 0.001)
    }

    func testColourNames() {
        XCTAssertEqual(BackgroundColor.of(r: 220, g: 20, b: 30, a: 255), .red)
        XCTAssertEqual(BackgroundColor.of(r: 67, g: 142, b: 219, a: 255), .blue)
        XCTAssertEqual(BackgroundColor.of(r: 160, g: 210, b: 240, a: 255), .blue)
        XCTAssertEqual(BackgroundColor.of(r: 245, g: 245, b: 240, a: 255), .white)
        XCTAssertEqual(BackgroundColor.of(r: 128, g: 128, b: 128, a: 255), .gray)
        XCTAssertEqual(BackgroundColor.of(r: 10, g: 10, b: 10, a: 255), .black)
        XCTAssertEqual(BackgroundColor.of(r: 220, g: 20, b: 30, a: 0), .transparent)
    }
}
