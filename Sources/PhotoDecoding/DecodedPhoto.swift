/// A decoded photo: its real size and format, and its pixels at the scale asked for.
public struct DecodedPhoto: Sendable {
    public let format: PhotoFormat
    public let colorModel: PhotoColorModel
    /// True when the PNG has an alpha channel or a transparent colour.
    public let hasAlpha: Bool
    /// Bits per channel as stored (8, or 16 for some PNGs).
    public let bitDepth: Int
    /// The photo's real pixel size.
    public let width: Int
    public let height: Int
    /// The pixels, possibly at reduced scale (never larger than the photo).
    public let image: RGBAImage
}
