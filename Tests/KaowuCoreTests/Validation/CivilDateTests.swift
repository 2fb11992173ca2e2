import Foundation
import XCTest

@testable import KaowuCore

final class CivilDateTests: XCTestCase {
    func testRejectsImpossibleDays() {
        XCTAssertNil(CivilDate(year: 2023, month: 2, day: 29))
        XCTAssertNotNil(CivilDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 1900, month: 2, day: 29))
        XCTAssertNotNil(CivilDate(year: 2000, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 2025, month: 4, day: 31))
        XCTAssertNil(CivilDate(year: 2025, month: 13, day: 1))
        XCTAssertNil(CivilDate(year: 2025, month: 1, day: 0))
    }

    func testTodayIsTakenInChinaTime() {
        // 2025-06-14 20:30 UTC is already 2025-06-15 04:30 in Beijing.
        let instant = Date(timeIntervalSince1970: 1_749_933_000)
        XCTAssertEqual(CivilDate(instant), CivilDate(year: 2025, month: 6, day: 15))
        XCTAssertEqual(
            CivilDate(instant, timeZone: TimeZone(secondsFromGMT: 0)!),
            CivilDate(year: 2025, month: 6, day: 14))
    }

    func testFullYearsCountsCompletedBirthdays() {
        let birth = CivilDate(year: 2000, month: 3, day: 1)!
        XCTAssertEqual(birth.fullYears(until: CivilDate(year: 2020, month: 2, day: 29)!), 19)
        XCTAssertEqual(birth.fullYears(until: CivilDate(year: 2020, month: 3, day: 1)!), 20)
    }

    func testDescriptionAndOrder() {
        XCTAssertEqual(CivilDate(year: 2025, month: 6, day: 5)!.description, "2025-06-05")
        XCTAssertLessThan(CivilDate(year: 2024, month: 12, day: 31)!, testToday)
    }
}
