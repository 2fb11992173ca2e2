/// ICU's readings (`Pinyin`'s transform) of every character of U+4E00–U+9FA5, as
/// `PinyinReadingCache` asks for them: read alone (a name's first character, as a surname) and
/// after the surname 王 (any later one). Known before a roster's first name, they spare it ICU's
/// building of the transform (about 60 ms) and most of its calls. The readings themselves are
/// in `PinyinTableData.swift`, written and checked against ICU by `PinyinTableTests`.
struct PinyinTable: Sendable {
    static let first: UInt32 = 0x4E00
    static let last: UInt32 = 0x9FA5
    static let shipped = PinyinTable()

    private let starts: [String?]
    private let laters: [String?]

    private init() {
        func readings(_ text: String) -> [String?] {
            text.split(whereSeparator: \.isWhitespace).map { $0 == "-" ? nil : String($0) }
        }
        starts = readings(PinyinTableData.starts)
        laters = readings(PinyinTableData.laters)
    }

    /// The reading of `scalar` as a name's first character: nil when the table has none for
    /// it, `.some(nil)` when ICU gives none.
    func start(_ scalar: Unicode.Scalar) -> String?? {
        reading(scalar, in: starts)
    }

    /// The reading of `scalar` later in a name, as `start`.
    func later(_ scalar: Unicode.Scalar) -> String?? {
        reading(scalar, in: laters)
    }

    private func reading(_ scalar: Unicode.Scalar, in readings: [String?]) -> String?? {
        guard (Self.first...Self.last).contains(scalar.value) else { return nil }
        return .some(readings[Int(scalar.value - Self.first)])
    }
}
