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
    /// The pixels, possibly at reduced scale (never larger than the photo), and possibly only
    /// the top rows of that (see `scaledHeight`).
    public let image: RGBAImage
    /// The height of the whole image at `image`'s scale: more than `image.height` when only
    /// the top rows were decoded.
    public let scaledHeight: Int

    init(
        format: PhotoFormat, colorModel: PhotoColorModel, hasAlpha: Bool, bitDepth: Int,
        width: Int, height: Int, image: RGBAImage, scaledHeight: Int? = nil
    ) {
        self.format = format
        self.colorModel = colorModel
        self.hasAlpha = hasAlpha
        self.bitDepth = bitDepth
        self.width = width
        self.height = height
        self.image = image
        self.scaledHeight = scaledHeight ?? image.height
    }
}
