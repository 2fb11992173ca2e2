/// The first row of every primary key seen in one file, for the `unique` check.
///
/// Why not a `[String: Int]` of joined keys: a million-row roster would hold a million heap
/// Strings, about 110 bytes a key with the table, and every look-up would hash Chinese text.
/// A key whose parts are enum values (stored as their position in the enum), numbers such as
/// ID numbers (digits and X, stored as one base-11 integer) and other short ASCII text is packed
/// into 16 bytes when it fits, such as 居民身份证 + an 18-character ID, else into 24; other keys
/// keep their Strings. Packing is exact: each part is tagged and length-prefixed, so two keys
/// pack alike only when their parts are equal, and only ASCII text is packed, whose bytes compare
/// as its String does.
///
/// Memory, measured with a million-row roster: the index was most of the import's growth, and
/// doubling one big table briefly held both copies. Packed keys are now spread over tables that
/// grow one at a time, and rows are kept as 32-bit numbers.
struct PrimaryKeyIndex {
    private struct Narrow: Hashable {
        var first: UInt64 = 0
        var second: UInt64 = 0
    }

    private struct Wide: Hashable {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var third: UInt64 = 0
    }

    private static let enumTag: UInt8 = 1
    private static let textTag: UInt8 = 2
    private static let digitsTag: UInt8 = 3
    /// 11^18 < 2^64: eighteen digits-or-X fit one UInt64.
    private static let maximumDigits = 18

    /// For each key part, the positions of its field's enum values, if it has an enum.
    private let enumPositions: [[String: UInt8]?]
    private var narrow = SpreadTables<Narrow>()
    private var wide = SpreadTables<Wide>()
    private var unpacked: [[String]: Int] = [:]

    /// `enums`: for each part of the key, its field's allowed values (nil without an enum).
    init(enums: [[String]?]) {
        enumPositions = enums.map { values in
            guard let values, values.count < 256 else { return nil }
            var positions: [String: UInt8] = [:]
            for (i, value) in values.enumerated() { positions[value] = UInt8(i) }
            return positions
        }
    }

    /// The row where `parts` were first seen; nil, and `row` is remembered, when they are new.
    mutating func firstRow(of parts: [String], row: Int) -> Int? {
        var key = Wide()
        if let length = pack(parts, into: &key), row <= UInt32.max {
            if length <= MemoryLayout<Narrow>.size {
                return narrow.firstRow(of: Narrow(first: key.first, second: key.second), row: row)
            }
            return wide.firstRow(of: key, row: row)
        }
        if let first = unpacked[parts] { return first }
        unpacked[parts] = row
        return nil
    }

    /// Packs `parts` into `key` and returns how many bytes they took; nil when they do not fit.
    private func pack(_ parts: [String], into key: inout Wide) -> Int? {
        guard parts.count == enumPositions.count else { return nil }
        return withUnsafeMutableBytes(of: &key) { bytes -> Int? in
            var at = 0
            func put(_ byte: UInt8) {
                bytes[at] = byte
                at += 1
            }
            for (part, positions) in zip(parts, enumPositions) {
                if let position = positions?[part] {
                    guard at + 2 <= bytes.count else { return nil }
                    put(Self.enumTag)
                    put(position)
                } else if let number = Self.digits(part) {
                    guard at + 2 + 8 <= bytes.count else { return nil }
                    put(Self.digitsTag)
                    put(UInt8(part.utf8.count))
                    withUnsafeBytes(of: number.littleEndian) { for byte in $0 { put(byte) } }
                } else {
                    let utf8 = part.utf8
                    guard at + 2 + utf8.count <= bytes.count, utf8.allSatisfy({ $0 < 0x80 })
                    else { return nil }
                    put(Self.textTag)
                    put(UInt8(utf8.count))
                    for byte in utf8 { put(byte) }
                }
            }
            return at
        }
    }

    /// `text` as a base-11 number (digits 0–9, X as 10) when it is 1–18 of those characters.
    private static func digits(_ text: String) -> UInt64? {
        let utf8 = text.utf8
        guard (1...maximumDigits).contains(utf8.count) else { return nil }
        var number: UInt64 = 0
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): number = number * 11 + UInt64(byte - 0x30)
            case UInt8(ascii: "X"): number = number * 11 + 10
            default: return nil
            }
        }
        return number
    }
}

/// A map from keys to first rows spread over tables that each grow by themselves, so that
/// growing never holds two copies of the whole map at once.
private struct SpreadTables<Key: Hashable> {
    private static var count: Int { 64 }
    private var tables = [[Key: UInt32]](repeating: [:], count: count)

    mutating func firstRow(of key: Key, row: Int) -> Int? {
        let table = Int(UInt(bitPattern: key.hashValue) % UInt(Self.count))
        if let first = tables[table][key] { return Int(first) }
        tables[table][key] = UInt32(row)
        return nil
    }
}
