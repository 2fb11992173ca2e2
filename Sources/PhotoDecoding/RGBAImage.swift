/// 8-bit RGBA pixels, row by row, no padding: what every decoder produces.
public struct RGBAImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: red, green, blue, alpha.
    public let pixels: [UInt8]

    /// - Precondition: `pixels.count == width * height * 4`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4, "RGBA buffer size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y`.
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * 4
        return (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
    }

    /// A copy no larger than `maxWidth` × `maxHeight`, aspect kept, each output pixel the mean
    /// of the source pixels it covers (a box filter: no aliasing for thumbnails). An image
    /// already small enough is returned as is.
    public func shrunk(toFit maxWidth: Int, _ maxHeight: Int) -> RGBAImage {
        let scale = min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height))
        guard scale < 1 else { return self }
        let w = max(1, Int((Double(width) * scale).rounded()))
        let h = max(1, Int((Double(height) * scale).rounded()))
        var out = [UInt8](repeating: 0, count: w * h * 4)
        for oy in 0..<h {
            let y0 = oy * height / h
            let y1 = max(y0 + 1, (oy + 1) * height / h)
            for ox in 0..<w {
                let x0 = ox * width / w
                let x1 = max(x0 + 1, (ox + 1) * width / w)
                var sum = (0, 0, 0, 0)
                for y in y0..<y1 {
                    var i = (y * width + x0) * 4
                    for _ in x0..<x1 {
                        sum.0 += Int(pixels[i])
                        sum.1 += Int(pixels[i + 1])
                        sum.2 += Int(pixels[i + 2])
                        sum.3 += Int(pixels[i + 3])
                        i += 4
                    }
                }
                let n = (y1 - y0) * (x1 - x0)
                let o = (oy * w + ox) * 4
                out[o] = UInt8(sum.0 / n)
                out[o + 1] = UInt8(sum.1 / n)
                out[o + 2] = UInt8(sum.2 / n)
                out[o + 3] = UInt8(sum.3 / n)
            }
        }
        return RGBAImage(width: w, height: h, pixels: out)
    }
}
