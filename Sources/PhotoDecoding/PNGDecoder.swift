import CSpng
import Foundation

/// libspng. Every call has its own context, so calls on different threads share nothing.
enum PNGDecoder {
    static func decode(_ data: Data, maxPixels: Int) throws(PhotoDecodingError) -> DecodedPhoto {
        guard let context = spng_ctx_new(0) else {
            throw .corrupt(detail: "spng_ctx_new failed")
        }
        defer { spng_ctx_free(context) }
        let result: Result<DecodedPhoto, PhotoDecodingError> = data.withUnsafeBytes { raw in
            func failure(_ code: Int32) -> Result<DecodedPhoto, PhotoDecodingError> {
                .failure(.corrupt(detail: String(cString: spng_strerror(code))))
            }
            // Chunk limits keep a hostile file's ancillary chunks (text, ICC) from using
            // more memory than the photo itself could.
            spng_set_chunk_limits(context, 8 << 20, 16 << 20)
            var status = spng_set_png_buffer(context, raw.baseAddress, raw.count)
            guard status == 0 else { return failure(status) }
            var header = spng_ihdr()
            status = spng_get_ihdr(context, &header)
            guard status == 0 else { return failure(status) }
            let (width, height) = (Int(header.width), Int(header.height))
            guard width * height <= maxPixels else {
                return .failure(.tooManyPixels(width: width, height: height))
            }
            let format = Int32(SPNG_FMT_RGBA8.rawValue)
            var size = 0
            status = spng_decoded_image_size(context, format, &size)
            guard status == 0, size == width * height * 4 else { return failure(status) }
            var pixels = [UInt8](repeating: 0, count: size)
            // DECODE_TRNS: a transparent colour (tRNS) becomes alpha 0, as viewers show it.
            status = pixels.withUnsafeMutableBytes { out in
                spng_decode_image(
                    context, out.baseAddress, size, format, Int32(SPNG_DECODE_TRNS.rawValue))
            }
            guard status == 0 else { return failure(status) }
            var transparency = spng_trns()
            let hasTRNS = spng_get_trns(context, &transparency) == 0
            let colorType = Int(header.color_type)
            return .success(
                DecodedPhoto(
                    format: .png, colorModel: colorModel(colorType),
                    hasAlpha: colorType == 4 || colorType == 6 || hasTRNS,
                    bitDepth: Int(header.bit_depth), width: width, height: height,
                    image: RGBAImage(width: width, height: height, pixels: pixels)))
        }
        return try result.get()
    }

    /// PNG colour types: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha.
    private static func colorModel(_ colorType: Int) -> PhotoColorModel {
        switch colorType {
        case 0, 4: return .grayscale
        case 3: return .palette
        default: return .color
        }
    }
}
