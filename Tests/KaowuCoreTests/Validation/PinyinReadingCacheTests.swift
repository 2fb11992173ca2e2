import Foundation
import XCTest

@testable import KaowuCore

final class PinyinReadingCacheTests: XCTestCase {
    private static func wholeName(_ text: String) -> [String]? {
        text.applyingTransform(
            StringTransform(rawValue: "Han-Latin/Names; Latin-ASCII"), reverse: false
        ).map { $0.split(separator: " ").map { $0.lowercased() } }
    }

    /// Pieces read from the cache must read exactly as ICU reads the whole name: surname
    /// readings (单, 曾, 区, 解), two-character surnames ICU knows (万俟, 澹台, 长孙), a start
    /// read in pieces although its first character begins a compound surname elsewhere (长江),
    /// and given-name characters drawn from all of CJK Unified Ideographs by a fixed generator.
    func testPiecesReadAsTheWholeName() {
        let cache = PinyinReadingCache(read: Self.wholeName)
        let starts = [
            "单", "曾", "区", "解", "查", "朴", "王", "张", "李", "乐", "长", "长江", "万俟", "澹台",
            "长孙", "尉迟", "欧阳", "单于",
        ]
        var numbers = FixedSequence(state: 6)
        for i in 0..<6000 {
            let given = String((0..<(1 + i % 3)).map { _ in Character(numbers.cjkCharacter()) })
            let name = starts[i % starts.count] + given
            XCTAssertEqual(cache.syllables(of: name.unicodeScalars), Self.wholeName(name), name)
            // The second time comes from memory and must not differ.
            XCTAssertEqual(cache.syllables(of: name.unicodeScalars), Self.wholeName(name), name)
        }
    }

    /// ICU reads every part of a name in parts ("·") as a name of its own (单 after a "·" is
    /// Shan), and 万俟 and 澹台 as the surnames even inside a part: the cache must agree, part
    /// by part, with the whole name read at once.
    func testPartsOfANameReadAsTheWholeName() {
        let cache = PinyinReadingCache(read: Self.wholeName)
        let surnameCharacters = Array("单曾区解查朴乐长万俟澹台尉迟欧阳阿卜杜热合曼买提艾力古丽努尔秘翟盖")
        var numbers = FixedSequence(state: 9)
        func nextCharacter() -> Character {
            if numbers.next(2) == 0 {
                return surnameCharacters[numbers.next(surnameCharacters.count)]
            }
            return Character(numbers.cjkCharacter())
        }
        for _ in 0..<4000 {
            let parts = (0..<(2 + numbers.next(2))).map { _ in
                String((0..<(1 + numbers.next(4))).map { _ in nextCharacter() })
            }
            let name = parts.joined(separator: "·")
            let whole = name.applyingTransform(
                StringTransform(rawValue: "Han-Latin/Names; Latin-ASCII"), reverse: false)
            let expected: [[String]?]? = whole?.split(separator: "·").map { part in
                part.split(separator: " ").map { $0.lowercased() }
            }
            XCTAssertEqual(parts.map { cache.syllables(of: $0.unicodeScalars) }, expected, name)
        }
        XCTAssertEqual(cache.syllables(of: "李澹台明".unicodeScalars), ["li", "tan", "tai", "ming"])
    }

    /// A name starting with the first character of a compound surname is read in pieces unless
    /// ICU reads its first two as one (长孙, 万俟, 澹台): samples of every such first character
    /// with second characters from the whole CJK block and from extension A.
    func testStartsOfCompoundSurnameCharactersReadAsTheWholeName() {
        let cache = PinyinReadingCache(read: Self.wholeName)
        let initials = Array("万司上欧夏诸闻东赫皇尉公澹宗濮淳单太申仲轩令钟宇长慕鲜闾亓子颛端巫漆乐壤拓夹宰谷段百南呼羊微梁左第屈尔相胡张雍毋贺綦屋独北王")
        var numbers = FixedSequence(state: 11)
        for initial in initials {
            let seconds: [Unicode.Scalar] =
                (0..<24).map { _ in numbers.cjkCharacter() }
                + (0..<2).map { _ in Unicode.Scalar(0x3400 + UInt32(numbers.next(0x4DBF - 0x3400)))!
                }
                + ["孙", "俟", "台"]
            for second in seconds {
                let name = String(initial) + String(second) + "明"
                XCTAssertEqual(cache.syllables(of: name.unicodeScalars), Self.wholeName(name), name)
            }
        }
        XCTAssertEqual(cache.syllables(of: "长孙无忌".unicodeScalars), ["zhang", "sun", "wu", "ji"])
        XCTAssertEqual(cache.syllables(of: "长江".unicodeScalars), ["chang", "jiang"])
    }
}

/// The same pseudo-random numbers on every run (a 64-bit linear congruential generator), so
/// that a failing name comes back.
private struct FixedSequence {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33) % bound
    }

    /// A character of the CJK Unified Ideographs block (U+4E00 up to, not including, U+9FA5).
    mutating func cjkCharacter() -> Unicode.Scalar {
        Unicode.Scalar(0x4E00 + UInt32(next(0x9FA5 - 0x4E00)))!
    }
}
