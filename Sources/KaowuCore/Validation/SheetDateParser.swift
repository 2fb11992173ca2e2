import SpreadsheetReading

/// Reads dates that clerks type as text: 2024-09-01, 2024/9/1, 2024.9.1, 2024年9月1日,
/// each optionally followed by a time (9:00 or 09:00:00).
enum SheetDateParser {
    static func parse(_ text: String, withTime: Bool) -> SheetDate? {
        var numbers: [Int] = []
        var current: Int?
        for scalar in text.unicodeScalars {
            if (48...57).contains(scalar.value) {
                let digit = Int(scalar.value - 48)
                current = (current ?? 0) * 10 + digit
                if current! > 9999 { return nil }
            } else {
                guard "-/.年月日 :时分秒T".unicodeScalars.contains(scalar) else { return nil }
                if let c = current { numbers.append(c) }
                current = nil
            }
        }
        if let c = current { numbers.append(c) }
        guard numbers.count == 3 || (withTime && (numbers.count == 5 || numbers.count == 6))
        else { return nil }
        let date = SheetDate(
            year: numbers[0], month: numbers[1], day: numbers[2],
            hour: numbers.count > 3 ? numbers[3] : 0, minute: numbers.count > 4 ? numbers[4] : 0,
            second: numbers.count > 5 ? numbers[5] : 0)
        return isValid(date) ? date : nil
    }

    static func isValid(_ d: SheetDate) -> Bool {
        guard (1900...2999).contains(d.year), (1...12).contains(d.month), d.day >= 1,
            (0...23).contains(d.hour), (0...59).contains(d.minute), (0...59).contains(d.second)
        else { return false }
        let leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][d.month - 1]
        return d.day <= days
    }
}
