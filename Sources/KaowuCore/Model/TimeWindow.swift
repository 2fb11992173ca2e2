import Foundation
import SpreadsheetReading

/// An inclusive span of local date-times in one time zone, to the second: a window from
/// 09:00:00 to 17:00:00 contains 09:00:00 and 17:00:00 but not 08:59:59 or 17:00:01.
public struct TimeWindow: Sendable, Equatable {
    public var start: SheetDate
    public var end: SheetDate
    public var timeZone: TimeZone

    public init(start: SheetDate, end: SheetDate, timeZone: TimeZone) {
        self.start = start
        self.end = end
        self.timeZone = timeZone
    }

    /// A window as clerks type it: an end without a time of day (or at 00:00:00) means the whole
    /// of that day, since no one closes registration at midnight on purpose.
    public static func typed(start: SheetDate, end: SheetDate, timeZone: TimeZone) -> TimeWindow {
        var end = end
        if end.hour == 0 && end.minute == 0 && end.second == 0 {
            end.hour = 23
            end.minute = 59
            end.second = 59
        }
        return TimeWindow(start: start, end: end, timeZone: timeZone)
    }

    /// Whether the window ends before it starts.
    public var isReversed: Bool { Self.key(end) < Self.key(start) }

    /// Whether `date` falls inside the window; fractions of a second count with their second.
    public func contains(_ date: Date) -> Bool {
        let now = Self.key(local(date))
        return Self.key(start) <= now && now <= Self.key(end)
    }

    /// `date` as a local date-time in the window's zone.
    public func local(_ date: Date) -> SheetDate { Self.local(date, timeZone: timeZone) }

    /// `date` as a local date-time in `timeZone`.
    public static func local(_ date: Date, timeZone: TimeZone) -> SheetDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: date)
        return SheetDate(
            year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!,
            second: c.second!)
    }

    /// `2026-03-01 09:00:00 至 2026-03-15 17:00:00`.
    public var text: String { Self.text(start) + " 至 " + Self.text(end) }

    /// `2026-03-01 09:00:00`: how windows are stored and shown.
    public static func text(_ d: SheetDate) -> String {
        String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month, d.day, d.hour, d.minute,
            d.second)
    }

    /// Orders local date-times: larger is later.
    private static func key(_ d: SheetDate) -> Int {
        ((((d.year * 13 + d.month) * 32 + d.day) * 24 + d.hour) * 60 + d.minute) * 60 + d.second
    }
}
