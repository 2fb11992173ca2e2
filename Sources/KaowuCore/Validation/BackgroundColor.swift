/// The colour names a photo background is judged by; raw values are what schemas and JSON
/// reports use.
public enum BackgroundColor: String, Codable, Sendable, CaseIterable {
    case red
    case orange
    case yellow
    case green
    case blue
    case purple
    case white
    case gray
    case black
    /// Alpha below one half: the PNG has no background at all.
    case transparent

    /// The word a clerk reads: 红色, 蓝色, ...
    public var chineseName: String {
        switch self {
        case .red: return "红色"
        case .orange: return "橙色"
        case .yellow: return "黄色"
        case .green: return "绿色"
        case .blue: return "蓝色"
        case .purple: return "紫色"
        case .white: return "白色"
        case .gray: return "灰色"
        case .black: return "黑色"
        case .transparent: return "透明"
        }
    }

    /// The colour a pixel looks like, by hue, saturation and brightness: the cut-offs sit
    /// where ID-photo backgrounds (pure or deep red, sky or royal blue, off-white) fall clearly
    /// on one side.
    public static func of(r: UInt8, g: UInt8, b: UInt8, a: UInt8) -> BackgroundColor {
        if a < 128 { return .transparent }
        let (rf, gf, bf) = (Double(r) / 255, Double(g) / 255, Double(b) / 255)
        let maxC = max(rf, gf, bf)
        let minC = min(rf, gf, bf)
        let chroma = maxC - minC
        let saturation = maxC == 0 ? 0 : chroma / maxC
        if maxC < 0.2 { return .black }
        if saturation < 0.18 || chroma < 0.1 { return maxC > 0.8 ? .white : .gray }
        var hue: Double
        if maxC == rf {
            hue = 60 * ((gf - bf) / chroma)
        } else if maxC == gf {
            hue = 60 * ((bf - rf) / chroma + 2)
        } else {
            hue = 60 * ((rf - gf) / chroma + 4)
        }
        if hue < 0 { hue += 360 }
        switch hue {
        case ..<15, 330...: return .red
        case ..<45: return .orange
        case ..<70: return .yellow
        case ..<165: return .green
        case ..<265: return .blue
        default: return .purple
        }
    }
}
