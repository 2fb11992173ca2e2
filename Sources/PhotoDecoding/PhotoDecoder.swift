import Foundation

/// Turns photo bytes into pixels. Pure and thread-safe: every call has its own decoder state,
/// so photos can be decoded on every core at once.
public enum PhotoDecoder {
    /// Decodes `data` by its content (not by any name).
    ///
    /// - Parameters:
    ///   - minimumWidth: the narrowest the returned pixels may be. JPEGs are decoded at the
    ///     smallest scale libjpeg-turbo offers (down to 1/8) that keeps at least this width,
    ///     which is several times faster than a full decode; PNGs are decoded at full size.
    ///   - maxPixels: photos with more pixels are refused before their pixels are decoded.
    /// - Throws: `PhotoDecodingError`; nothing is partially returned.
    public static func decode(_ data: Data, minimumWidth: Int, maxPixels: Int = 40_000_000)
        throws(PhotoDecodingError) -> DecodedPhoto
    {
        switch PhotoFormat.sniff(data) {
        case .jpeg?:
            return try JPEGCodec.decode(data, minimumWidth: minimumWidth, maxPixels: maxPixels)
        case .png?:
            return try PNGDecoder.decode(data, maxPixels: maxPixels)
        case nil:
            throw .notAnImage
        }
    }
}
