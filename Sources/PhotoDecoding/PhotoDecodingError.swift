/// Why a photo's bytes could not be turned into pixels.
public enum PhotoDecodingError: Error, Sendable, Equatable {
    /// Neither a JPEG nor a PNG by content.
    case notAnImage
    /// Truncated or damaged; `detail` is the decoder's own words (English, for logs).
    case corrupt(detail: String)
    /// A valid image kaowu refuses rather than risk misjudging its colours (CMYK JPEG).
    case unsupportedColorSpace(PhotoColorModel)
    /// Larger than `maxPixels`: decoding it would cost more memory than a photo deserves.
    case tooManyPixels(width: Int, height: Int)
}
