import XCTest

@testable import KaowuCore

final class PrimaryKeyIndexTests: XCTestCase {
    private let types = ["居民身份证", "护照"]

    func testPackedKeys() {
        var index = PrimaryKeyIndex(enums: [types, nil])
        XCTAssertNil(index.firstRow(of: ["居民身份证", "11010519491231002X"], row: 4))
        XCTAssertNil(index.firstRow(of: ["护照", "11010519491231002X"], row: 5))
        XCTAssertNil(index.firstRow(of: ["居民身份证", "11010519491231002"], row: 6))
        XCTAssertEqual(index.firstRow(of: ["居民身份证", "11010519491231002X"], row: 7), 4)
        XCTAssertEqual(index.firstRow(of: ["护照", "11010519491231002X"], row: 8), 5)
    }

    /// Keys that do not fit 24 bytes, or hold non-ASCII text, are kept as they are.
    func testKeysThatDoNotPack() {
        var index = PrimaryKeyIndex(enums: [nil, nil])
        let long = ["一个很长的工作单位名称", "11010519491231002X"]
        XCTAssertNil(index.firstRow(of: long, row: 2))
        XCTAssertEqual(index.firstRow(of: long, row: 3), 2)
        // A value outside the enum is text; here it is not ASCII either.
        var typed = PrimaryKeyIndex(enums: [types, nil])
        XCTAssertNil(typed.firstRow(of: ["身份证", "H12345678"], row: 2))
        XCTAssertNil(typed.firstRow(of: ["居民身份证", "H12345678"], row: 3))
        XCTAssertEqual(typed.firstRow(of: ["身份证", "H12345678"], row: 4), 2)
    }

    /// Tags and lengths keep parts apart: "AB" + "C" is not "A" + "BC".
    func testPartBoundariesCount() {
        var index = PrimaryKeyIndex(enums: [nil, nil])
        XCTAssertNil(index.firstRow(of: ["AB", "C"], row: 2))
        XCTAssertNil(index.firstRow(of: ["A", "BC"], row: 3))
        XCTAssertEqual(index.firstRow(of: ["A", "BC"], row: 4), 3)
    }

    /// Digits are packed as a number with their count: leading zeros and X still count.
    func testDigitPartsKeepTheirLengthAndX() {
        var index = PrimaryKeyIndex(enums: [types, nil])
        XCTAssertNil(index.firstRow(of: ["居民身份证", "0012"], row: 2))
        XCTAssertNil(index.firstRow(of: ["居民身份证", "012"], row: 3))
        XCTAssertNil(index.firstRow(of: ["居民身份证", "12X"], row: 4))
        XCTAssertNil(index.firstRow(of: ["居民身份证", "12x"], row: 5))
        XCTAssertNil(index.firstRow(of: ["居民身份证", "1200"], row: 6))
        XCTAssertEqual(index.firstRow(of: ["居民身份证", "0012"], row: 7), 2)
        XCTAssertEqual(index.firstRow(of: ["居民身份证", "12X"], row: 8), 4)
    }

    /// Many keys of the short (ID) and the longer (ID, plan, certificate) shapes, each seen twice.
    func testManyKeysOfBothSizes() {
        var candidates = PrimaryKeyIndex(enums: [types, nil])
        var registrations = PrimaryKeyIndex(enums: [nil, nil, nil])
        for pass in 0..<2 {
            for i in 0..<20_000 {
                let id = String(110_105_194_912_310_000 + i)
                let row = pass * 20_000 + i + 2
                XCTAssertEqual(
                    candidates.firstRow(of: ["居民身份证", id], row: row), pass == 0 ? nil : i + 2)
                XCTAssertEqual(
                    registrations.firstRow(of: [id, "P2026-01", "C0042"], row: row),
                    pass == 0 ? nil : i + 2)
            }
        }
    }
}
