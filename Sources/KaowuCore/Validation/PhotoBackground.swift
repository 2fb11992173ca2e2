import PhotoDecoding

/// The background colour of an ID photo, judged from its border region: the top band above
/// the head and the side bands beside it, down to mid-height. The bottom (shoulders, clothes)
/// and the centre (the face) are left out, and every pixel of the region votes, so one odd
/// pixel or a red jumper never decides.
public struct PhotoBackground: Sendable, Equatable {
    /// The colour most border pixels show.
    public var color: BackgroundColor
    /// The share of border pixels that show `color` (0...1).
    public var share: Double

    /// Top band: this share of the height; side bands: this share of the width each.
    static let band = 0.1
    /// Side bands reach down to this share of the height.
    static let sideDepth = 0.5

    /// Judges `image` (at any scale). An image too small to have a border region is judged
    /// from all its pixels.
    public static func judge(_ image: RGBAImage) -> PhotoBackground {
        var votes = [BackgroundColor: Int]()
        let top = max(1, Int(Double(image.height) * band))
        let side = max(1, Int(Double(image.width) * band))
        let sideBottom = max(top, Int(Double(image.height) * sideDepth))
        func vote(_ x: Int, _ y: Int) {
            let p = image.pixel(x: x, y: y)
            votes[BackgroundColor.of(r: p.r, g: p.g, b: p.b, a: p.a), default: 0] += 1
        }
        for y in 0..<min(top, image.height) {
            for x in 0..<image.width { vote(x, y) }
        }
        for y in top..<min(sideBottom, image.height) {
            for x in 0..<min(side, image.width) { vote(x, y) }
            for x in max(side, image.width - side)..<image.width { vote(x, y) }
        }
        let total = votes.values.reduce(0, +)
        // Ties go to the earlier colour in `allCases`, so the verdict never depends on hashing.
        let best = BackgroundColor.allCases.max {
            (votes[$0] ?? 0, -$0.index) < (votes[$1] ?? 0, -$1.index)
        }!
        return PhotoBackground(
            color: best, share: total == 0 ? 0 : Double(votes[best] ?? 0) / Double(total))
    }
}

extension BackgroundColor {
    fileprivate var index: Int { Self.allCases.firstIndex(of: self)! }
}
