import Crypto
import Foundation
import PhotoDecoding

/// What the photo rules found in one ZIP entry, before any record is looked at.
public struct PhotoFinding: Sendable {
    /// The document number the entry's name gives (normalised as in the roster), or nil when
    /// the name is not `<证件号码>.jpg|.png`.
    public var documentNumber: String?
    public var bytes: Int
    /// SHA-256 of the entry's bytes, lowercase hex; nil when the entry was not read.
    public var sha256: String?
    public var format: PhotoFormat?
    public var colorModel: PhotoColorModel?
    public var width: Int?
    public var height: Int?
    public var background: PhotoBackground?
    public var errors: [CheckFailure] = []
    public var warnings: [CheckFailure] = []
}

/// The photo rules, in one place: name, size, format by content, pixel size, background.
/// Pure and thread-safe, so entries are checked on every core at once.
public struct PhotoCheck: Sendable {
    public let settings: PhotoSettings

    public init(settings: PhotoSettings) {
        self.settings = settings
    }

    /// The scale photos are decoded at: background and pixel size need no more than this.
    /// A 295-pixel-wide photo is decoded at 1/8 (37×52), libjpeg-turbo's smallest scale,
    /// each pixel the mean of an 8×8 block: enough to vote on the border colour, and a tenth
    /// less CPU per photo than 1/4 (the pixel size comes from the header either way).
    static let judgingWidth = 32

    /// The document number an entry's path names: its last component without extension,
    /// with full-width characters, spaces and dashes cleaned and letters uppercased (a final
    /// x becomes X), exactly as roster IDs are stored. Nil when the extension is not allowed.
    public func documentNumber(entryPath: String) -> String? {
        guard let (stem, ext) = Self.nameParts(entryPath), settings.extensions.contains(ext) else {
            return nil
        }
        let number = TextNormalizer.compact(String(stem))
        return number.isEmpty ? nil : number.uppercased()
    }

    /// The last path component's stem and lowercased extension, split as NSString's
    /// `pathExtension` does (after the last dot, unless that dot begins the name) but without
    /// its bridging, which took most of a 10,000-entry ZIP's pass over the names. Nil when
    /// the name has no extension.
    private static func nameParts(_ entryPath: String) -> (stem: Substring, ext: String)? {
        let fileName = entryPath.split(separator: "/").last ?? ""
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else {
            return nil
        }
        return (fileName[..<dot], fileName[fileName.index(after: dot)...].lowercased())
    }

    /// Checks one entry. `data` is nil when the entry is larger than `settings.maxBytes` and
    /// was therefore not read; `bytes` is its size either way.
    public func check(entryPath: String, data: Data?, bytes: Int) -> PhotoFinding {
        var finding = PhotoFinding(
            documentNumber: documentNumber(entryPath: entryPath), bytes: bytes)
        let allowed = settings.extensions.map { "." + $0 }.joined(separator: " 或 ")
        if finding.documentNumber == nil {
            finding.errors.append(
                CheckFailure(
                    .photoName,
                    "文件名应为“证件号码\(allowed)”，例如 11010519491231002X.jpg；本条目不是照片或扩展名不对"))
        }
        guard let data, bytes <= settings.maxBytes else {
            finding.errors.append(
                CheckFailure(
                    .photoTooLarge,
                    "照片 \(Self.megabytes(bytes)) MB，超过 \(Self.megabytes(settings.maxBytes)) MB 上限；请压缩或重新拍摄后放入"
                ))
            return finding
        }
        finding.sha256 = SHA256.hash(data: data).lowercaseHex
        let decoded: DecodedPhoto
        do {
            // Only the rows the background is judged from: the rest of a JPEG's data is not
            // decoded (damage down there goes unnoticed; a truncated file does not).
            decoded = try PhotoDecoder.decode(
                data, minimumWidth: Self.judgingWidth, topShare: PhotoBackground.depth)
        } catch {
            finding.format = PhotoFormat.sniff(data)
            finding.errors.append(Self.failure(error, format: finding.format))
            return finding
        }
        finding.format = decoded.format
        finding.colorModel = decoded.colorModel
        finding.width = decoded.width
        finding.height = decoded.height
        let ext = Self.nameParts(entryPath)?.ext ?? ""
        if !decoded.format.extensions.contains(ext), finding.documentNumber != nil {
            finding.warnings.append(
                CheckFailure(
                    .photoExtensionMismatch,
                    "文件名是 .\(ext)，内容其实是 \(decoded.format.displayName) 图片；已按 \(decoded.format.displayName) 读取，建议改正扩展名"
                ))
        }
        checkSize(decoded, &finding)
        let background = PhotoBackground.judge(decoded.image, wholeHeight: decoded.scaledHeight)
        finding.background = background
        checkBackground(background, &finding)
        return finding
    }

    private func checkSize(_ photo: DecodedPhoto, _ finding: inout PhotoFinding) {
        let tolerance = settings.pixelTolerance
        guard
            abs(photo.width - settings.width) > tolerance
                || abs(photo.height - settings.height) > tolerance
        else { return }
        let allowance = tolerance > 0 ? "（允许相差 \(tolerance) 像素）" : ""
        finding.errors.append(
            CheckFailure(
                .photoDimensions,
                "照片是 \(photo.width)×\(photo.height) 像素，应为 \(settings.width)×\(settings.height) 像素\(allowance)；请按标准一寸照片尺寸裁剪后重新导出"
            ))
    }

    private func checkBackground(_ background: PhotoBackground, _ finding: inout PhotoFinding) {
        let wanted = settings.background
        guard background.color != wanted || background.share < settings.backgroundMinimumShare
        else { return }
        let percent = Int((background.share * 100).rounded())
        let message: String
        if background.color == .transparent {
            message = "照片背景是透明的（没有底色）；请换成\(wanted.chineseName)背景后重新导出"
        } else if background.color == wanted {
            message =
                "照片背景不是均匀的\(wanted.chineseName)（边缘只有 \(percent)% 是\(wanted.chineseName)）；请换成纯\(wanted.chineseName)背景的证件照"
        } else {
            message =
                "照片背景是\(background.color.chineseName)（边缘 \(percent)% 的像素），要求\(wanted.chineseName)背景；请更换背景后重新拍摄或导出"
        }
        finding.errors.append(CheckFailure(.photoBackground, message))
    }

    private static func failure(_ error: PhotoDecodingError, format: PhotoFormat?) -> CheckFailure {
        switch error {
        case .notAnImage:
            return CheckFailure(.photoFormat, "不是 JPEG 或 PNG 图片（按文件内容判断）；请用 .jpg 或 .png 格式的照片")
        case .corrupt:
            let what = format?.displayName ?? "图片"
            return CheckFailure(.photoCorrupt, "\(what) 文件已损坏或不完整，无法打开；请重新导出这张照片")
        case .unsupportedColorSpace(let model):
            return CheckFailure(
                .photoUnsupported,
                "照片是\(model.chineseName)模式（用于印刷），颜色无法可靠判断；请另存为 RGB 彩色 JPEG 后放入")
        case .tooManyPixels(let width, let height):
            return CheckFailure(
                .photoDimensions, "照片是 \(width)×\(height) 像素，远超标准尺寸，未予读取；请裁剪为标准一寸照片")
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / Double(1 << 20))
    }
}
