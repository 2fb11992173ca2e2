import SpreadsheetReading

/// Exam subject codes (考试科目代码): six digits whose leading zeros matter. Excel drops them as
/// soon as the column is not text (`001234` becomes the number 1234); the code's fixed length
/// makes putting them back lossless.
enum SubjectCode {
    static let length = 6

    /// The six-digit code in `text` (a cell's text, or a number's digits), zeros restored.
    static func validate(_ text: String) -> Result<String, CheckFailure> {
        let digits = TextNormalizer.compact(text)
        guard !digits.isEmpty, digits.count <= length,
            digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else {
            return .failure(
                CheckFailure(.subjectCodeFormat, "科目代码应为 6 位数字（如 001234），这里是“\(text)”"))
        }
        return .success(String(repeating: "0", count: length - digits.count) + digits)
    }
}
