import XCTest

@testable import KaowuCore

/// The day every validation test treats as today.
let testToday = CivilDate(year: 2025, month: 6, day: 15)!

/// The failure's code, or nil on success, so that tests can compare codes directly.
func failureCode<T>(_ result: Result<T, CheckFailure>) -> String? {
    if case .failure(let failure) = result { return failure.code }
    return nil
}

/// The failure's message, or nil on success.
func failureMessage<T>(_ result: Result<T, CheckFailure>) -> String? {
    if case .failure(let failure) = result { return failure.message }
    return nil
}
