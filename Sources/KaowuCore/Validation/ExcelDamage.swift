/// Recognises numbers that Excel has already ruined before kaowu sees them.
enum ExcelDamage {
    /// Excel keeps 15 significant digits: from here on, a number cell has lost digits.
    static let firstLossyValue = 1e15

    /// Digits, an optional fraction, E, an optional +, digits: "1.10105E+17", as a text cell
    /// (or a CSV) keeps a long number that Excel displayed in scientific notation. Expects
    /// uppercase text without spaces. Whatever the exponent, the digits after the shown ones
    /// are gone.
    static func isScientificNotation(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let e = bytes.firstIndex(of: UInt8(ascii: "E")), e > 0 else { return false }
        let mantissa = bytes[..<e].split(
            separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        var exponent = bytes[(e + 1)...]
        if exponent.first == UInt8(ascii: "+") { exponent = exponent.dropFirst() }
        return mantissa.count <= 2
            && mantissa.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
            && !exponent.isEmpty && exponent.allSatisfy(isDigit)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
