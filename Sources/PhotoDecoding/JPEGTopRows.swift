import CJPEGRows
import Foundation

/// libjpeg's scanline API (through the small C target CJPEGRows), for when only the top of a
/// photo is looked at: decoding stops at the last row wanted, so the Huffman decoding of the
/// rest, most of a JPEG's decode time even at 1/8 scale, is skipped.
///
/// Guarantees as `JPEGCodec.decode`: CMYK refused, `maxPixels` checked from the header before
/// any decode, any libjpeg warning is corruption, progressive JPEGs limited to 500 scans (they
/// are decoded in full: every scan touches every row). A truncated copy is still caught, by
/// the missing EOI marker after the scan. Not caught any more: damaged entropy data below the
/// rows decoded in a file that is otherwise complete. Such a photo's top is intact, and the
/// top is all the checks look at.
enum JPEGTopRows {
    static func decode(_ data: Data, minimumWidth: Int, maxPixels: Int, topShare: Double)
        throws(PhotoDecodingError) -> DecodedPhoto
    {
        var result = kaowu_jpeg_rows_result()
        let status = data.withUnsafeBytes { raw in
            kaowu_jpeg_decode_top_rows(
                raw.bindMemory(to: UInt8.self).baseAddress, raw.count, Int32(minimumWidth),
                Int64(maxPixels), topShare, &result)
        }
        switch status {
        case KAOWU_JPEG_ROWS_OK:
            break
        case KAOWU_JPEG_ROWS_CMYK:
            throw .unsupportedColorSpace(.cmyk)
        case KAOWU_JPEG_ROWS_TOO_MANY_PIXELS:
            throw .tooManyPixels(width: Int(result.width), height: Int(result.height))
        default:
            let detail = withUnsafeBytes(of: result.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw .corrupt(detail: detail)
        }
        defer { free(result.pixels) }
        let (width, rows) = (Int(result.scaled_width), Int(result.rows))
        let pixels = [UInt8](UnsafeBufferPointer(start: result.pixels, count: width * rows * 4))
        return DecodedPhoto(
            format: .jpeg,
            colorModel: result.model == KAOWU_JPEG_ROWS_GRAY ? .grayscale : .color,
            hasAlpha: false, bitDepth: 8, width: Int(result.width), height: Int(result.height),
            image: RGBAImage(width: width, height: rows, pixels: pixels),
            scaledHeight: Int(result.scaled_height))
    }
}
