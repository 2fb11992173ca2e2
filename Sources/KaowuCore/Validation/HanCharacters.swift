/// Which Unicode scalars count as Chinese characters in names: the CJK Unified Ideographs with
/// extensions A to H, the compatibility ideographs, and 〇 (U+3007, used in names like 李〇).
enum HanCharacters {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007,
            0x3400...0x4DBF,  // extension A
            0x4E00...0x9FFF,  // unified ideographs
            0xF900...0xFAFF,  // compatibility ideographs
            0x20000...0x2FA1F,  // extensions B–F and the compatibility supplement
            0x30000...0x323AF:  // extensions G and H
            return true
        default:
            return false
        }
    }
}
