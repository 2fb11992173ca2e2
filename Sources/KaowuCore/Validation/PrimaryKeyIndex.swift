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
/// doubling one big dictionary briefly held both copies. Packed keys now live in a table of
/// their own (`FirstRowTable`) with rows as 32-bit numbers.
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
    private var narrow = FirstRowTable<Narrow>()
    private var wide = FirstRowTable<Wide>()
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

/// Keys and the row each was first seen in: the keys and rows in two arrays in arrival order,
/// found through an open-addressing table of 32-bit positions (linear probing, at most 3/4
/// full). At a million ID keys that is 16 + 4 bytes a key and 8 MB of slots, about 28 MB, where
/// a `Dictionary` held 40 MB; growing copies only the slots, not the keys.
private struct FirstRowTable<Key: Hashable> {
    private var keys: [Key] = []
    private var rows: [UInt32] = []
    /// A position in `keys` plus one, 0 for an empty slot; the count is a power of two.
    private var slots = [UInt32](repeating: 0, count: 1 << 10)

    mutating func firstRow(of key: Key, row: Int) -> Int? {
        let mask = slots.count - 1
        var slot = Int(bitPattern: UInt(bitPattern: key.hashValue)) & mask
        while slots[slot] != 0 {
            let position = Int(slots[slot]) - 1
            if keys[position] == key { return Int(rows[position]) }
            slot = (slot + 1) & mask
        }
        keys.append(key)
        rows.append(UInt32(row))
        slots[slot] = UInt32(keys.count)
        if keys.count * 4 > slots.count * 3 { grow() }
        return nil
    }

    private mutating func grow() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (position, key) in keys.enumerated() {
            var slot = Int(bitPattern: UInt(bitPattern: key.hashValue)) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(position + 1)
        }
        slots = larger
    }
}
