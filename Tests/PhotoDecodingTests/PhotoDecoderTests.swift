import Foundation
import PhotoDecoding
import XCTest

/// Photos Pillow wrote in every variant: decoded correctly or refused with the right reason.
final class PhotoDecoderTests: XCTestCase {
    private func decode(_ name: String) throws -> DecodedPhoto {
        try PhotoDecoder.decode(GeneratedPhotos.photo(name), minimumWidth: 64)
    }

    private func assertRefused(_ name: String, _ expected: (PhotoDecodingError) -> Bool) throws {
        do {
            let photo = try decode(name)
            XCTFail("\(name) decoded as \(photo.format) \(photo.width)×\(photo.height)")
        } catch {
            XCTAssertTrue(
                (error as? PhotoDecodingError).map(expected) ?? false, "\(name): \(error)")
        }
    }

    /// Pillow draws the background as (220, 20, 30); JPEG may move it a little.
    private func assertRedCorner(
        _ photo: DecodedPhoto, file: StaticString = #filePath, line: UInt = #line
    ) {
        let p = photo.image.pixel(x: 1, y: 1)
        XCTAssertEqual(Int(p.r), 220, accuracy: 12, file: file, line: line)
        XCTAssertEqual(Int(p.g), 20, accuracy: 12, file: file, line: line)
        XCTAssertEqual(Int(p.b), 30, accuracy: 12, file: file, line: line)
        XCTAssertEqual(p.a, 255, file: file, line: line)
    }

    func testBaselineJPEGIsDecodedAtReducedScale() throws {
        let photo = try decode("red.jpg")
        XCTAssertEqual(photo.format, .jpeg)
        XCTAssertEqual(photo.colorModel, .color)
        XCTAssertEqual([photo.width, photo.height], [295, 413])
        // 1/4 is the smallest scale that keeps 64 pixels of width: ceil(295 / 4) = 74.
        XCTAssertEqual([photo.image.width, photo.image.height], [74, 104])
        assertRedCorner(photo)
    }

    func testProgressiveJPEG() throws {
        let photo = try decode("red-progressive.jpg")
        XCTAssertEqual([photo.width, photo.height], [295, 413])
        assertRedCorner(photo)
    }

    func testGrayscaleJPEGKeepsItsGrey() throws {
        let photo = try decode("gray.jpg")
        XCTAssertEqual(photo.colorModel, .grayscale)
        let p = photo.image.pixel(x: 1, y: 1)
        XCTAssertEqual(p.r, p.g)
        XCTAssertEqual(p.g, p.b)
    }

    func testCMYKJPEGIsRefusedNotGuessed() throws {
        try assertRefused("cmyk.jpg") { $0 == .unsupportedColorSpace(.cmyk) }
    }

    func testPalettePNG() throws {
        let photo = try decode("red-palette.png")
        XCTAssertEqual(photo.format, .png)
        XCTAssertEqual(photo.colorModel, .palette)
        assertRedCorner(photo)
    }

    func testPNGWithAlphaChannel() throws {
        let photo = try decode("red-alpha.png")
        XCTAssertTrue(photo.hasAlpha)
        assertRedCorner(photo)
    }

    func testSixteenBitPNG() throws {
        let photo = try decode("red-16bit.png")
        XCTAssertEqual(photo.bitDepth, 16)
        XCTAssertEqual([photo.width, photo.height], [295, 413])
        let p = photo.image.pixel(x: 1, y: 1)
        XCTAssertEqual([p.r, p.g, p.b, p.a], [220, 20, 30, 255])
    }

    func testTransparentPNGKeepsAlphaZero() throws {
        let photo = try decode("transparent.png")
        XCTAssertEqual(photo.image.pixel(x: 1, y: 1).a, 0)
    }

    func testFormatIsJudgedByContent() throws {
        XCTAssertEqual(try decode("red-png-named.jpg").format, .png)
    }

    func testDamagedAndForeignFilesAreRefused() throws {
        for name in ["truncated.jpg", "truncated.png"] {
            try assertRefused(name) {
                if case .corrupt = $0 { return true }
                return false
            }
        }
        try assertRefused("not-an-image.jpg") { $0 == .notAnImage }
    }

    func testOversizedPixelCountIsRefusedBeforeDecoding() throws {
        XCTAssertThrowsError(
            try PhotoDecoder.decode(
                GeneratedPhotos.photo("large-pixels.jpg"), minimumWidth: 64, maxPixels: 100_000)
        ) { error in
            XCTAssertEqual(error as? PhotoDecodingError, .tooManyPixels(width: 600, height: 840))
        }
    }

    func testThumbnailRoundTrip() throws {
        let photo = try decode("red.jpg")
        let thumbnail = photo.image.shrunk(toFit: 64, 90)
        XCTAssertEqual([thumbnail.width, thumbnail.height], [64, 90])
        let again = try PhotoDecoder.decode(JPEGCodec.encode(thumbnail), minimumWidth: 64)
        XCTAssertEqual([again.width, again.height], [64, 90])
        assertRedCorner(again)
    }
}
