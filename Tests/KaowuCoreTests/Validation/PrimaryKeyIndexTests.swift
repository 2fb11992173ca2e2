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
}
