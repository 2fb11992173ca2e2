/// Checks a person's name as written on their identity document.
public enum PersonName {
    /// Chinese names: 2 to this many characters, "·" included.
    public static let maximumChineseLength = 20
    /// Latin-letter names (foreigners): 2 to this many characters, spaces included.
    public static let maximumLatinLength = 60

    /// Validates `raw` as a name and returns it normalised.
    ///
    /// A Chinese name is 2–20 Chinese characters (extensions and 〇 included), optionally in
    /// parts joined by "·" (阿卜杜·热合曼); look-alike dots become "·" and spaces between the
    /// characters are removed ("张  三" → "张三", a common way to align two-character names).
    /// A foreigner's name is Latin letters (accents allowed) with spaces, ".", "-", "'" or "·".
    /// Digits, other symbols, and Chinese mixed with Latin letters fail with `name.format`;
    /// a wrong length fails with `name.length`.
    public static func validate(_ raw: String) -> Result<String, CheckFailure> {
        let name = TextNormalizer.normalizeNameDots(TextNormalizer.clean(raw))
        if name.isEmpty {
            return .failure(CheckFailure(.required, "姓名为空；请填写与证件一致的姓名"))
        }
        // Most names are Chinese characters only (no digit among them): checked at once.
        if isChineseOnly(name) { return validateChinese(name) }
        // Decimal digits only: 三 and 〇 are numerals too, but legitimate in names.
        if let digit = name.unicodeScalars.first(where: {
            $0.properties.generalCategory == .decimalNumber
        }) {
            return .failure(
                CheckFailure(
                    .nameFormat, "姓名中不能有数字“\(Character(digit))”；请填写与证件一致的姓名"))
        }
        let scalars = name.unicodeScalars.filter { $0 != " " && $0 != middleDot }
        if !scalars.isEmpty && scalars.allSatisfy(HanCharacters.contains) {
            return validateChinese(name)
        }
        if scalars.contains(where: isLatinLetter)
            && scalars.allSatisfy({ isLatinLetter($0) || latinPunctuation.contains($0) })
        {
            return validateLatin(name)
        }
        if scalars.contains(where: HanCharacters.contains)
            && scalars.contains(where: isLatinLetter)
        {
            return .failure(
                CheckFailure(
                    .nameFormat, "姓名不能同时有汉字和字母；请按证件填写：中文姓名只写汉字，外文姓名只写字母"))
        }
        let wrong = scalars.first {
            !HanCharacters.contains($0) && !isLatinLetter($0) && !latinPunctuation.contains($0)
        }
        let what = wrong.map { "有不允许的字符“\(Character($0))”" } ?? "没有汉字或字母"
        return .failure(
            CheckFailure(
                .nameFormat, "姓名中\(what)；请填写与证件一致的姓名，少数民族姓名的间隔号请用“·”"))
    }

    static let middleDot: Unicode.Scalar = "\u{00B7}"

    private static let latinPunctuation: Set<Unicode.Scalar> = [
        ".", "-", "'", "\u{2019}", middleDot,
    ]

    /// Chinese characters, with or without "·" between them, and nothing else.
    private static func isChineseOnly(_ name: String) -> Bool {
        var hasHan = false
        for scalar in name.unicodeScalars {
            if HanCharacters.contains(scalar) {
                hasHan = true
            } else if scalar != middleDot {
                return false
            }
        }
        return hasHan
    }

    private static func validateChinese(_ spaced: String) -> Result<String, CheckFailure> {
        // Han characters and "·" are one scalar each: counting scalars counts characters.
        var scalars = spaced.unicodeScalars
        if scalars.contains(" ") {
            scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: spaced.unicodeScalars.lazy.filter { $0 != " " })
        }
        let name = String(scalars)
        let dots = zip(scalars, scalars.dropFirst())
        if scalars.first == middleDot || scalars.last == middleDot
            || dots.contains(where: { $0 == middleDot && $1 == middleDot })
        {
            return .failure(
                CheckFailure(
                    .nameFormat, "姓名中的间隔号“·”只能出现在两部分之间，如 阿卜杜·热合曼；请改正"))
        }
        let count = scalars.count
        if count < 2 || count > maximumChineseLength {
            return .failure(
                CheckFailure(
                    .nameLength,
                    "中文姓名应为 2–\(maximumChineseLength) 个字，“\(name)”是 \(count) 个字；"
                        + "请填写与证件一致的完整姓名"))
        }
        return .success(name)
    }

    private static func validateLatin(_ name: String) -> Result<String, CheckFailure> {
        if name.count < 2 || name.count > maximumLatinLength {
            return .failure(
                CheckFailure(
                    .nameLength,
                    "外文姓名应为 2–\(maximumLatinLength) 个字母（含空格），现在是 \(name.count) 个；"
                        + "请按护照填写完整姓名"))
        }
        return .success(name)
    }

    /// Letters of the Latin script: basic, Latin-1, Extended A/B and Extended Additional.
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        let latinBlock = scalar.value < 0x0250 || (0x1E00...0x1EFF).contains(scalar.value)
        return latinBlock && scalar.properties.isAlphabetic
    }
}
