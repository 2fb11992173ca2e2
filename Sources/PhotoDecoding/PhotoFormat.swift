import Foundation

/// An image format kaowu accepts, recognised by content (the name's extension may lie).
public enum PhotoFormat: String, Sendable, Codable, CaseIterable {
    case jpeg
    case png

    /// The format the bytes start like, or nil when they are neither JPEG nor PNG.
    public static func sniff(_ data: Data) -> PhotoFormat? {
        let jpegMagic: [UInt8] = [0xFF, 0xD8, 0xFF]
        let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if data.starts(with: pngMagic) { return .png }
        if data.starts(with: jpegMagic) { return .jpeg }
        return nil
    }

    /// How a clerk knows it: JPEG, PNG.
    public var displayName: String { rawValue.uppercased() }

    /// File name extensions (lowercase) that mean this format.
    public var extensions: [String] {
        switch self {
        case .jpeg: return ["jpg", "jpeg"]
        case .png: return ["png"]
        }
    }
}
