/// Checks identity document numbers and masks them for logs.
///
/// Resident IDs follow GB 11643-1999: a 6-digit region code, the birth date YYYYMMDD, a 3-digit
/// sequence and an ISO 7064 MOD 11-2 check character (0–9 or X). 港澳台居民居住证 and the new
/// 18-character 外国人永久居留身份证 use the same layout, so they share those checks and codes.
public enum IdentityDocument {
    /// Oldest plausible holder: birth dates giving a greater age are rejected.
    public static let maximumAge = 120
    /// Youngest plausible candidate: nobody under five sits a vocational exam, so such a birth
    /// date is a typo in the year.
    public static let minimumAge = 5

    /// Validates `raw` as a number of the document `type`, as of `today`.
    ///
    /// Returns the normalised number on success: spaces and dashes removed, full-width
    /// characters made half-width, letters uppercase (a final x becomes X). Returns a failure
    /// whose message names the document and says how to correct the cell; when the number has
    /// the shape of another document type, the failure is `document.type-mismatch` and the
    /// message suggests that type.
    public static func validate(
        type: DocumentType, number raw: String, today: CivilDate
    ) -> Result<String, CheckFailure> {
        let number = TextNormalizer.compact(raw).uppercased()
        if number.isEmpty {
            return .failure(CheckFailure(.required, "证件号码为空；请填写\(type.rawValue)号码"))
        }
        if ExcelDamage.isScientificNotation(number) {
            return .failure(excelNumberFailure)
        }
        if let failure = shapeFailure(type: type, number: number) {
            if let other = likelyType(of: number), other != type {
                return .failure(
                    CheckFailure(
                        .documentTypeMismatch,
                        "证件号码“\(number)”看起来是\(other.rawValue)的号码，与证件类型“\(type.rawValue)”"
                            + "不符；请把证件类型改为“\(other.rawValue)”，或改填\(type.rawValue)号码"))
            }
            return .failure(failure)
        }
        if gb11643Types.contains(type), number.utf8.count == 18 {
            if let failure = contentFailure(type: type, number: number, today: today) {
                return .failure(failure)
            }
        }
        return .success(number)
    }

    /// For a document number that arrived as a NUMBER cell: a failure when Excel must have
    /// dropped digits (it keeps 15 significant digits, so any value from 1e15 up, such as an
    /// 18-digit ID shown as 1.10105E+17), nil when every digit survived. After nil, write the
    /// value as an integer without a decimal point and pass that text to `validate`.
    public static func excelNumberDamage(_ value: Double) -> CheckFailure? {
        value >= ExcelDamage.firstLossyValue ? excelNumberFailure : nil
    }

    /// The number as logs may show it: the first 6 and the last 4 characters,
    /// "110105********123X". Numbers shorter than 15 characters keep a quarter at each end.
    public static func mask(_ number: String) -> String {
        Masking.mask(number, first: 6, last: 4)
    }

    // MARK: - Shapes

    private static let excelNumberFailure = CheckFailure(
        .cnIDExcelNumber, "证件号码被 Excel 存成了数字，末尾几位已丢失；请把该列设为文本格式后重新填写")

    /// The province-level codes (first two digits) that mainland resident IDs use.
    private static let provinceCodes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65",
    ]
    /// The types whose 18-character numbers carry a birth date and a MOD 11-2 check character.
    private static let gb11643Types: Set<DocumentType> = [
        .residentIDCard, .residencePermit, .foreignPermanentResidentCard,
    ]
    private static let residencePermitPrefixes: Set<String> = ["810000", "820000", "830000"]

    /// The failure for a number that is not even shaped like `type`: wrong length, wrong
    /// characters, or a prefix the type never has. Nil when the shape is right.
    private static func shapeFailure(type: DocumentType, number: String) -> CheckFailure? {
        let bytes = Array(number.utf8)
        switch type {
        case .residentIDCard:
            if bytes.count == 15 && bytes.allSatisfy(isDigit) {
                return CheckFailure(
                    .cnIDOld15, "这是 15 位的旧身份证号码，已停止使用；请改填 18 位的居民身份证号码")
            }
            if let failure = gb11643FormatFailure(type: type, number: number) { return failure }
            if !provinceCodes.contains(String(number.prefix(2))) {
                return CheckFailure(
                    .cnIDRegion,
                    "居民身份证号码前 6 位“\(number.prefix(6))”不是有效的地区码；请对照证件核对前 6 位")
            }
            return nil
        case .residencePermit:
            if let failure = gb11643FormatFailure(type: type, number: number) { return failure }
            if !residencePermitPrefixes.contains(String(number.prefix(6))) {
                return CheckFailure(
                    .cnIDRegion,
                    "港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头；"
                        + "请对照证件核对前 6 位")
            }
            return nil
        case .hongKongMacaoPermit:
            let valid =
                (bytes.count == 9 || bytes.count == 11)
                && (bytes[0] == UInt8(ascii: "H") || bytes[0] == UInt8(ascii: "M"))
                && bytes.dropFirst().allSatisfy(isDigit)
            return valid
                ? nil
                : CheckFailure(
                    .hongKongMacaoPermitFormat,
                    "港澳居民来往内地通行证号码应为 H（香港）或 M（澳门）加 8 位或 10 位数字，如 H12345678；"
                        + "请对照证件核对")
        case .taiwanPermit:
            let valid = bytes.count == 8 && bytes.allSatisfy(isDigit)
            return valid
                ? nil
                : CheckFailure(
                    .taiwanPermitFormat,
                    "台湾居民来往大陆通行证号码应为 8 位数字，现在是 \(number.count) 位；请对照证件核对，"
                        + "若号码以 0 开头，请把该列设为文本格式后重新填写")
        case .passport:
            let valid =
                (5...17).contains(bytes.count) && bytes.allSatisfy(isUpperAlphanumeric)
                && bytes.contains(where: isDigit)
            return valid
                ? nil
                : CheckFailure(
                    .passportFormat, "护照号码应为 5–17 位字母和数字（如 E12345678），不能有其他符号；请对照护照核对")
        case .foreignPermanentResidentCard:
            let old =
                bytes.count == 15 && bytes.prefix(3).allSatisfy(isUpperLetter)
                && bytes.dropFirst(3).allSatisfy(isDigit)
            let new = isGB11643Shaped(bytes) && bytes[0] == UInt8(ascii: "9")
            return old || new
                ? nil
                : CheckFailure(
                    .foreignPermanentResidentFormat,
                    "外国人永久居留身份证号码应为 18 位（以 9 开头）或旧版 15 位（3 个字母加 12 位数字）；"
                        + "请对照证件核对")
        }
    }

    /// Length and characters of an 18-character GB 11643 number. A number that starts with a
    /// letter gets a hint: clerks often put passport numbers under the default type.
    private static func gb11643FormatFailure(type: DocumentType, number: String) -> CheckFailure? {
        let bytes = Array(number.utf8)
        let hint =
            bytes.first.map(isUpperLetter) == true
            ? "；如果这是护照号码，请把证件类型改为“护照”" : ""
        if number.count != 18 {
            return CheckFailure(
                .cnIDLength,
                "\(type.rawValue)号码应为 18 位，现在是 \(number.count) 位；请对照证件逐位核对\(hint)")
        }
        if isGB11643Shaped(bytes) { return nil }
        let offending =
            number.first { character in
                guard let ascii = character.asciiValue else { return true }
                return !isDigit(ascii) && ascii != UInt8(ascii: "X")
            } ?? "X"  // every character is a digit or X, so an X stands before the end
        return CheckFailure(
            .cnIDFormat,
            "\(type.rawValue)号码应为 17 位数字加 1 位校验码（数字或 X），这里有“\(offending)”；"
                + "请改正\(hint)")
    }

    /// 17 digits and a final digit or X.
    private static func isGB11643Shaped(_ bytes: [UInt8]) -> Bool {
        bytes.count == 18 && bytes.prefix(17).allSatisfy(isDigit)
            && (isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X"))
    }

    /// The document type `number` is unmistakably shaped like, if any. Passports and Taiwan
    /// permits are never suggested: their shapes overlap too much with typos.
    private static func likelyType(of number: String) -> DocumentType? {
        let bytes = Array(number.utf8)
        if isGB11643Shaped(bytes) {
            if residencePermitPrefixes.contains(String(number.prefix(6))) {
                return .residencePermit
            }
            if bytes[0] == UInt8(ascii: "9") { return .foreignPermanentResidentCard }
            if provinceCodes.contains(String(number.prefix(2))) { return .residentIDCard }
            return nil
        }
        for type in [DocumentType.hongKongMacaoPermit, .foreignPermanentResidentCard]
        where shapeFailure(type: type, number: number) == nil {
            return type
        }
        return nil
    }

    // MARK: - Birth date and check character

    /// Birth date (characters 7–14) and check character of an 18-character number whose shape
    /// is already right.
    private static func contentFailure(
        type: DocumentType, number: String, today: CivilDate
    ) -> CheckFailure? {
        let digits = number.utf8.map { Int($0) - Int(UInt8(ascii: "0")) }
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        let name = type.rawValue
        guard let birth = CivilDate(year: year, month: month, day: day) else {
            let field = String(decoding: Array(number.utf8)[6..<14], as: UTF8.self)
            return CheckFailure(
                .cnIDBirthdate, "\(name)号码第 7–14 位是出生日期，“\(field)”不是有效的日期；请对照证件核对")
        }
        if birth > today {
            return CheckFailure(
                .cnIDBirthdate, "\(name)号码中的出生日期 \(birth) 晚于今天；请对照证件核对第 7–14 位")
        }
        let age = birth.fullYears(until: today)
        if age > maximumAge {
            return CheckFailure(
                .cnIDBirthdate,
                "\(name)号码中的出生日期 \(birth) 表示年龄超过 \(maximumAge) 岁；请对照证件核对第 7–14 位")
        }
        if age < minimumAge {
            return CheckFailure(
                .cnIDBirthdate,
                "\(name)号码中的出生日期 \(birth) 表示不满 \(minimumAge) 周岁，不可能是考生；"
                    + "请对照证件核对第 7–14 位")
        }
        if checkCharacter(of: digits.prefix(17)) != number.last {
            return CheckFailure(
                .cnIDChecksum,
                "\(name)号码校验不通过，说明有某一位输错或相邻两位颠倒；请对照证件逐位核对")
        }
        return nil
    }

    /// ISO 7064 MOD 11-2 over the first 17 digits, as GB 11643 specifies.
    static func checkCharacter(of digits: ArraySlice<Int>) -> Character {
        let sum = zip(digits, checkWeights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    private static let checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")

    // MARK: - Bytes

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isUpperLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
    private static func isUpperAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || isUpperLetter(byte)
    }
}
