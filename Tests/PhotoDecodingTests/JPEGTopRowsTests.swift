import Foundation
import PhotoDecoding
import XCTest

/// Decoding only the top rows of a JPEG (`topShare` below 1): the same pixels as a whole
/// decode, the same refusals, and truncation still caught without decoding the bottom.
final class JPEGTopRowsTests: XCTestCase {
    private let half = 0.5

    private func top(_ data: Data, minimumWidth: Int = 32) throws -> DecodedPhoto {
        try PhotoDecoder.decode(data, minimumWidth: minimumWidth, topShare: half)
    }

    private func assertCorrupt(
        _ data: Data, _ message: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try top(data), message, file: file, line: line) { error in
            guard case .corrupt? = error as? PhotoDecodingError else {
                return XCTFail("\(message): \(error)", file: file, line: line)
            }
        }
    }

    /// Where the first scan's entropy data begins: just past the SOS segment.
    private func scanStart(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        let sos = (0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA }!
        return sos + 2 + Int(bytes[sos + 2]) << 8 + Int(bytes[sos + 3])
    }

    func testTopRowsEqualTheWholeDecodesRows() throws {
        let names = ["red.jpg", "blue.jpg", "gray.jpg", "red-progressive.jpg", "large-pixels.jpg"]
        for name in names {
            for minimumWidth in [32, 64, 1000] {
                let data = try GeneratedPhotos.photo(name)
                let whole = try PhotoDecoder.decode(data, minimumWidth: minimumWidth)
                let part = try top(data, minimumWidth: minimumWidth)
                let what = "\(name) at width \(minimumWidth)"
                XCTAssertEqual([part.width, part.height], [whole.width, whole.height], what)
                XCTAssertEqual(part.colorModel, whole.colorModel, what)
                XCTAssertEqual(part.image.width, whole.image.width, what)
                XCTAssertEqual(part.scaledHeight, whole.image.height, what)
                let rows = Int((Double(whole.image.height) * half).rounded(.up))
                XCTAssertEqual(part.image.height, rows, what)
                // Both are libjpeg-turbo with its accurate integer DCT: the same pixels.
                XCTAssertEqual(
                    part.image.pixels,
                    Array(whole.image.pixels.prefix(rows * part.image.width * 4)),
                    what)
            }
        }
    }

    func testRefusalsAreKept() throws {
        XCTAssertThrowsError(try top(GeneratedPhotos.photo("cmyk.jpg"))) { error in
            XCTAssertEqual(error as? PhotoDecodingError, .unsupportedColorSpace(.cmyk))
        }
        XCTAssertThrowsError(
            try PhotoDecoder.decode(
                GeneratedPhotos.photo("large-pixels.jpg"), minimumWidth: 32, maxPixels: 100_000,
                topShare: half)
        ) { error in
            XCTAssertEqual(error as? PhotoDecodingError, .tooManyPixels(width: 600, height: 840))
        }
        assertCorrupt(try GeneratedPhotos.photo("truncated.jpg"), "cut in half")
    }

    func testCutInTheBottomHalfIsCorrupt() throws {
        for name in ["red.jpg", "red-progressive.jpg"] {
            let data = try GeneratedPhotos.photo(name)
            let start = scanStart(data)
            // Nine tenths of the scan data is well below mid-height, and so is dropping just
            // the EOI marker.
            assertCorrupt(data.prefix(start + (data.count - start) * 9 / 10), "\(name) at 90%")
            assertCorrupt(data.dropLast(2), "\(name) without EOI")
        }
    }

    func testJunkAfterTheEndIsFine() throws {
        let data = try GeneratedPhotos.photo("red.jpg")
        let junk = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let photo = try top(data + junk)
        XCTAssertEqual(photo.image, try top(data).image)
    }

    /// The accepted price: damage below the rows decoded, in a file that is otherwise whole,
    /// goes unnoticed, while the whole decode refuses it.
    func testDamageInTheBottomHalfIsNotNoticed() throws {
        var bytes = [UInt8](try GeneratedPhotos.photo("red.jpg"))
        let start = scanStart(Data(bytes))
        // A stray marker in the scan data: libjpeg warns when it reaches it.
        let at = start + (bytes.count - start) * 9 / 10
        bytes[at] = 0xFF
        bytes[at + 1] = 0xD5
        let damaged = Data(bytes)
        XCTAssertThrowsError(try PhotoDecoder.decode(damaged, minimumWidth: 32))
        XCTAssertEqual(try top(damaged).image, try top(GeneratedPhotos.photo("red.jpg")).image)
    }
}
