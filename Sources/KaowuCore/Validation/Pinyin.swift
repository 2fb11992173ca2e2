import Foundation

/// Pinyin for names: filling a blank 姓名拼音 cell, and warning when a filled one does not match.
///
/// Readings come from ICU's `Han-Latin/Names` transform (through Foundation), which reads the
/// first character as a surname: 单 is Shan, 曾 is Zeng, 尉迟 is Yuchi. Given names get ICU's
/// ordinary reading, so a polyphonic given name may come out wrong: that is why a mismatch is
/// only ever a warning. Cost: an ICU transform takes 20–30 µs per name on the 2-core build
/// machine, so readings are remembered per name start and per character (`PinyinReadingCache`):
/// a roster pays for each distinct one once. The calls are safe from any thread.
public enum Pinyin {
    /// The pinyin for `name`, in the form certificates print:
    /// - a Chinese name: surname, a space, the given name's syllables run together, each part
    ///   capitalised: 张三丰 → "Zhang Sanfeng", 欧阳修 → "Ouyang Xiu" (compound surnames such
    ///   as 欧阳, 司马, 诸葛, 上官 count as the surname);
    /// - a name in parts joined by "·": every part run together and capitalised, the parts joined
    ///   by a space instead of "·" so that the result is plain ASCII:
    ///   阿卜杜·热合曼 → "Abodu Reheman";
    /// - a name in Latin letters: the name itself, cleaned (it is its own romanisation).
    /// Returns nil when `name` is blank, mixes scripts, or holds a character ICU cannot read.
    public static func of(name: String) -> String? {
        switch reading(of: name) {
        case .chinese(let parts, let surnameLength)?:
            if parts.count == 1 && parts[0].count > surnameLength {
                let syllables = parts[0][...]
                return spelled([
                    syllables.prefix(surnameLength), syllables.dropFirst(surnameLength),
                ])
            }
            return spelled(parts.map { $0[...] })
        case .latin(let cleaned)?:
            return cleaned
        case nil:
            return nil
        }
    }

    /// Whether the pinyin a clerk wrote (`given`) fits `name`. Tolerant of case, spaces,
    /// apostrophes, hyphens, tone marks and tone numbers, ü written as u, v or yu (LYU is the
    /// passport spelling of 吕), and of the given name written before the surname
    /// ("Sanfeng Zhang"). Only ICU's reading counts. True when `name` has no reading to compare
    /// with (see `of(name:)`); false when `given` is blank.
    public static func matches(given: String, name: String) -> Bool {
        let written = folded(given)
        if written.isEmpty { return false }
        switch reading(of: name) {
        case .chinese(let parts, let surnameLength)?:
            var orders = [parts, parts.reversed()]
            if parts.count == 1 {
                let syllables = parts[0]
                orders.append([
                    Array(syllables.dropFirst(surnameLength)),
                    Array(syllables.prefix(surnameLength)),
                ])
            }
            return orders.contains { folded($0.joined().joined()) == written }
        case .latin(let cleaned)?:
            return folded(cleaned) == written
        case nil:
            return true
        }
    }

    /// A `pinyin.mismatch` warning when `given` is filled in and does not fit `name`
    /// (see `matches`); nil when it fits or is blank (a blank cell is filled from `of(name:)`).
    public static func check(given: String, name: String) -> CheckFailure? {
        let written = TextNormalizer.clean(given)
        if written.isEmpty || matches(given: written, name: name) { return nil }
        let expected = of(name: name).map { "，按姓名应为“\($0)”" } ?? ""
        return CheckFailure(
            .pinyinMismatch,
            "姓名拼音“\(written)”与姓名“\(TextNormalizer.clean(name))”的读音不一致\(expected)；"
                + "请核对改正，或清空该格由系统自动填写（姓名有多音字时可忽略本提示）")
    }

    // MARK: - Internals

    private enum Reading {
        /// Syllables per "·"-separated part, lowercase ASCII; the surname's syllable count.
        case chinese(parts: [[String]], surnameLength: Int)
        case latin(String)
    }

    private static let transform = "Han-Latin/Names; Latin-ASCII"

    /// Two-character surnames, each as `PinyinReadingCache.key` of its two scalars.
    private static let compoundSurnames: Set<UInt64> = Set(
        [
            "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
            "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延",
        ].map { PinyinReadingCache.key($0.unicodeScalars) })

    private static func reading(of name: String) -> Reading? {
        let cleaned = TextNormalizer.normalizeNameDots(TextNormalizer.clean(name))
        let scalars = Array(cleaned.unicodeScalars.lazy.filter { $0 != " " })
        if scalars.isEmpty { return nil }
        if scalars.allSatisfy({ HanCharacters.contains($0) || $0 == PersonName.middleDot }) {
            return chineseReading(of: scalars)
        }
        if scalars.allSatisfy({ PersonName.isLatinLetter($0) || !$0.properties.isAlphabetic })
            && !scalars.contains(where: HanCharacters.contains)
        {
            return .latin(cleaned)
        }
        return nil
    }

    /// Remembers readings across names (see `PinyinReadingCache` for why that is exact); the
    /// common characters' readings are known from the start (`PinyinTable`).
    private static let readings = PinyinReadingCache(read: icuSyllables, table: .shipped)

    /// ICU's reading of `text`: lowercase syllables, one per character it could read.
    static func icuSyllables(_ text: String) -> [String]? {
        text.applyingTransform(StringTransform(rawValue: transform), reverse: false).map {
            $0.split(separator: " ").map { $0.lowercased() }
        }
    }

    /// `scalars`: Han characters and "·" only, one scalar each: parts are split and counted in
    /// scalars.
    private static func chineseReading(of scalars: [Unicode.Scalar]) -> Reading? {
        let hanParts = scalars.split(separator: PersonName.middleDot)
        var parts: [[String]] = []
        for part in hanParts {
            guard let syllables = readings.syllables(of: part) else { return nil }
            parts.append(syllables)
        }
        // One syllable per character, plain ASCII letters: otherwise ICU could not read a
        // character (a rare extension-B one, say) and no reading is better than a wrong one.
        guard parts.count == hanParts.count,
            zip(parts, hanParts).allSatisfy({ $0.count == $1.count }),
            parts.joined().allSatisfy({ $0.utf8.allSatisfy { (0x61...0x7A).contains($0) } })
        else { return nil }
        let start = PinyinReadingCache.key(scalars.prefix(2))
        let surnameLength = compoundSurnames.contains(start) ? 2 : 1
        return .chinese(parts: parts, surnameLength: surnameLength)
    }

    /// Each word's syllables run together and capitalised, the words joined by a space; built
    /// as bytes, since this runs for every row with a blank 姓名拼音 cell. Syllables are plain
    /// lowercase ASCII (`chineseReading` makes sure).
    private static func spelled(_ words: [ArraySlice<String>]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for word in words {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            let first = bytes.count
            for syllable in word { bytes.append(contentsOf: syllable.utf8) }
            if first < bytes.count { bytes[first] -= 0x20 }  // a–z → A–Z
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lowercase ASCII letters only, with ü/v/yu all as u, for comparing spellings.
    /// Tone marks go with the canonical decomposition (ǚ is u plus two combining marks).
    private static func folded(_ text: String) -> String {
        var lowered = TextNormalizer.clean(text).lowercased()
        if !lowered.utf8.allSatisfy({ $0 < 0x80 }) {
            lowered = lowered.decomposedStringWithCanonicalMapping
        }
        var out: [UInt8] = []
        out.reserveCapacity(lowered.utf8.count)
        let (u, v, y) = (UInt8(ascii: "u"), UInt8(ascii: "v"), UInt8(ascii: "y"))
        for byte in lowered.utf8 where (0x61...0x7A).contains(byte) {
            let letter = byte == v ? u : byte
            if letter == u && out.last == y {
                out[out.count - 1] = u
            } else {
                out.append(letter)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
