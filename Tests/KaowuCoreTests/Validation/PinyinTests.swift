import Foundation
import XCTest

@testable import KaowuCore

final class PinyinTests: XCTestCase {
    func testSurnameReadings() {
        XCTAssertEqual(Pinyin.of(name: "单田芳"), "Shan Tianfang")
        XCTAssertEqual(Pinyin.of(name: "曾国藩"), "Zeng Guofan")
        XCTAssertEqual(Pinyin.of(name: "张三丰"), "Zhang Sanfeng")
        XCTAssertEqual(Pinyin.of(name: "吕布"), "Lu Bu")
        XCTAssertEqual(Pinyin.of(name: "王芳"), "Wang Fang")
    }

    func testCompoundSurnames() {
        XCTAssertEqual(Pinyin.of(name: "欧阳修"), "Ouyang Xiu")
        XCTAssertEqual(Pinyin.of(name: "诸葛亮"), "Zhuge Liang")
        XCTAssertEqual(Pinyin.of(name: "上官婉儿"), "Shangguan Waner")
        XCTAssertEqual(Pinyin.of(name: "尉迟恭"), "Yuchi Gong")
        XCTAssertEqual(Pinyin.of(name: "司马光"), "Sima Guang")
    }

    func testNamesInPartsAreJoinedBySpaces() {
        XCTAssertEqual(Pinyin.of(name: "阿卜杜·热合曼"), "Abodu Reheman")
        XCTAssertEqual(Pinyin.of(name: "阿卜杜・热合曼"), "Abodu Reheman")
    }

    func testNamesAreCleanedFirst() {
        XCTAssertEqual(Pinyin.of(name: " 张  三 "), "Zhang San")
        XCTAssertEqual(Pinyin.of(name: "李〇"), "Li Ling")
    }

    func testLatinNamesAreTheirOwnPinyin() {
        XCTAssertEqual(Pinyin.of(name: "John  Smith"), "John Smith")
    }

    func testNoReading() {
        XCTAssertNil(Pinyin.of(name: ""))
        XCTAssertNil(Pinyin.of(name: "张San"))
        XCTAssertNil(Pinyin.of(name: "𠮷田"))  // ICU has no reading for 𠮷
    }

    func testMatchesToleratesSpellingVariants() {
        for given in [
            "Zhang Sanfeng", "zhang san feng", "ZHANG SANFENG", "Zhāng Sānfēng",
            "zhang1 san1 feng1",
            "Sanfeng Zhang", "Zhang-Sanfeng", "Ｚｈａｎｇ Ｓａｎｆｅｎｇ",
        ] {
            XCTAssertTrue(Pinyin.matches(given: given, name: "张三丰"), given)
        }
        for given in ["Lü Bu", "Lv Bu", "Lu Bu", "LYU BU", "Bu Lü"] {
            XCTAssertTrue(Pinyin.matches(given: given, name: "吕布"), given)
        }
        XCTAssertTrue(Pinyin.matches(given: "Xi'an Wang", name: "王西安"))
        XCTAssertTrue(Pinyin.matches(given: "Abodu Reheman", name: "阿卜杜·热合曼"))
        XCTAssertTrue(Pinyin.matches(given: "Abodu·Reheman", name: "阿卜杜·热合曼"))
        XCTAssertTrue(Pinyin.matches(given: "john smith", name: "John Smith"))
    }

    func testMismatches() {
        XCTAssertFalse(Pinyin.matches(given: "Dan Tianfang", name: "单田芳"))
        XCTAssertFalse(Pinyin.matches(given: "Zhang San", name: "张三丰"))
        XCTAssertFalse(Pinyin.matches(given: "Sanfeng", name: "张三丰"))
        XCTAssertFalse(Pinyin.matches(given: "张三丰", name: "张三丰"))
        XCTAssertFalse(Pinyin.matches(given: "", name: "张三丰"))
        XCTAssertFalse(Pinyin.matches(given: "Jon Smith", name: "John Smith"))
    }

    func testNoReadingMeansNoWarning() {
        XCTAssertTrue(Pinyin.matches(given: "Ji Tian", name: "𠮷田"))
    }

    func testCheck() {
        XCTAssertNil(Pinyin.check(given: "Zhang Sanfeng", name: "张三丰"))
        XCTAssertNil(Pinyin.check(given: " ", name: "张三丰"))
        let warning = Pinyin.check(given: "Dan Tianfang", name: "单田芳")
        XCTAssertEqual(warning?.code, "pinyin.mismatch")
        XCTAssertEqual(
            warning?.message,
            "姓名拼音“Dan Tianfang”与姓名“单田芳”的读音不一致，按姓名应为“Shan Tianfang”；"
                + "请核对改正，或清空该格由系统自动填写（姓名有多音字时可忽略本提示）")
    }

    func testConcurrentCallsAgree() {
        let names = ["张三丰", "欧阳修", "单田芳", "阿卜杜·热合曼"]
        let expected = names.map { Pinyin.of(name: $0) }
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<200 {
                for (name, reading) in zip(names, expected) where Pinyin.of(name: name) != reading {
                    mismatches.add()
                }
            }
        }
        XCTAssertEqual(mismatches.count, 0)
    }
}

/// A counter safe to bump from concurrent test threads.
private final class Mismatches: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    var count: Int { lock.withLock { value } }

    func add() { lock.withLock { value += 1 } }
}
