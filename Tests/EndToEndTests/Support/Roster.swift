import Foundation

/// One cell as a producer writes it: a text cell, a number cell, or nothing.
enum Cell: Encodable, ExpressibleByStringLiteral, Equatable {
    case text(String)
    case number(Double)
    case empty

    init(stringLiteral value: String) { self = .text(value) }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        case .empty: try c.encodeNil()
        }
    }
}

/// A sheet to be written by a producer: cells by Excel row number (1-based).
struct SheetSpec: Encodable {
    var sheet: String
    var rows: [Row]

    struct Row: Encodable {
        var number: Int
        var cells: [Cell]

        func encode(to encoder: Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(number)
            try c.encode(cells)
        }
    }

    init(sheet: String = "院校考生导入", rows: [(Int, [Cell])]) {
        self.sheet = sheet
        self.rows = rows.map { Row(number: $0.0, cells: $0.1) }
    }
}

/// A 院校考生 roster laid out as the template has it: title in row 1, instructions in row 2,
/// headers in row 3, one candidate per row from row 4 on.
struct SchoolRoster {
    static let headers: [Cell] = ["姓名", "姓名拼音", "证件类型", "证件号码", "手机号", "就读专业", "专业层次", "入学年份"]
    static let firstDataRow = 4

    var candidates: [[Cell]]

    /// A clean candidate row; override cells by header index where a test needs damage.
    static func row(
        name: String, pinyin: String = "", id: String, mobile: String = "13800138000",
        major: String = "计算机应用技术", level: String = "高职专科", year: Cell = .number(2024)
    ) -> [Cell] {
        [
            .text(name), pinyin.isEmpty ? .empty : .text(pinyin), "居民身份证", .text(id),
            .text(mobile), .text(major), .text(level), year,
        ]
    }

    var spec: SheetSpec {
        SheetSpec(
            rows: [
                (1, ["2026年院校考生导入"]), (2, ["说明：每行一名考生"]), (3, Self.headers),
            ] + candidates.enumerated().map { (Self.firstDataRow + $0.offset, $0.element) })
    }

    /// The Excel row number of candidate `index` (0-based).
    static func excelRow(_ index: Int) -> Int { firstDataRow + index }
}
