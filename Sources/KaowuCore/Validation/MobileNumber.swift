/// Checks mainland mobile numbers and masks them for logs.
public enum MobileNumber {
    /// Validates `raw` as a mainland mobile number: 11 digits matching 1[3-9]xxxxxxxxx.
    ///
    /// Tolerates what clerks and Excel add: a +86, 86 or 0086 prefix, spaces, dashes,
    /// parentheses, full-width digits, and the ".0" of a number cell written as text.
    /// Returns the bare 11 digits, or a `cn-mobile.format` failure saying what to correct.
    public static func validate(_ raw: String) -> Result<String, CheckFailure> {
        // Nearly every cell is the bare number already: one pass over its bytes says so.
        if isBareNumber(raw) { return .success(raw) }
        var number = TextNormalizer.compact(raw)
        number.removeAll { $0 == "(" || $0 == ")" }
        if number.isEmpty {
            return .failure(CheckFailure(.required, "手机号为空；请填写 11 位手机号"))
        }
        if ExcelDamage.isScientificNotation(number.uppercased()) {
            return .failure(
                CheckFailure(
                    .cnMobileFormat, "手机号被 Excel 显示成了科学计数法，数字已丢失；请把该列设为文本格式后重新填写"))
        }
        if number.hasSuffix(".0") { number.removeLast(2) }
        number = withoutCountryCode(number)
        if let wrong = number.first(where: { !$0.isASCII || !$0.isNumber }) {
            return .failure(
                CheckFailure(
                    .cnMobileFormat, "手机号只能由数字组成，这里有“\(wrong)”；请只填写 11 位手机号"))
        }
        if number.hasPrefix("0") {
            return .failure(
                CheckFailure(
                    .cnMobileFormat, "“\(number)”看起来是固定电话号码；请填写 11 位手机号"))
        }
        if number.count != 11 {
            return .failure(
                CheckFailure(
                    .cnMobileFormat, "手机号应为 11 位，现在是 \(number.count) 位；请填写 11 位手机号"))
        }
        let bytes = Array(number.utf8)
        let secondDigits = UInt8(ascii: "3")...UInt8(ascii: "9")
        guard bytes[0] == UInt8(ascii: "1"), secondDigits.contains(bytes[1]) else {
            return .failure(
                CheckFailure(
                    .cnMobileFormat, "手机号应以 13–19 开头，“\(number)”不是有效的手机号；请核对"))
        }
        return .success(number)
    }

    /// The number as logs may show it: "138****5678" (first 3, last 4).
    public static func mask(_ number: String) -> String {
        Masking.mask(number, first: 3, last: 4)
    }

    /// Whether `text` is exactly 11 ASCII digits that start with 13–19: a valid number that
    /// needs no clean-up.
    private static func isBareNumber(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            let valid: Bool
            switch count {
            case 0: valid = byte == UInt8(ascii: "1")
            case 1: valid = (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(byte)
            default: valid = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
            count += 1
            if !valid || count > 11 { return false }
        }
        return count == 11
    }

    /// Strips +86 / 0086 / 86 when what follows is a full 11-digit number starting with 1.
    private static func withoutCountryCode(_ number: String) -> String {
        for prefix in ["+86", "0086", "86"] where number.hasPrefix(prefix) {
            let rest = number.dropFirst(prefix.count)
            if rest.count == 11 && rest.hasPrefix("1") { return String(rest) }
        }
        return number
    }
}
