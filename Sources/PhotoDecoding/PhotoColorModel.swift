/// How the photo stores its colours, as the file says (not what its pixels look like).
public enum PhotoColorModel: String, Sendable, Codable {
    case color
    case grayscale
    /// Print colours: JPEGs saved for printing (CMYK or YCCK).
    case cmyk
    /// A PNG colour palette.
    case palette

    /// The words a clerk reads in the report.
    public var chineseName: String {
        switch self {
        case .color: return "彩色"
        case .grayscale: return "灰度（黑白）"
        case .cmyk: return "CMYK 印刷色"
        case .palette: return "调色板"
        }
    }
}
