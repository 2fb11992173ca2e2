/// Lossless clean-up of what Excel, WPS and copy-paste leave in cells.
///
/// Every function here is pure and safe to call from any thread. `clean` is on the hot path
/// (every cell of every row), so pure printable ASCII that needs no change is returned as is.
public enum TextNormalizer {
    /// The cell as a clerk means it:
    /// - full-width ASCII (U+FF01–U+FF5E: １２３Ｘ，ＡＢＣ) becomes half-width;
    /// - tabs, line breaks, NBSP, the ideographic space U+3000 and the other Unicode spaces
    ///   become a space; runs of spaces collapse to one; leading and trailing spaces go;
    /// - invisible characters go: zero-width U+200B–U+200D, direction marks U+200E/U+200F,
    ///   U+2060, BOM U+FEFF, soft hyphen U+00AD, and other control characters.
    /// Nothing else changes: letters keep their case, CJK punctuation stays.
    public static func clean(_ s: String) -> String {
        // Most cells are clean already: checking is cheaper than building a copy.
        if isCleanASCII(s) || isClean(s) { return s }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            switch kind(of: scalar) {
            case .drop:
                continue
            case .space:
                pendingSpace = !out.isEmpty
            case .keep(let kept):
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append(kept)
            }
        }
        return String(out)
    }

    /// `clean`, then every space and dash removed, for numbers clerks write in groups:
    /// "110105 1949-1231 002x" → "1101051949" + "1231002x". Case is kept.
    public static func compact(_ s: String) -> String {
        let cleaned = clean(s)
        guard cleaned.utf8.contains(where: { $0 == 0x20 || $0 >= 0x80 || $0 == 0x2D })
        else { return cleaned }
        var out = String.UnicodeScalarView()
        for scalar in cleaned.unicodeScalars where scalar != " " && !isDash(scalar) {
            out.append(scalar)
        }
        return String(out)
    }

    /// Unifies the separators of multi-part names (阿卜杜·热合曼) to "·" (U+00B7):
    /// the look-alike dots ・ ･ • ‧ ⋅ ∙ U+0387 U+2E31 anywhere, and "." "﹒" "。" only between two
    /// Chinese characters (a Latin "J. Smith" keeps its period). Spaces next to a "·" are
    /// removed. "●" and other symbols are left alone, so that the name check rejects them.
    /// Expects text that went through `clean` (a full-width "．" is "." by then).
    public static func normalizeNameDots(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isAnyDot($0) }) else { return s }
        let scalars = Array(s.unicodeScalars)
        var unified: [Unicode.Scalar] = []
        unified.reserveCapacity(scalars.count)
        for (i, scalar) in scalars.enumerated() {
            if middleDotVariants.contains(scalar.value) {
                unified.append(middleDot)
            } else if periodsBetweenHan.contains(scalar.value),
                let before = neighbour(of: i, in: scalars, step: -1),
                let after = neighbour(of: i, in: scalars, step: 1),
                HanCharacters.contains(before), HanCharacters.contains(after)
            {
                unified.append(middleDot)
            } else {
                unified.append(scalar)
            }
        }
        var out = String.UnicodeScalarView()
        for (i, scalar) in unified.enumerated() {
            let touchesDot =
                (i > 0 && unified[i - 1] == middleDot)
                || (i + 1 < unified.count && unified[i + 1] == middleDot)
            if scalar == " " && touchesDot { continue }
            out.append(scalar)
        }
        return String(out)
    }

    // MARK: - Internals

    private static let middleDot: Unicode.Scalar = "\u{00B7}"
    private static let middleDotVariants: Set<UInt32> = [
        0x00B7, 0x0387, 0x2022, 0x2027, 0x2219, 0x22C5, 0x2E31, 0x30FB, 0xFF65,
    ]
    private static let periodsBetweenHan: Set<UInt32> = [0x002E, 0x3002, 0xFE52]

    private static func isAnyDot(_ scalar: Unicode.Scalar) -> Bool {
        middleDotVariants.contains(scalar.value) || periodsBetweenHan.contains(scalar.value)
    }

    /// The nearest non-space scalar before (`step` -1) or after (+1) position `i`.
    private static func neighbour(
        of i: Int, in scalars: [Unicode.Scalar], step: Int
    ) -> Unicode.Scalar? {
        var j = i + step
        while j >= 0 && j < scalars.count {
            if scalars[j] != " " { return scalars[j] }
            j += step
        }
        return nil
    }

    /// True when `clean` would return `s` unchanged and only ASCII is involved: printable
    /// characters and single inner spaces. One pass over the UTF-8 bytes, no allocation.
    private static func isCleanASCII(_ s: String) -> Bool {
        var previous: UInt8 = 0x20  // so that a leading space fails
        for byte in s.utf8 {
            if byte == 0x20 {
                if previous == 0x20 { return false }
            } else if byte < 0x21 || byte > 0x7E {
                return false
            }
            previous = byte
        }
        return previous != 0x20 || s.isEmpty
    }

    /// Whether `clean` would return `s` unchanged.
    private static func isClean(_ s: String) -> Bool {
        var afterSpace = true  // so that a leading space fails
        for scalar in s.unicodeScalars {
            switch kind(of: scalar) {
            case .drop:
                return false
            case .space:
                if scalar != " " || afterSpace { return false }
                afterSpace = true
            case .keep(let kept):
                if kept != scalar { return false }
                afterSpace = false
            }
        }
        return !afterSpace || s.isEmpty
    }

    private enum ScalarKind {
        case keep(Unicode.Scalar)
        case space
        case drop
    }

    private static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
            0x205F, 0x3000:
            return .space
        case 0x00...0x08, 0x0E...0x1F, 0x7F, 0xAD, 0x200B...0x200F, 0x2060, 0xFEFF:
            return .drop
        case 0xFF01...0xFF5E:
            return .keep(Unicode.Scalar(scalar.value - 0xFEE0)!)
        default:
            return .keep(scalar)
        }
    }

    private static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63: return true
        default: return false
        }
    }
}
