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
    ///   - topShare: the share of the height, from the top, whose rows the caller needs.
    ///     Below 1, a JPEG's `image` holds only those rows (at least 1; `scaledHeight` is the
    ///     whole height) and its decode stops there: about half the CPU at 0.5. The price is
    ///     that damaged data below those rows goes unnoticed (a truncated file is still
    ///     refused); see `JPEGTopRows`. PNGs are always decoded whole.
    /// - Throws: `PhotoDecodingError`; nothing is partially returned.
    public static func decode(
        _ data: Data, minimumWidth: Int, maxPixels: Int = 40_000_000, topShare: Double = 1
    ) throws(PhotoDecodingError) -> DecodedPhoto {
        switch PhotoFormat.sniff(data) {
        case .jpeg? where topShare < 1:
            return try JPEGTopRows.decode(
                data, minimumWidth: minimumWidth, maxPixels: maxPixels, topShare: topShare)
        case .jpeg?:
            return try JPEGCodec.decode(data, minimumWidth: minimumWidth, maxPixels: maxPixels)
        case .png?:
            return try PNGDecoder.decode(data, maxPixels: maxPixels)
        case nil:
            throw .notAnImage
        }
    }
}
