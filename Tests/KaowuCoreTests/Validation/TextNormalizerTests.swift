import XCTest

@testable import KaowuCore

final class TextNormalizerTests: XCTestCase {
    func testCleanASCIIIsReturnedAsIs() {
        XCTAssertEqual(TextNormalizer.clean("Zhang San"), "Zhang San")
        XCTAssertEqual(TextNormalizer.clean(""), "")
        XCTAssertEqual(TextNormalizer.clean("a"), "a")
    }

    func testCleanTrimsAndCollapsesSpaces() {
        XCTAssertEqual(TextNormalizer.clean("  张三  "), "张三")
        XCTAssertEqual(TextNormalizer.clean("a  b"), "a b")
        XCTAssertEqual(TextNormalizer.clean(" a"), "a")
        XCTAssertEqual(TextNormalizer.clean("a "), "a")
    }

    func testCleanMapsFullWidthASCII() {
        XCTAssertEqual(TextNormalizer.clean("１２３Ｘ"), "123X")
        XCTAssertEqual(TextNormalizer.clean("ＡＢＣａｂｃ！～"), "ABCabc!~")
        // U+FF5F and beyond are not ASCII look-alikes and stay.
        XCTAssertEqual(TextNormalizer.clean("｟"), "｟")
    }

    func testCleanTurnsUnicodeSpacesAndLineBreaksIntoOneSpace() {
        XCTAssertEqual(TextNormalizer.clean("张\u{3000}三"), "张 三")
        XCTAssertEqual(TextNormalizer.clean("13812345678\u{00A0}"), "13812345678")
        XCTAssertEqual(TextNormalizer.clean("信息\r\n技术\t专业"), "信息 技术 专业")
        XCTAssertEqual(TextNormalizer.clean("a\u{2003}\u{202F}\u{2028}b"), "a b")
    }

    func testCleanRemovesInvisibleCharacters() {
        XCTAssertEqual(TextNormalizer.clean("\u{FEFF}姓名"), "姓名")
        XCTAssertEqual(TextNormalizer.clean("110\u{200B}105\u{200D}"), "110105")
        XCTAssertEqual(TextNormalizer.clean("a\u{00AD}b\u{200E}c\u{0007}"), "abc")
        // An invisible character between spaces must not keep two spaces apart.
        XCTAssertEqual(TextNormalizer.clean("a \u{200B} b"), "a b")
    }

    func testCleanLeavesOtherTextAlone() {
        XCTAssertEqual(TextNormalizer.clean("阿卜杜·热合曼"), "阿卜杜·热合曼")
        XCTAssertEqual(TextNormalizer.clean("Ünal Çelik"), "Ünal Çelik")
        XCTAssertEqual(TextNormalizer.clean("电子商务（跨境）"), "电子商务(跨境)")
    }

    func testCompactRemovesSpacesAndDashes() {
        XCTAssertEqual(TextNormalizer.compact("138-1234 5678"), "13812345678")
        XCTAssertEqual(TextNormalizer.compact("110105 1949－1231—002x"), "11010519491231002x")
        XCTAssertEqual(TextNormalizer.compact("１３８　１２３４\u{2212}５６７８"), "13812345678")
        XCTAssertEqual(TextNormalizer.compact("H12345678"), "H12345678")
    }

    func testNameDotVariantsBecomeMiddleDot() {
        for dot in ["・", "･", "•", "‧", "⋅", "∙", "\u{0387}", "\u{2E31}", "·"] {
            XCTAssertEqual(TextNormalizer.normalizeNameDots("阿卜杜\(dot)热合曼"), "阿卜杜·热合曼", dot)
        }
    }

    func testPeriodsBecomeMiddleDotOnlyBetweenChineseCharacters() {
        XCTAssertEqual(TextNormalizer.normalizeNameDots("阿卜杜.热合曼"), "阿卜杜·热合曼")
        XCTAssertEqual(TextNormalizer.normalizeNameDots("阿卜杜。热合曼"), "阿卜杜·热合曼")
        XCTAssertEqual(
            TextNormalizer.normalizeNameDots(TextNormalizer.clean("阿卜杜．热合曼")), "阿卜杜·热合曼")
        XCTAssertEqual(TextNormalizer.normalizeNameDots("J. Smith"), "J. Smith")
        XCTAssertEqual(TextNormalizer.normalizeNameDots("张三."), "张三.")
    }

    func testSpacesAroundMiddleDotGo() {
        XCTAssertEqual(TextNormalizer.normalizeNameDots("阿卜杜 · 热合曼"), "阿卜杜·热合曼")
        XCTAssertEqual(TextNormalizer.normalizeNameDots("阿卜杜 . 热合曼"), "阿卜杜·热合曼")
    }

    func testBlackCircleIsNotANameDot() {
        XCTAssertEqual(TextNormalizer.normalizeNameDots("阿卜杜●热合曼"), "阿卜杜●热合曼")
    }
}
