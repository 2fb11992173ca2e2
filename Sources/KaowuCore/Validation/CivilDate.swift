import Foundation

/// A calendar day (proleptic Gregorian) without time or zone: birth dates, and "today" as the
/// checks see it. Checks take `today` as a parameter so that tests and the CLI's clock decide it.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// China Standard Time, UTC+8 all year (no daylight saving since 1991).
    public static let chinaTimeZone = TimeZone(secondsFromGMT: 8 * 3600)!

    /// Returns nil unless the fields name a real day (2023-02-29 is nil, 2024-02-29 is not).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
            day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `date` falls on in `timeZone` (China by default, where kaowu's users are).
    public init(_ date: Date, timeZone: TimeZone = CivilDate.chinaTimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year!
        month = parts.month!
        day = parts.day!
    }

    /// Completed years from `self` (a birth date) to `later`: 2000-03-01 to 2020-02-29 is 19.
    public func fullYears(until later: CivilDate) -> Int {
        let birthdayReached = (later.month, later.day) >= (month, day)
        return later.year - year - (birthdayReached ? 0 : 1)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(mm)-\(dd)"
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
