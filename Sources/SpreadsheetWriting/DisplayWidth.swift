/// How wide text looks in a cell, in Excel column-width units: a Latin character or digit is
/// one unit, a Chinese (or other East Asian full-width) character is two.
public enum DisplayWidth {
    /// The width of the widest line of `text`.
    public static func of(_ text: String) -> Int {
        var widest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widest = max(widest, current)
                current = 0
            } else {
                current += isWide(scalar) ? 2 : 1
            }
        }
        return max(widest, current)
    }

    /// How many lines `text` takes when wrapped in a cell `width` units wide (at least 1).
    public static func lines(_ text: String, width: Double) -> Int {
        let usable = max(1, Int(width) - 1)
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) {
            $0 + max(1, (of(String($1)) + usable - 1) / usable)
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
