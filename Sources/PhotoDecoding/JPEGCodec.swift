import CTurboJPEG
import Foundation

/// libjpeg-turbo through its TurboJPEG API. Every call creates and destroys its own handle, so
/// calls on different threads never share state.
public enum JPEGCodec {
    static func decode(_ data: Data, minimumWidth: Int, maxPixels: Int)
        throws(PhotoDecodingError) -> DecodedPhoto
    {
        guard let handle = tjInitDecompress() else {
            throw .corrupt(detail: "tjInitDecompress failed")
        }
        defer { tjDestroy(handle) }
        let result: Result<DecodedPhoto, PhotoDecodingError> = data.withUnsafeBytes { raw in
            let source = raw.bindMemory(to: UInt8.self).baseAddress!
            let size = UInt(raw.count)
            var width: Int32 = 0
            var height: Int32 = 0
            var subsampling: Int32 = 0
            var colorspace: Int32 = 0
            guard
                tjDecompressHeader3(
                    handle, source, size, &width, &height, &subsampling, &colorspace) == 0
            else {
                return .failure(.corrupt(detail: String(cString: tjGetErrorStr2(handle))))
            }
            let model = colorModel(colorspace)
            // libjpeg-turbo cannot turn CMYK into RGB, and CMYK JPEGs differ in whether their
            // values are stored inverted: refusing is safer than guessing their colours.
            if model == .cmyk { return .failure(.unsupportedColorSpace(.cmyk)) }
            guard Int(width) * Int(height) <= maxPixels else {
                return .failure(.tooManyPixels(width: Int(width), height: Int(height)))
            }
            let (w, h) = scaledSize(Int(width), Int(height), minimumWidth: minimumWidth)
            var pixels = [UInt8](repeating: 0, count: w * h * 4)
            // STOPONWARNING: a truncated file is an error, not a photo with a grey bottom.
            // LIMITSCANS: a progressive JPEG with thousands of scans is an attack, not a photo.
            let flags = Int32(TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS)
            let status = pixels.withUnsafeMutableBufferPointer { out in
                tjDecompress2(
                    handle, source, size, out.baseAddress, Int32(w), 0, Int32(h),
                    Int32(TJPF_RGBA.rawValue), flags)
            }
            guard status == 0 else {
                return .failure(.corrupt(detail: String(cString: tjGetErrorStr2(handle))))
            }
            return .success(
                DecodedPhoto(
                    format: .jpeg, colorModel: model, hasAlpha: false, bitDepth: 8,
                    width: Int(width), height: Int(height),
                    image: RGBAImage(width: w, height: h, pixels: pixels)))
        }
        return try result.get()
    }

    /// Encodes `image` as a baseline JPEG, transparent parts shown over white as viewers
    /// show them: small thumbnails for reports.
    ///
    /// - Throws: `PhotoDecodingError.corrupt` with libjpeg-turbo's message if encoding fails.
    public static func encode(_ image: RGBAImage, quality: Int = 80) throws(PhotoDecodingError)
        -> Data
    {
        var pixels = image.pixels
        for i in stride(from: 0, to: pixels.count, by: 4) where pixels[i + 3] != 255 {
            let alpha = Int(pixels[i + 3])
            for c in i..<i + 3 {
                pixels[c] = UInt8((Int(pixels[c]) * alpha + 255 * (255 - alpha)) / 255)
            }
        }
        guard let handle = tjInitCompress() else {
            throw .corrupt(detail: "tjInitCompress failed")
        }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = pixels.withUnsafeBufferPointer { source in
            tjCompress2(
                handle, source.baseAddress, Int32(image.width), 0, Int32(image.height),
                Int32(TJPF_RGBA.rawValue), &output, &size, Int32(TJSAMP_420.rawValue),
                Int32(quality), 0)
        }
        defer { tjFree(output) }
        guard status == 0, let output else {
            throw .corrupt(detail: String(cString: tjGetErrorStr2(handle)))
        }
        return Data(bytes: output, count: Int(size))
    }

    private static func colorModel(_ colorspace: Int32) -> PhotoColorModel {
        switch UInt32(bitPattern: colorspace) {
        case TJCS_GRAY.rawValue: return .grayscale
        case TJCS_CMYK.rawValue, TJCS_YCCK.rawValue: return .cmyk
        default: return .color
        }
    }

    /// The smallest scale libjpeg-turbo supports (at most 1:1) that keeps the width at or
    /// above `minimumWidth` (or the photo's own width when it is narrower).
    private static func scaledSize(_ width: Int, _ height: Int, minimumWidth: Int) -> (Int, Int) {
        var count: Int32 = 0
        guard let factors = tjGetScalingFactors(&count) else { return (width, height) }
        var best = (width, height)
        let wanted = min(minimumWidth, width)
        for factor in UnsafeBufferPointer(start: factors, count: Int(count))
        where factor.num <= factor.denom {
            let (num, denom) = (Int(factor.num), Int(factor.denom))
            // TJSCALED: ceil(dimension * num / denom).
            let w = (width * num + denom - 1) / denom
            let h = (height * num + denom - 1) / denom
            if w >= wanted && w < best.0 { best = (w, h) }
        }
        return best
    }
}
