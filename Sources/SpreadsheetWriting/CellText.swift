/// Makes any Swift string safe to store in a cell or comment.
enum CellText {
    /// Excel's limit per cell, in UTF-16 code units; libxlsxwriter counts code points, which
    /// are never more, so text within this limit passes both.
    static let maximumLength = 32_767

    /// `text` with characters that XML 1.0 forbids (C0 controls other than tab, line feed and
    /// carriage return; U+FFFE, U+FFFF) replaced by U+FFFD, so the file always opens and the
    /// clerk sees where something invisible was; then cut to `maximumLength` at a character
    /// boundary, never inside a character.
    static func sanitized(_ text: String) -> String {
        var needsReplacement = false
        for scalar in text.unicodeScalars where !isAllowed(scalar) {
            needsReplacement = true
            break
        }
        var result = text
        if needsReplacement {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                scalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
            result = String(scalars)
        }
        guard result.utf16.count > maximumLength else { return result }
        var kept = Substring()
        var length = 0
        for character in result {
            length += character.utf16.count
            if length > maximumLength { break }
            kept.append(character)
        }
        return String(kept)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00..<0x20, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
