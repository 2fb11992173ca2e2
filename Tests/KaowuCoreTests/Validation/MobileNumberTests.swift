import XCTest

@testable import KaowuCore

final class MobileNumberTests: XCTestCase {
    func testAcceptedSpellings() {
        for raw in [
            "13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678", "+86-138-1234-5678",
            "8613812345678", "008613812345678", "(+86)13812345678", "（+86）13812345678",
            "１３８１２３４５６７８", "13812345678.0", " 13812345678\u{00A0}",
        ] {
            XCTAssertEqual(try MobileNumber.validate(raw).get(), "13812345678", raw)
        }
        XCTAssertEqual(try MobileNumber.validate("19912345678").get(), "19912345678")
    }

    func testWrongLength() {
        let short = MobileNumber.validate("1381234567")
        XCTAssertEqual(failureCode(short), "cn-mobile.format")
        XCTAssertEqual(failureMessage(short), "手机号应为 11 位，现在是 10 位；请填写 11 位手机号")
        XCTAssertEqual(failureCode(MobileNumber.validate("138123456789")), "cn-mobile.format")
    }

    func testLandline() {
        let landline = MobileNumber.validate("010-62345678")
        XCTAssertEqual(failureCode(landline), "cn-mobile.format")
        XCTAssertEqual(failureMessage(landline), "“01062345678”看起来是固定电话号码；请填写 11 位手机号")
        XCTAssertEqual(failureCode(MobileNumber.validate("0755-8123456")), "cn-mobile.format")
    }

    func testWrongPrefix() {
        let result = MobileNumber.validate("12812345678")
        XCTAssertEqual(failureCode(result), "cn-mobile.format")
        XCTAssertEqual(failureMessage(result), "手机号应以 13–19 开头，“12812345678”不是有效的手机号；请核对")
        XCTAssertEqual(failureCode(MobileNumber.validate("23812345678")), "cn-mobile.format")
    }

    func testNonDigits() {
        let result = MobileNumber.validate("138l2345678")
        XCTAssertEqual(failureMessage(result), "手机号只能由数字组成，这里有“l”；请只填写 11 位手机号")
        XCTAssertEqual(
            failureCode(MobileNumber.validate("13812345678/13912345678")), "cn-mobile.format")
        XCTAssertEqual(failureCode(MobileNumber.validate("138１２３４５６７８转1")), "cn-mobile.format")
    }

    func testScientificNotation() {
        let result = MobileNumber.validate("1.38123E+10")
        XCTAssertEqual(failureCode(result), "cn-mobile.format")
        XCTAssertTrue(failureMessage(result)!.contains("科学计数法"))
    }

    func testBlank() {
        XCTAssertEqual(failureCode(MobileNumber.validate("  ")), "required")
    }

    func testMask() {
        XCTAssertEqual(MobileNumber.mask("13812345678"), "138****5678")
    }
}
