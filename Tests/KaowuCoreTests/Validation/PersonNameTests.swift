import XCTest

@testable import KaowuCore

final class PersonNameTests: XCTestCase {
    func testChineseNames() {
        XCTAssertEqual(try PersonName.validate("张三").get(), "张三")
        XCTAssertEqual(try PersonName.validate("欧阳娜娜").get(), "欧阳娜娜")
        XCTAssertEqual(try PersonName.validate("李〇").get(), "李〇")
        XCTAssertEqual(try PersonName.validate("王㐀").get(), "王㐀")  // extension A
        XCTAssertEqual(try PersonName.validate("𠮷田").get(), "𠮷田")  // extension B
    }

    func testSpacesBetweenChineseCharactersGo() {
        XCTAssertEqual(try PersonName.validate("张  三").get(), "张三")
        XCTAssertEqual(try PersonName.validate("张\u{3000}三\n").get(), "张三")
    }

    func testNamesInParts() {
        XCTAssertEqual(try PersonName.validate("阿卜杜·热合曼").get(), "阿卜杜·热合曼")
        XCTAssertEqual(try PersonName.validate("阿卜杜・热合曼").get(), "阿卜杜·热合曼")
        XCTAssertEqual(try PersonName.validate("阿卜杜.热合曼").get(), "阿卜杜·热合曼")
        XCTAssertEqual(try PersonName.validate("阿依古丽 • 买买提").get(), "阿依古丽·买买提")
        for wrong in ["·阿卜杜", "阿卜杜·", "阿卜杜··热合曼"] {
            XCTAssertEqual(failureCode(PersonName.validate(wrong)), "name.format", wrong)
        }
    }

    func testLatinNames() {
        XCTAssertEqual(try PersonName.validate("John Smith").get(), "John Smith")
        XCTAssertEqual(try PersonName.validate("Jean-Luc O'Neil").get(), "Jean-Luc O'Neil")
        XCTAssertEqual(try PersonName.validate("J. R. Tolkien").get(), "J. R. Tolkien")
        XCTAssertEqual(try PersonName.validate("Ünal  Çelik").get(), "Ünal Çelik")
    }

    func testDigitsAreRejected() {
        let result = PersonName.validate("张三2")
        XCTAssertEqual(failureCode(result), "name.format")
        XCTAssertEqual(failureMessage(result), "姓名中不能有数字“2”；请填写与证件一致的姓名")
        XCTAssertEqual(failureCode(PersonName.validate("张三２")), "name.format")
    }

    func testSymbolsAndMixedScriptsAreRejected() {
        let circle = PersonName.validate("阿卜杜●热合曼")
        XCTAssertEqual(failureCode(circle), "name.format")
        XCTAssertEqual(
            failureMessage(circle), "姓名中有不允许的字符“●”；请填写与证件一致的姓名，少数民族姓名的间隔号请用“·”")
        let mixed = PersonName.validate("张San")
        XCTAssertEqual(failureCode(mixed), "name.format")
        XCTAssertTrue(failureMessage(mixed)!.contains("不能同时有汉字和字母"))
        XCTAssertEqual(failureCode(PersonName.validate("张三(曾用名)")), "name.format")
        XCTAssertEqual(failureCode(PersonName.validate("キム")), "name.format")
        XCTAssertTrue(failureMessage(PersonName.validate("..."))!.contains("没有汉字或字母"))
    }

    func testLengths() {
        let single = PersonName.validate("张")
        XCTAssertEqual(failureCode(single), "name.length")
        XCTAssertEqual(
            failureMessage(single), "中文姓名应为 2–20 个字，“张”是 1 个字；请填写与证件一致的完整姓名")
        XCTAssertEqual(
            failureCode(PersonName.validate(String(repeating: "阿", count: 21))), "name.length")
        XCTAssertNoThrow(try PersonName.validate(String(repeating: "阿", count: 20)).get())
        XCTAssertEqual(failureCode(PersonName.validate("J")), "name.length")
        XCTAssertEqual(
            failureCode(PersonName.validate(String(repeating: "a", count: 61))), "name.length")
    }

    func testBlank() {
        XCTAssertEqual(failureCode(PersonName.validate(" ")), "required")
    }
}
