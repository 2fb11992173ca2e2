import Foundation

/// The one source of "now". `KAOWU_NOW` (ISO 8601, e.g. `2026-03-01T09:00:00+08:00`) pins it,
/// so tests and rehearsals can stand at any moment of an exam plan's windows.
public struct KaowuClock: Sendable {
    private let pinned: Date?
    public let timeZone: TimeZone

    public init(pinned: Date? = nil, timeZone: TimeZone) {
        self.pinned = pinned
        self.timeZone = timeZone
    }

    /// Reads `KAOWU_NOW` from the environment; an unparsable value is an error, never ignored.
    public static func fromEnvironment(timeZone: TimeZone) throws -> KaowuClock {
        guard let text = ProcessInfo.processInfo.environment["KAOWU_NOW"], !text.isEmpty else {
            return KaowuClock(timeZone: timeZone)
        }
        guard let date = parseISO8601(text, timeZone: timeZone) else {
            throw KaowuError.badClock(text)
        }
        return KaowuClock(pinned: date, timeZone: timeZone)
    }

    public func now() -> Date { pinned ?? Date() }

    /// `2026-11-29T10:15:00+08:00`: what reports and the JSON twin show.
    public func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = timeZone
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// Accepts a full date-time with offset, or one without (taken in `timeZone`), or a plain date.
    static func parseISO8601(_ text: String, timeZone: TimeZone) -> Date? {
        let f = ISO8601DateFormatter()
        f.timeZone = timeZone
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime],
            [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate],
            [.withFullDate, .withDashSeparatorInDate],
        ] {
            f.formatOptions = options
            if let d = f.date(from: text) { return d }
        }
        return nil
    }
}
