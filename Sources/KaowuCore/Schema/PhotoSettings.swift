/// The photo rules of a photo kind, from `kaowu.photo` in its schema: sizes and colours are
/// settings (other exams ask for white or blue), not code. See `schemas/README.md`.
public struct PhotoSettings: Codable, Sendable {
    /// Accepted name extensions, lowercase without the dot (`jpg`, `jpeg`, `png`).
    public var extensions: [String]
    /// Required pixel size.
    public var width: Int
    public var height: Int
    /// How many pixels each side may differ from `width` × `height`.
    public var pixelTolerance: Int
    /// Largest accepted photo file.
    public var maxBytes: Int
    /// The background colour the photo must have.
    public var background: BackgroundColor
    /// The share of the border region that must show `background` (0...1).
    public var backgroundMinimumShare: Double
    /// Most entries one ZIP may hold (folders and skipped metadata included).
    public var maxEntries: Int
    /// Path components whose entries are skipped silently: `__MACOSX`, `Thumbs.db`, ...
    public var skippedNames: [String]

    /// What is wrong with these settings, or nil when they make sense.
    var inconsistency: String? {
        if extensions.isEmpty { return "extensions 不能为空" }
        if width <= 0 || height <= 0 || pixelTolerance < 0 {
            return "width/height/pixelTolerance 无效"
        }
        if maxBytes <= 0 || maxEntries <= 0 { return "maxBytes/maxEntries 应大于 0" }
        if !(0...1).contains(backgroundMinimumShare) { return "backgroundMinimumShare 应在 0 到 1 之间" }
        return nil
    }
}
