import XCTest

@testable import KaowuCore

/// Sample numbers. 11010519491231002X is the well-known GB 11643 sample; its check character was
/// verified by hand: Σ(digit × weight) over 11010519491231002 with weights 7 9 10 5 8 4 2 1 6 3
/// 7 9 10 5 8 4 2 is 167, 167 mod 11 = 2, and position 2 of "10X98765432" is X. The others were
/// computed with an independent Python implementation of the same formula.
private enum Sample {
    static let id = "11010519491231002X"
    static let idDigitCheck = "440305200001011235"
    static let leapDay = "110105197202290013"
    static let hongKongPermit = "810000199408230021"
    static let macaoPermit = "820000199408230023"
    static let taiwanPermit = "830000199408230025"
    static let foreignNew = "911840199001010018"
}

final class IdentityDocumentTests: XCTestCase {
    private func check(_ number: String, as type: DocumentType = .residentIDCard)
        -> Result<String, CheckFailure>
    {
        IdentityDocument.validate(type: type, number: number, today: testToday)
    }

    // MARK: 居民身份证

    func testValidResidentIDs() {
        XCTAssertEqual(try check(Sample.id).get(), Sample.id)
        XCTAssertEqual(try check(Sample.idDigitCheck).get(), Sample.idDigitCheck)
        XCTAssertEqual(try check(Sample.leapDay).get(), Sample.leapDay)
    }

    func testResidentIDIsNormalised() {
        XCTAssertEqual(try check("11010519491231002x").get(), Sample.id)
        XCTAssertEqual(try check(" 110105 19491231 002x\n").get(), Sample.id)
        XCTAssertEqual(try check("110105-19491231-002X").get(), Sample.id)
        XCTAssertEqual(try check("１１０１０５１９４９１２３１００２Ｘ").get(), Sample.id)
        XCTAssertEqual(try check("\u{FEFF}11010519491231002X\u{00A0}").get(), Sample.id)
    }

    func testWrongCheckCharacter() {
        let result = check("110105194912310021")
        XCTAssertEqual(failureCode(result), "cn-id.checksum")
        XCTAssertEqual(
            failureMessage(result), "居民身份证号码校验不通过，说明有某一位输错或相邻两位颠倒；请对照证件逐位核对")
        // Two neighbouring digits swapped.
        XCTAssertEqual(failureCode(check("11010519491213002X")), "cn-id.checksum")
    }

    func testWrongLength() {
        let result = check("11010519491231002")
        XCTAssertEqual(failureCode(result), "cn-id.length")
        XCTAssertEqual(failureMessage(result), "居民身份证号码应为 18 位，现在是 17 位；请对照证件逐位核对")
        XCTAssertEqual(failureCode(check("11010519491231002X1")), "cn-id.length")
    }

    func testLetterFirstSuggestsPassport() {
        let result = check("E12345678")
        XCTAssertEqual(failureCode(result), "cn-id.length")
        XCTAssertTrue(failureMessage(result)!.contains("请把证件类型改为“护照”"))
    }

    func testOldFifteenDigitID() {
        let result = check("110105491231002")
        XCTAssertEqual(failureCode(result), "cn-id.old-15")
        XCTAssertEqual(
            failureMessage(result), "这是 15 位的旧身份证号码，已停止使用；请改填 18 位的居民身份证号码")
    }

    func testForeignCharacters() {
        let letter = check("11010519491231002A")
        XCTAssertEqual(failureCode(letter), "cn-id.format")
        XCTAssertEqual(
            failureMessage(letter),
            "居民身份证号码应为 17 位数字加 1 位校验码（数字或 X），这里有“A”；请改正")
        XCTAssertTrue(failureMessage(check("1101051949123100X2"))!.contains("这里有“X”"))
        XCTAssertTrue(failureMessage(check("1101051949123100二X"))!.contains("这里有“二”"))
    }

    func testImpossibleRegion() {
        let result = check("000000194912310021")
        XCTAssertEqual(failureCode(result), "cn-id.region")
        XCTAssertEqual(
            failureMessage(result), "居民身份证号码前 6 位“000000”不是有效的地区码；请对照证件核对前 6 位")
        XCTAssertEqual(failureCode(check("710000199408230021")), "cn-id.region")
    }

    func testInvalidBirthDate() {
        let month13 = check("110105194913310021")
        XCTAssertEqual(failureCode(month13), "cn-id.birthdate")
        XCTAssertEqual(
            failureMessage(month13), "居民身份证号码第 7–14 位是出生日期，“19491331”不是有效的日期；请对照证件核对")
        // 1970 was not a leap year.
        XCTAssertEqual(failureCode(check("110105197002290019")), "cn-id.birthdate")
    }

    func testImplausibleBirthDates() {
        let future = check("110105203001010011")
        XCTAssertEqual(failureCode(future), "cn-id.birthdate")
        XCTAssertTrue(failureMessage(future)!.contains("2030-01-01 晚于今天"))
        let tooOld = check("110105189001010011")
        XCTAssertEqual(failureCode(tooOld), "cn-id.birthdate")
        XCTAssertTrue(failureMessage(tooOld)!.contains("超过 120 岁"))
        let tooYoung = check("32010220220101001X")
        XCTAssertEqual(failureCode(tooYoung), "cn-id.birthdate")
        XCTAssertTrue(failureMessage(tooYoung)!.contains("不满 5 周岁"))
    }

    func testBlankNumber() {
        XCTAssertEqual(failureCode(check("")), "required")
        XCTAssertEqual(failureCode(check(" \u{3000} ")), "required")
    }

    // MARK: Numbers of other types under 居民身份证, and the reverse

    func testResidencePermitTypedAsResidentID() {
        let result = check(Sample.hongKongPermit)
        XCTAssertEqual(failureCode(result), "document.type-mismatch")
        XCTAssertEqual(
            failureMessage(result),
            "证件号码“810000199408230021”看起来是港澳台居民居住证的号码，与证件类型“居民身份证”不符；"
                + "请把证件类型改为“港澳台居民居住证”，或改填居民身份证号码")
    }

    func testTravelPermitAndForeignCardTypedAsResidentID() {
        XCTAssertTrue(failureMessage(check("H12345678"))!.contains("港澳居民来往内地通行证的号码"))
        XCTAssertTrue(failureMessage(check(Sample.foreignNew))!.contains("外国人永久居留身份证的号码"))
        XCTAssertTrue(failureMessage(check("USA110112345678"))!.contains("外国人永久居留身份证的号码"))
    }

    func testResidentIDTypedAsResidencePermit() {
        let result = check(Sample.id, as: .residencePermit)
        XCTAssertEqual(failureCode(result), "document.type-mismatch")
        XCTAssertTrue(failureMessage(result)!.contains("请把证件类型改为“居民身份证”"))
    }

    // MARK: 港澳台居民居住证

    func testResidencePermits() {
        for number in [Sample.hongKongPermit, Sample.macaoPermit, Sample.taiwanPermit] {
            XCTAssertEqual(try check(number, as: .residencePermit).get(), number)
        }
        let badPrefix = check("840000199408230021", as: .residencePermit)
        XCTAssertEqual(failureCode(badPrefix), "cn-id.region")
        XCTAssertTrue(failureMessage(badPrefix)!.contains("810000（香港）"))
        let badCheck = check("810000199408230022", as: .residencePermit)
        XCTAssertEqual(failureCode(badCheck), "cn-id.checksum")
        XCTAssertTrue(failureMessage(badCheck)!.hasPrefix("港澳台居民居住证号码校验不通过"))
        XCTAssertEqual(
            failureCode(check("81000019940823002", as: .residencePermit)), "cn-id.length")
    }

    // MARK: Travel permits, passports, foreign permanent residents

    func testHongKongMacaoTravelPermit() {
        XCTAssertEqual(try check("h12345678", as: .hongKongMacaoPermit).get(), "H12345678")
        XCTAssertEqual(try check("M1234567890", as: .hongKongMacaoPermit).get(), "M1234567890")
        for wrong in ["H1234567", "H123456789", "K12345678", "12345678"] {
            XCTAssertEqual(
                failureCode(check(wrong, as: .hongKongMacaoPermit)), "hk-mo-permit.format", wrong)
        }
    }

    func testTaiwanTravelPermit() {
        XCTAssertEqual(try check("01234567", as: .taiwanPermit).get(), "01234567")
        let lostZero = check("1234567", as: .taiwanPermit)
        XCTAssertEqual(failureCode(lostZero), "tw-permit.format")
        XCTAssertTrue(failureMessage(lostZero)!.contains("现在是 7 位"))
        XCTAssertEqual(failureCode(check("T1234567", as: .taiwanPermit)), "tw-permit.format")
    }

    func testPassport() {
        XCTAssertEqual(try check("e12345678", as: .passport).get(), "E12345678")
        XCTAssertEqual(try check("EA1234567", as: .passport).get(), "EA1234567")
        XCTAssertEqual(try check("X1234", as: .passport).get(), "X1234")
        for wrong in ["E123", "ABCDEFGH", "E1234567/8", "A12345678901234567"] {
            XCTAssertEqual(failureCode(check(wrong, as: .passport)), "passport.format", wrong)
        }
    }

    func testForeignPermanentResidentCard() {
        XCTAssertEqual(
            try check(Sample.foreignNew, as: .foreignPermanentResidentCard).get(), Sample.foreignNew
        )
        XCTAssertEqual(
            try check("usa110112345678", as: .foreignPermanentResidentCard).get(), "USA110112345678"
        )
        XCTAssertEqual(
            failureCode(check("911840199001010019", as: .foreignPermanentResidentCard)),
            "cn-id.checksum")
        XCTAssertEqual(
            failureCode(check("911840199013010018", as: .foreignPermanentResidentCard)),
            "cn-id.birthdate")
        XCTAssertEqual(
            failureCode(check("US1101123456789", as: .foreignPermanentResidentCard)),
            "foreign-pr.format")
        XCTAssertEqual(
            failureCode(check(Sample.id, as: .foreignPermanentResidentCard)),
            "document.type-mismatch")
    }

    // MARK: Excel damage

    func testScientificNotationTextIsExcelDamage() {
        let expected = CheckFailure(
            code: "cn-id.excel-number",
            message: "证件号码被 Excel 存成了数字，末尾几位已丢失；请把该列设为文本格式后重新填写")
        XCTAssertEqual(check("1.10105E+17"), .failure(expected))
        XCTAssertEqual(check("1.10105e17"), .failure(expected))
        XCTAssertEqual(check("1.1010519491231E+017", as: .passport), .failure(expected))
        XCTAssertEqual(failureCode(check("E+17")), "cn-id.length")
    }

    func testNumberCellsFromOneE15LostDigits() {
        // What an 18-digit ID becomes in a number cell: the nearest double.
        let storedID = Double("110105194912310021")!
        XCTAssertEqual(IdentityDocument.excelNumberDamage(storedID)?.code, "cn-id.excel-number")
        XCTAssertEqual(IdentityDocument.excelNumberDamage(1e15)?.code, "cn-id.excel-number")
        // Up to 15 digits every digit is kept: the old ID and the Taiwan permit are readable.
        XCTAssertNil(IdentityDocument.excelNumberDamage(110_105_491_231_002))
        XCTAssertNil(IdentityDocument.excelNumberDamage(1_234_567))
    }

    // MARK: Masking and types

    func testMask() {
        XCTAssertEqual(IdentityDocument.mask(Sample.id), "110105********002X")
        XCTAssertEqual(IdentityDocument.mask("110105491231002"), "110105*****1002")
        XCTAssertEqual(IdentityDocument.mask("H12345678"), "H1*****78")
        XCTAssertEqual(IdentityDocument.mask("123"), "***")
    }

    func testDocumentTypeParsing() {
        XCTAssertEqual(DocumentType.parse("居民身份证"), .residentIDCard)
        XCTAssertEqual(DocumentType.parse(" 身份证 "), .residentIDCard)
        XCTAssertEqual(DocumentType.parse("二代身份证"), .residentIDCard)
        XCTAssertEqual(DocumentType.parse("居住证"), .residencePermit)
        XCTAssertEqual(DocumentType.parse("回乡证"), .hongKongMacaoPermit)
        XCTAssertEqual(DocumentType.parse("台胞证"), .taiwanPermit)
        XCTAssertEqual(DocumentType.parse("Passport"), .passport)
        XCTAssertEqual(DocumentType.parse("ＰＡＳＳＰＯＲＴ"), .passport)
        XCTAssertEqual(DocumentType.parse("外国人永久居留身份证"), .foreignPermanentResidentCard)
        XCTAssertEqual(DocumentType.parse("绿卡"), .foreignPermanentResidentCard)
        XCTAssertNil(DocumentType.parse(""))
        XCTAssertNil(DocumentType.parse("学生证"))
        for type in DocumentType.allCases {
            XCTAssertEqual(DocumentType.parse(type.rawValue), type)
        }
    }
}
