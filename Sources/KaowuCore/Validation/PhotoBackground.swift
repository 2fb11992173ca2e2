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
    /// The share of the height, from the top, that the region lies in: the rows `judge`
    /// needs, and all a decode has to deliver.
    static let depth = max(band, sideDepth)

    /// Judges `image` (at any scale). An image too small to have a border region is judged
    /// from all its pixels.
    ///
    /// - Parameter wholeHeight: the height of the whole image when `image` holds only its top
    ///   rows; they must reach `depth` of it. Nil: `image` is the whole image.
    public static func judge(_ image: RGBAImage, wholeHeight: Int? = nil) -> PhotoBackground {
        // Votes by `BackgroundColor.allCases` index: a fixed array, not a dictionary, since
        // every pixel of the region votes (hashing per pixel was a tenth of a photo ZIP's time).
        var votes = [Int](repeating: 0, count: BackgroundColor.allCases.count)
        let (width, height) = (image.width, image.height)
        let whole = Double(wholeHeight ?? height)
        let top = max(1, Int(whole * band))
        let side = max(1, Int(Double(width) * band))
        let sideBottom = max(top, Int(whole * sideDepth))
        image.pixels.withUnsafeBufferPointer { pixels in
            func vote(_ x: Int, _ y: Int) {
                let i = (y * width + x) * 4
                let color = BackgroundColor.of(
                    r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3])
                votes[color.index] += 1
            }
            for y in 0..<min(top, height) {
                for x in 0..<width { vote(x, y) }
            }
            for y in top..<min(sideBottom, height) {
                for x in 0..<min(side, width) { vote(x, y) }
                for x in max(side, width - side)..<width { vote(x, y) }
            }
        }
        let total = votes.reduce(0, +)
        // Ties go to the earlier colour in `allCases`, so the verdict never depends on hashing.
        var best = 0
        for i in votes.indices where votes[i] > votes[best] { best = i }
        return PhotoBackground(
            color: BackgroundColor.allCases[best],
            share: total == 0 ? 0 : Double(votes[best]) / Double(total))
    }
}

extension BackgroundColor {
    /// The colour's place in `allCases`.
    fileprivate var index: Int {
        switch self {
        case .red: return 0
        case .orange: return 1
        case .yellow: return 2
        case .green: return 3
        case .blue: return 4
        case .purple: return 5
        case .white: return 6
        case .gray: return 7
        case .black: return 8
        case .transparent: return 9
        }
    }
}
