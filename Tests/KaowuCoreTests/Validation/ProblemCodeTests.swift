import XCTest

@testable import KaowuCore

final class ProblemCodeTests: XCTestCase {
    /// The codes the shared checks produce (the schema engine and the pipeline add others).
    private let checkCodes: Set<ProblemCode> = [
        .required, .cnIDLength, .cnIDOld15, .cnIDFormat, .cnIDRegion, .cnIDBirthdate,
        .cnIDChecksum, .cnIDExcelNumber, .documentTypeMismatch, .hongKongMacaoPermitFormat,
        .taiwanPermitFormat, .passportFormat, .foreignPermanentResidentFormat, .cnMobileFormat,
        .nameFormat, .nameLength, .pinyinMismatch, .yearFormat, .yearRange,
    ]

    func testEveryCheckCodeIsReachable() {
        let today = testToday
        let doc = { (type: DocumentType, number: String) in
            failureCode(IdentityDocument.validate(type: type, number: number, today: today))
        }
        let produced: [String?] = [
            doc(.residentIDCard, ""),
            doc(.residentIDCard, "1101051949123100"),
            doc(.residentIDCard, "110105491231002"),
            doc(.residentIDCard, "11010519491231002A"),
            doc(.residentIDCard, "000000194912310021"),
            doc(.residentIDCard, "110105194913310021"),
            doc(.residentIDCard, "110105194912310021"),
            doc(.residentIDCard, "1.10105E+17"),
            doc(.residentIDCard, "810000199408230021"),
            doc(.hongKongMacaoPermit, "H1234"),
            doc(.taiwanPermit, "1234"),
            doc(.passport, "E1"),
            doc(.foreignPermanentResidentCard, "E1"),
            IdentityDocument.excelNumberDamage(1.1e17)?.code,
            failureCode(MobileNumber.validate("12345")),
            failureCode(PersonName.validate("张3")),
            failureCode(PersonName.validate("张")),
            Pinyin.check(given: "Li Si", name: "张三")?.code,
            failureCode(EnrollmentYear.validate(text: "去年", today: today)),
            failureCode(EnrollmentYear.validate(text: "1900", today: today)),
        ]
        XCTAssertEqual(Set(produced.compactMap { $0 }), Set(checkCodes.map(\.rawValue)))
    }

    func testSummariesAreChineseAndDistinct() {
        let summaries = ProblemCode.allCases.map(\.summary)
        XCTAssertEqual(Set(summaries).count, summaries.count)
        for code in ProblemCode.allCases {
            XCTAssertTrue(
                code.summary.unicodeScalars.contains(where: HanCharacters.contains), code.rawValue)
        }
    }

    func testRawValuesAreStableIdentifiers() {
        XCTAssertEqual(ProblemCode.typeInteger.rawValue, "type.integer")
        XCTAssertEqual(ProblemCode.cnIDExcelNumber.rawValue, "cn-id.excel-number")
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-.")
        for code in ProblemCode.allCases {
            XCTAssertTrue(code.rawValue.allSatisfy(allowed.contains), code.rawValue)
        }
    }
}
