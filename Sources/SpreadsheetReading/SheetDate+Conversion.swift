extension SheetDate {
    /// The date a spreadsheet serial number stands for, or nil outside Excel's range
    /// (negative, or after 9999-12-31). Seconds are rounded to the nearest whole second.
    ///
    /// 1900 system: serial 1 is 1900-01-01 and, as in Lotus 1-2-3 and Excel, serial 60 is the
    /// nonexistent 1900-02-29. 1904 system: serial 0 is 1904-01-01.
    init?(serial: Double, date1904: Bool) {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let time = (hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60)
        let unixDays: Int
        if date1904 {
            unixDays = days - 24_107
        } else if days == 60 {
            self.init(
                year: 1900, month: 2, day: 29,
                hour: time.hour, minute: time.minute, second: time.second)
            return
        } else {
            // Serials before the phantom leap day are one day further from the 1899-12-30 base.
            unixDays = (days < 60 ? days + 1 : days) - 25_569
        }
        let civil = Self.civil(fromUnixDays: unixDays)
        self.init(
            year: civil.year, month: civil.month, day: civil.day,
            hour: time.hour, minute: time.minute, second: time.second)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS[.fff][Z]`;
    /// nil for anything else.
    init?(iso text: String) {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + length)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), bytes.count >= 10, bytes[4] == UInt8(ascii: "-"),
            bytes[7] == UInt8(ascii: "-"), let month = number(5, 2), let day = number(8, 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        guard bytes.count > 10 else {
            self.init(year: year, month: month, day: day)
            return
        }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            let hour = number(11, 2), let minute = number(14, 2)
        else { return nil }
        self.init(
            year: year, month: month, day: day, hour: hour, minute: minute,
            second: number(17, 2) ?? 0)
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    private static func civil(fromUnixDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
