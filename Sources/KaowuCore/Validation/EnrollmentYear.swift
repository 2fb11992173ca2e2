/// Checks 入学年份 (the year a student enrolled), however the cell holds it.
public enum EnrollmentYear {
    /// No record in kaowu's scope enrolled earlier.
    public static let earliest = 1990

    /// Reads a text cell: "2023", "2023级", "2023年", "2023年级", "23级" (read as 2023), or a
    /// date such as "2023-09-01", "2023/9", "2023.09", "2023年9月1日", "20230901" (its year
    /// counts). "2023届" is refused: 届 is the graduation year. Then checks the range like
    /// `validate(year:today:)`. Fails with `year.format` or `year.range`.
    public static func validate(text raw: String, today: CivilDate) -> Result<Int, CheckFailure> {
        let text = TextNormalizer.clean(raw).filter { $0 != " " }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        if rest == "届" {
            return .failure(
                CheckFailure(
                    .yearFormat,
                    "“\(text)”是毕业年份（届）；入学年份请填写入学那一年的四位年份，如 \(today.year)"))
        }
        let year: Int?
        switch digits.count {
        case 4 where yearSuffixes.contains(String(rest)) || isDateTail(rest):
            year = Int(digits)
        case 2 where rest == "级":
            year = 2000 + Int(digits)!
        case 8 where rest.isEmpty:
            let value = Int(digits)!
            year = CivilDate(year: value / 10000, month: value / 100 % 100, day: value % 100)?.year
        default:
            year = nil
        }
        guard let year else {
            return .failure(
                CheckFailure(
                    .yearFormat, "入学年份“\(text)”无法识别；请填写四位年份，如 \(today.year)"))
        }
        return validate(year: year, today: today)
    }

    /// Reads a number cell: 2023 or 2023.0 (and 20230901, as text would be read). Fails with
    /// `year.format` for fractions and the like, `year.range` for years out of range.
    public static func validate(number: Double, today: CivilDate) -> Result<Int, CheckFailure> {
        guard number.isFinite, number.rounded() == number, abs(number) < 1e9 else {
            return .failure(
                CheckFailure(
                    .yearFormat, "入学年份应为四位整数年份，如 \(today.year)；请改正"))
        }
        return validate(text: String(Int(number)), today: today)
    }

    /// Checks a year already read (from a date cell, say): from `earliest` up to next year,
    /// since next autumn's enrolment may be registered ahead. Returns the year or `year.range`.
    public static func validate(year: Int, today: CivilDate) -> Result<Int, CheckFailure> {
        let latest = today.year + 1
        guard (earliest...latest).contains(year) else {
            return .failure(
                CheckFailure(
                    .yearRange,
                    "入学年份 \(year) 不在 \(earliest)–\(latest) 之间；请填写入学那一年的四位年份，如 \(today.year)"))
        }
        return .success(year)
    }

    private static let yearSuffixes: Set<String> = ["", "级", "年", "年级", "年入学", "级入学"]

    /// A separator and then month (and day) digits: "-09-01", "/9", ".09", "年9月1日".
    private static func isDateTail(_ tail: Substring) -> Bool {
        guard let first = tail.first, "-/.年".contains(first) else { return false }
        let body = tail.dropFirst()
        return body.contains { $0.isASCII && $0.isNumber }
            && body.allSatisfy { ($0.isASCII && $0.isNumber) || "-/.月日".contains($0) }
    }
}
